// The workloads W1-W6 of issue 9, W7-W8 of issue 10 and W4 of issue 11, ORM against
// hand-written sqlite3 / libpq in one process: each path run alternately several times,
// the medians, the ORM/raw ratios and the statement counts printed as markdown tables for
// docs/perf.md, and the peak resident memory of W3 with each path in a process of its own.
// Every run's data is checked: the paths of a workload must write or read the same rows
// (count and checksum), else the program fails; the test suite runs it on a few hundred
// rows for that alone.
//
//   ormc_workloads_bench sqlite|postgres [ROWS] [--repetitions N] [--only W7,W8]
//                                                  ROWS 100000, N 5; W1 always runs (it
//                                                  fills the table), --only picks the rest
//
// SQLite: a file in the temp directory. PostgreSQL: ORMC_BENCH_POSTGRES_URL, else
// ORMC_TEST_POSTGRES_URL, else libpq's environment (PG*; pg_virtualenv sets them); the run
// works in a schema of its own, dropped at the end. With --skip-without-server, no server
// configured exits 77 (ctest's skip) unless CI=true.
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cinttypes>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "harness.hpp"
#include "orm_paths.hpp"
#include "ormc/engine.hpp"
#include "raw_postgres.hpp"
#include "raw_sqlite.hpp"
#include "workloads.orm.hpp"

namespace {

using namespace wl_bench;

const char* environment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : nullptr;
}

std::string postgres_url() {
  for (const char* name : {"ORMC_BENCH_POSTGRES_URL", "ORMC_TEST_POSTGRES_URL"}) {
    if (const char* url = environment(name)) return url;
  }
  return "postgresql://";
}

bool postgres_configured() {
  for (const char* name :
       {"ORMC_BENCH_POSTGRES_URL", "ORMC_TEST_POSTGRES_URL", "PGHOST", "PGDATABASE"}) {
    if (environment(name) != nullptr) return true;
  }
  return false;
}

std::string with_search_path(std::string url, const std::string& schema) {
  url += url.find('?') == std::string::npos ? '?' : '&';
  return url + "options=-csearch_path%3D" + schema;
}

// ---------------------------------------------------------------------------------------
// W3 in a process of its own: this program re-executed with --rss-child, so that the peak
// resident set is W3's alone, not the benchmark's (which holds the users it inserts).

struct Footprint {
  long start_kib = 0;  //!< VmHWM before the workload: the program and its libraries
  long peak_kib = 0;   //!< VmHWM after it
  Outcome outcome;
};

//! The child's side: runs W3 once through `path` and prints "start peak rows checksum".
int rss_child(const std::string& backend, const std::string& path, const std::string& target) {
  const long start = peak_rss_kib();
  Outcome outcome;
  if (path == "raw") {
    if (backend == "sqlite") {
      RawSqlite raw(target);
      outcome = raw.load_older();
    } else {
      RawPostgres raw(target);
      outcome = raw.load_older();
    }
  } else {
    ormc::Engine engine =
        ormc::Engine::connect(backend == "sqlite" ? "sqlite:///" + target : target);
    outcome = path == "session" ? orm::session_query(engine) : orm::core_select(engine);
  }
  std::printf("%ld %ld %" PRId64 " %" PRIu64 "\n", start, peak_rss_kib(), outcome.rows,
              outcome.checksum);
  return 0;
}

//! The parent's side: runs the child and reads what it printed.
Footprint measure_in_child(const std::string& backend, const std::string& path,
                           const std::string& target) {
  int pipe_fds[2];
  if (pipe(pipe_fds) != 0) throw std::runtime_error("pipe");
  std::fflush(stdout);
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork");
  if (pid == 0) {
    dup2(pipe_fds[1], STDOUT_FILENO);
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    const char* argv[] = {"ormc_workloads_bench", "--rss-child",  backend.c_str(),
                          path.c_str(),           target.c_str(), nullptr};
    execv("/proc/self/exe", const_cast<char* const*>(argv));
    _exit(127);
  }
  close(pipe_fds[1]);
  std::string output;
  char buffer[256];
  ssize_t n = 0;
  while ((n = read(pipe_fds[0], buffer, sizeof buffer)) > 0) {
    output.append(buffer, static_cast<std::size_t>(n));
  }
  close(pipe_fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  Footprint f;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 ||
      std::sscanf(output.c_str(), "%ld %ld %" SCNd64 " %" SCNu64, &f.start_kib, &f.peak_kib,
                  &f.outcome.rows, &f.outcome.checksum) != 4) {
    throw std::runtime_error("W3 child (" + path + ") failed: " + output);
  }
  return f;
}

