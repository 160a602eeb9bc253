// What exact decimals cost on SQLite: a decimal(12, 2) column as the NUMERIC (REAL) column of
// earlier ormc versions and as ormc's TEXT COLLATE ormc_decimal, summed, multiplied, sorted
// and indexed in an in-memory database, and summed as window functions; each figure the best of
// several runs (docs/perf.md).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <tuple>

#include "ormc/connection.hpp"
#include "ormc/engine.hpp"
#include "ormc/raw_sql.hpp"

namespace {

template <typename F>
double best_ms(int runs, F&& run) {
  double best = 1e300;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    run();
    const std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - start;
    best = std::min(best, took.count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  const int rows = argc > 1 ? std::atoi(argv[1]) : 200000;
  ormc::Engine engine = ormc::Engine::connect("sqlite://:memory:");
  ormc::Connection conn = engine.connect();
  conn.execute("CREATE TABLE real_amounts (x NUMERIC NOT NULL)");
  conn.execute("CREATE TABLE text_amounts (x TEXT COLLATE ormc_decimal NOT NULL)");
  conn.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " +
               std::to_string(rows) +
               ") INSERT INTO real_amounts SELECT printf('%d.%02d', (i * 7919) % 100000, i % 100) "
               "FROM n");
  conn.execute("INSERT INTO text_amounts SELECT printf('%.2f', x) FROM real_amounts");
  struct Workload {
    const char* what;
    std::string numeric_sql;
    std::string text_sql;
    int runs;
  };
  const Workload workloads[] = {
      {"sum(x)", "SELECT SUM(x) FROM real_amounts", "SELECT ormc_dec_sum(x) FROM text_amounts", 5},
      {"sum(x * 3)", "SELECT SUM(x * 3) FROM real_amounts",
       "SELECT ormc_dec_sum(ormc_dec_mul(x, 3)) FROM text_amounts", 5},
      {"running sum(x) OVER (ORDER BY rowid)",
       "SELECT SUM(x) OVER (ORDER BY rowid) FROM real_amounts",
       "SELECT ormc_dec_sum(x) OVER (ORDER BY rowid) FROM text_amounts", 3},
      {"sum(x) over the last 10 rows",
       "SELECT SUM(x) OVER (ORDER BY rowid ROWS BETWEEN 9 PRECEDING AND CURRENT ROW) FROM "
       "real_amounts",
       "SELECT ormc_dec_sum(x) OVER (ORDER BY rowid ROWS BETWEEN 9 PRECEDING AND CURRENT ROW) "
       "FROM text_amounts",
       3},
      {"ORDER BY x", "SELECT x FROM real_amounts ORDER BY x",
       "SELECT x FROM text_amounts ORDER BY x", 3},
      {"CREATE INDEX on x",
       "DROP INDEX IF EXISTS ix_real; CREATE INDEX ix_real ON real_amounts (x)",
       "DROP INDEX IF EXISTS ix_text; CREATE INDEX ix_text ON text_amounts (x)", 3},
  };
  std::printf(
      "| workload (%d rows, SQLite in memory) | NUMERIC (REAL) ms | TEXT COLLATE ormc_decimal ms | "
      "ratio |\n",
      rows);
  std::printf("|---|---:|---:|---:|\n");
  for (const Workload& w : workloads) {
    auto run = [&](const std::string& sql) {
      return best_ms(w.runs, [&] {
        if (sql.starts_with("SELECT")) {
          (void)conn.query<std::tuple<ormc::Value>>(sql);
        } else {
          conn.execute(sql);
        }
      });
    };
    const double numeric = run(w.numeric_sql);
    const double text = run(w.text_sql);
    std::printf("| %s | %.1f | %.1f | %.1f |\n", w.what, numeric, text, text / numeric);
  }
}