// ---------------------------------------------------------------------------------------

struct Run {
  std::vector<std::string> table;  //!< the lines of the W1-W6 table
  std::vector<std::string> rss;    //!< the lines of W3's memory table
  std::int64_t w3_rows = 0;
  std::vector<std::string> notes;  //!< what was not measured, and why
  std::string only;                //!< --only W7,W8: the workloads to run after W1; all if empty
};

//! W1's check: what a path inserted, read back (untimed).
template <typename Raw>
Outcome with_table_check(Raw& raw, Outcome outcome) {
  const Outcome table = raw.table_outcome();
  outcome.rows = table.rows;
  outcome.checksum = table.checksum;
  return outcome;
}

//! W5's check: every loaded user's age went up by one (untimed).
template <typename Raw>
Path w5_path(Raw& raw, std::int64_t n, std::string label, std::function<Outcome()> update) {
  return {std::move(label), [&raw, n, update = std::move(update)] {
            const std::int64_t before = raw.age_sum(n);
            Outcome outcome = update();
            if (raw.age_sum(n) - before != outcome.rows) {
              throw std::runtime_error("W5: the ages did not all move by one");
            }
            return outcome;
          }};
}

template <typename Raw>
void run_workloads(const std::string& backend, ormc::Engine& engine, Raw& raw,
                   const std::string& child_target, std::int64_t rows, int repetitions, Run& run) {
  constexpr bool postgres = std::is_same_v<Raw, RawPostgres>;
  const std::vector<User> users = make_users(rows);
  const std::string n = std::to_string(rows);
  auto wanted = [&run](const char* w) {
    return run.only.empty() ||
           ("," + run.only + ",").find("," + std::string(w) + ",") != std::string::npos;
  };
  auto report = [&](const Workload& w) {
    std::fprintf(stderr, "==> %s: %s\n", backend.c_str(), w.name.c_str());
    add_rows(w, measure(w, repetitions), run.table);
  };

  // W1: into emptied tables (emptied before each run, untimed).
  {
    auto fresh = [&raw](std::string label, std::function<Outcome()> insert) {
      return Path{std::move(label), [&raw, insert = std::move(insert)] {
                    raw.reset();
                    return with_table_check(raw, insert());
                  }};
    };
    Workload w{"W1 insert " + n + " users, one transaction", {}, {}};
    w.paths.push_back(
        fresh("Session add() x N + commit()", [&] { return orm::session_insert(engine, users); }));
    w.paths.push_back(fresh("Core insert<User>().values(vector)",
                            [&] { return orm::core_insert(engine, users); }));
    if constexpr (postgres) {
      w.paths.push_back(
          fresh("per-row INSERT, a round trip each", [&] { return raw.insert_per_row(users); }));
      w.paths.push_back(
          fresh("per-row INSERT, one pipeline", [&] { return raw.insert_pipelined(users); }));
      w.paths.push_back(fresh("COPY FROM STDIN (text)", [&] { return raw.insert_copy(users); }));
      // The Session sends this many new objects by COPY (SessionOptions::copy_threshold);
      // path 5 is the same Session with COPY off (an INSERT per object, pipelined).
      w.paths.push_back(fresh("Session add() x N + commit(), copy_threshold = 0",
                              [&] { return orm::session_insert_without_copy(engine, users); }));
      w.paths.push_back(fresh("Core insert<User>().values(vector).copy() (binary)",
                              [&] { return orm::core_copy(engine, users); }));
      w.comparisons = {{0, 4}, {5, 3}, {5, 2}, {1, 3}, {1, 4}, {6, 4}};
    } else {
      w.paths.push_back(fresh("per-row INSERT", [&] { return raw.insert(users); }));
      w.comparisons = {{0, 2}, {1, 2}};
    }
    report(w);
  }
  raw.analyze();

  // W2: every id once, shuffled; a fresh Session per run, so every get() is a SELECT.
  if (wanted("W2")) {
    const std::vector<std::int64_t> ids = shuffled_ids(rows);
    Workload w{"W2 get " + n + " users by key, shuffled, no identity-map hits", {}, {{0, 1}}};
    w.paths.push_back({"Session get<User>(id)", [&] { return orm::session_get(engine, ids); }});
    w.paths.push_back({"SELECT by id", [&] { return raw.get_by_key(ids); }});
    report(w);
  }

  // W3: the users older than 30, ordered by id.
  Outcome w3_reference;
  if (wanted("W3")) {
    Workload w{"W3 load users with age > 30 by id", {}, {{0, 2}, {1, 2}}};
    w.paths.push_back({"Session query<User>()", [&] { return orm::session_query(engine); }});
    w.paths.push_back({"Core select<User>()", [&] { return orm::core_select(engine); }});
    w.paths.push_back({"SELECT, rows into structs", [&] {
                         Outcome o = raw.load_older();
                         w3_reference = o;
                         return o;
                       }});
    report(w);
  }

  // W3's peak resident memory, each path in a process of its own.
  if (wanted("W3")) {
    std::fprintf(stderr, "==> %s: W3 peak RSS\n", backend.c_str());
    const char* paths[] = {"session", "core", "raw"};
    std::vector<std::vector<Footprint>> footprints(3);
    for (int rep = 0; rep < repetitions; ++rep) {
      for (int k = 0; k < 3; ++k) {
        const int i = rep % 2 == 0 ? k : 2 - k;
        Footprint f = measure_in_child(backend, paths[i], child_target);
        if (f.outcome.rows != w3_reference.rows || f.outcome.checksum != w3_reference.checksum) {
          throw std::runtime_error(std::string("W3 child ") + paths[i] +
                                   " read other rows than the W3 runs");
        }
        footprints[static_cast<std::size_t>(i)].push_back(f);
      }
    }
    auto median = [](std::vector<Footprint> fs, long Footprint::*field) {
      std::sort(fs.begin(), fs.end(),
                [field](const Footprint& a, const Footprint& b) { return a.*field < b.*field; });
      return fs[fs.size() / 2].*field;
    };
    const long raw_peak = median(footprints[2], &Footprint::peak_kib);
    const long raw_growth = raw_peak - median(footprints[2], &Footprint::start_kib);
    const char* labels[] = {"Session query<User>()", "Core select<User>()", "raw SELECT"};
    for (int i = 0; i < 3; ++i) {
      const long peak = median(footprints[static_cast<std::size_t>(i)], &Footprint::peak_kib);
      const long growth =
          peak - median(footprints[static_cast<std::size_t>(i)], &Footprint::start_kib);
      char line[256];
      std::snprintf(line, sizeof line, "| %s | %.1f | %.1f | %.2f | %.2f |", labels[i],
                    static_cast<double>(peak) / 1024, static_cast<double>(growth) / 1024,
                    static_cast<double>(peak) / static_cast<double>(raw_peak),
                    static_cast<double>(growth) / static_cast<double>(std::max(raw_growth, 1L)));
      run.rss.emplace_back(line);
    }
    run.w3_rows = w3_reference.rows;
  }

  // W6: age, count(*), avg(id) grouped by age, into typed tuples.
  if (wanted("W6")) {
    Workload w{"W6 SELECT age, count(*), avg(id) GROUP BY age", {}, {{0, 1}}};
    w.paths.push_back({"Core select(age, count_all(), avg(id)) into tuples",
                       [&] { return orm::core_group_by(engine); }});
    w.paths.push_back({"SELECT, rows into structs", [&] { return raw.group_by_age(); }});
    report(w);
  }

  // W7 and W8 read ages too: before W5. Posts and comments filled untimed. Both read one
  // row per user older than 30 (each user has one post, each post one comment): W3's rows.
  raw.fill_posts_and_comments();
  if (!wanted("W3")) w3_reference = raw.load_older();  // untimed: W7's and W8's row count
  auto w3_rows = [&w3_reference](std::string label, std::function<Outcome()> read) {
    return Path{std::move(label), [&w3_reference, read = std::move(read)] {
                  Outcome outcome = read();
                  if (outcome.rows != w3_reference.rows) {
                    throw std::runtime_error("W7/W8 read " + std::to_string(outcome.rows) +
                                             " rows, not one per user older than 30 (" +
                                             std::to_string(w3_reference.rows) + ")");
                  }
                  return outcome;
                }};
  };
  // W7 and W8 on connections opened for them, one per path, after the fill: the same
  // statement ran 20-40% slower or faster on PostgreSQL depending on what the backend had
  // run before (W1's inserts, COPY, the fill), whichever path it belonged to, so reading on
  // the connections W1 used measured their pasts (docs/perf.md).
  ormc::Engine read_engine =
      ormc::Engine::connect(postgres ? child_target : "sqlite:///" + child_target);
  Raw read_raw(child_target);
  if (wanted("W7")) {
    Workload w{"W7 SELECT comments JOIN posts JOIN users WHERE age > 30 ORDER BY comment id",
               {},
               {{0, 1}}};
    w.paths.push_back(w3_rows("Core select(...).select_from<Comment>().join<Post>().join<User>()",
                              [&] { return orm::core_join(read_engine); }));
    w.paths.push_back(
        w3_rows("the same SELECT, rows into structs", [&] { return read_raw.join_comments(); }));
    report(w);
  }
  if (wanted("W8")) {
    Workload w{
        "W8 SELECT id, row_number() OVER (PARTITION BY age ORDER BY id), running "
        "sum(age) OVER (PARTITION BY is_active ORDER BY id) WHERE age > 30",
        {},
        {{0, 1}}};
    w.paths.push_back(w3_rows("Core select(id, row_number().over(...), sum(age).over(...))",
                              [&] { return orm::core_window(read_engine); }));
    w.paths.push_back(
        w3_rows("the same SELECT, rows into structs", [&] { return read_raw.window_users(); }));
    report(w);
  }

  // W5 last: it changes ages, which W3 and W6 read.
  if (wanted("W5")) {
    const std::int64_t k = w5_rows(rows);
    Workload w{"W5 load " + std::to_string(k) + " users, change one column each, commit", {}, {}};
    w.paths.push_back(w5_path(raw, k, "Session: query, change age, commit()",
                              [&engine, k] { return orm::session_update(engine, k); }));
    if constexpr (postgres) {
      w.paths.push_back(w5_path(raw, k, "SELECT, per-row UPDATE, a round trip each",
                                [&raw, k] { return raw.update(k, false); }));
      w.paths.push_back(w5_path(raw, k, "SELECT, per-row UPDATE, one pipeline",
                                [&raw, k] { return raw.update(k, true); }));
      w.comparisons = {{0, 1}, {0, 2}};
    } else {
      w.paths.push_back(
          w5_path(raw, k, "SELECT, per-row UPDATE", [&raw, k] { return raw.update(k); }));
      w.comparisons = {{0, 1}};
    }
    report(w);
  }

  // W4 after W5 (it empties posts and comments, which W7 reads): users 1..1,000 with ten
  // posts each (filled untimed), each user's posts loaded lazily (1 + 1,000 statements), by
  // selectin (1 + 1 or 2) or joined (1), against the same statements by hand.
  if (wanted("W4")) {
    const std::int64_t k = w4_users(rows);
    raw.fill_posts_of_users(k);
    Workload w{"W4 load " + std::to_string(k) + " users and their " +
                   std::to_string(k * w4_posts_per_user) + " posts (ten each)",
               {},
               {{0, 3}, {1, 4}, {2, 5}}};
    w.paths.push_back({"Session query<User>(), lazy `for (Post& p : user.posts)`",
                       [&engine, k] { return orm::session_posts_lazy(engine, k); }});
    w.paths.push_back({"Session query<User>().load(selectin(user::posts))",
                       [&engine, k] { return orm::session_posts_selectin(engine, k); }});
    w.paths.push_back({"Session query<User>().load(joined(user::posts))",
                       [&engine, k] { return orm::session_posts_joined(engine, k); }});
    w.paths.push_back({"SELECT users, then a SELECT of posts per user",
                       [&raw, k] { return raw.users_with_posts_lazy(k); }});
    w.paths.push_back(
        {postgres ? "SELECT users, then posts WHERE author_id = ANY($1), grouped by hand"
                  : "SELECT users, then posts WHERE author_id IN (500 ids), grouped by hand",
         [&raw, k] { return raw.users_with_posts_selectin(k); }});
    w.paths.push_back({"SELECT users LEFT JOIN posts, users de-duplicated by hand",
                       [&raw, k] { return raw.users_with_posts_joined(k); }});
    report(w);
  }
}

void print(const std::string& title, const std::string& driver, const Run& run) {
  std::printf("%s\n\n", title.c_str());
  for (const std::string& line : table_header(driver)) std::printf("%s\n", line.c_str());
  for (const std::string& line : run.table) std::printf("%s\n", line.c_str());
  if (!run.rss.empty()) {  // W3 not left out by --only
    std::printf("\n| W3 in a process of its own (%" PRId64
                " users loaded) | peak RSS MiB | growth MiB | peak / raw | growth / raw "
                "|\n|---|---:|---:|---:|---:|\n",
                run.w3_rows);
    for (const std::string& line : run.rss) std::printf("%s\n", line.c_str());
  }
  for (const std::string& line : run.notes) std::printf("\n%s\n", line.c_str());
  std::printf("\n");
  std::fflush(stdout);
}

//! A PostgreSQL schema of this run's own, dropped at the end.
class ScratchSchema {
 public:
  explicit ScratchSchema(const std::string& url)
      : admin_(url, false), name_("ormc_workloads_" + std::to_string(::getpid())) {
    admin_.exec("DROP SCHEMA IF EXISTS " + name_ + " CASCADE");
    admin_.exec("CREATE SCHEMA " + name_);
  }
  ~ScratchSchema() {
    try {
      admin_.exec("DROP SCHEMA IF EXISTS " + name_ + " CASCADE");
    } catch (...) {  // NOLINT(bugprone-empty-catch): best effort at exit
    }
  }
  ScratchSchema(const ScratchSchema&) = delete;
  ScratchSchema& operator=(const ScratchSchema&) = delete;
  [[nodiscard]] const std::string& name() const { return name_; }

 private:
  RawPostgres admin_;
  std::string name_;
};

int usage() {
  std::fprintf(stderr,
               "usage: ormc_workloads_bench sqlite|postgres [ROWS] [--repetitions N] "
               "[--skip-without-server] [--only W2,W3,W4,W5,W6,W7,W8]\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.size() == 4 && args[0] == "--rss-child") return rss_child(args[1], args[2], args[3]);
    if (args.empty() || (args[0] != "sqlite" && args[0] != "postgres")) return usage();
    const std::string& backend = args[0];
    std::int64_t rows = 100000;
    int repetitions = 5;
    bool skip_without_server = false;
    std::string only;
    for (std::size_t i = 1; i < args.size(); ++i) {
      if (args[i] == "--repetitions" && i + 1 < args.size()) {
        repetitions = std::atoi(args[++i].c_str());
      } else if (args[i] == "--skip-without-server") {
        skip_without_server = true;
      } else if (args[i] == "--only" && i + 1 < args.size()) {
        only = args[++i];
      } else if (!args[i].empty() && std::isdigit(static_cast<unsigned char>(args[i][0]))) {
        rows = std::atoll(args[i].c_str());
      } else {
        return usage();
      }
    }
    if (rows < 1 || repetitions < 1) return usage();

    Run run;
    run.only = only;
    if (backend == "sqlite") {
      const std::string path = (std::filesystem::temp_directory_path() /
                                ("ormc_workloads_" + std::to_string(::getpid()) + ".db"))
                                   .string();
      std::filesystem::remove(path);
      {
        ormc::Engine engine = ormc::Engine::connect("sqlite:///" + path);
        wl::schema.create_all(engine);
        RawSqlite raw(path);
        run_workloads(backend, engine, raw, path, rows, repetitions, run);
      }
      std::filesystem::remove(path);
      print("SQLite " SQLITE_VERSION ", a file in the temp directory (rollback journal); " +
                std::to_string(rows) + " rows, median of " + std::to_string(repetitions) + " runs:",
            "sqlite3", run);
    } else {
      if (!postgres_configured() && skip_without_server) {
        if (environment("CI") == nullptr || std::string_view(environment("CI")) != "true") {
          std::printf(
              "SKIPPED: no PostgreSQL server configured (PGHOST, PGDATABASE or "
              "ORMC_TEST_POSTGRES_URL); run under pg_virtualenv\n");
          return 77;
        }
        std::fprintf(stderr, "CI=true and no PostgreSQL server configured\n");
        return 1;
      }
      const std::string url = postgres_url();
      ScratchSchema schema(url);
      const std::string schema_url = with_search_path(url, schema.name());
      {
        ormc::Engine engine = ormc::Engine::connect(schema_url);
        wl::schema.create_all(engine);
        RawPostgres raw(schema_url);
        run_workloads(backend, engine, raw, schema_url, rows, repetitions, run);
      }
      print("PostgreSQL, same host; " + std::to_string(rows) + " rows, median of " +
                std::to_string(repetitions) + " runs:",
            "libpq", run);
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ormc_workloads_bench: %s\n", e.what());
    return 1;
  }
}
