// ORM vs raw sqlite3, same process, same data: bulk insert in one transaction, get by
// primary key with an empty identity map, and loading every row. Prints a markdown table
// of times and ORM/raw ratios for docs/perf.md.
//
//   ormc_sqlite_bench [ROWS]      default 100000
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include <sqlite3.h>

#include "bench.orm.hpp"
#include "ormc/engine.hpp"
#include "ormc/query.hpp"
#include "ormc/session.hpp"

namespace {

using bench::Item;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

void check(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
  }
}

std::vector<Item> make_items(int rows) {
  std::vector<Item> items;
  items.reserve(static_cast<std::size_t>(rows));
  for (int i = 0; i < rows; ++i) {
    items.push_back(Item{.name = "item " + std::to_string(i),
                         .qty = i % 1000,
                         .price = i * 0.25,
                         .note = i % 3 == 0 ? std::optional<std::string>("note") : std::nullopt});
  }
  return items;
}

const char* create_sql =
    "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL, qty INTEGER NOT NULL, "
    "price REAL NOT NULL, note TEXT)";

struct Raw {
  sqlite3* db = nullptr;
  Raw(const std::string& path, bool create) {
    check(sqlite3_open(path.c_str(), &db), db, "open");
    if (create) check(sqlite3_exec(db, create_sql, nullptr, nullptr, nullptr), db, "create");
  }
  ~Raw() { sqlite3_close(db); }

  double insert(const std::vector<Item>& items) {
    auto start = Clock::now();
    check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
    sqlite3_stmt* st = nullptr;
    check(
        sqlite3_prepare_v2(db, "INSERT INTO items (name, qty, price, note) VALUES (?1, ?2, ?3, ?4)",
                           -1, &st, nullptr),
        db, "prepare");
    for (const Item& item : items) {
      sqlite3_bind_text(st, 1, item.name.data(), static_cast<int>(item.name.size()), SQLITE_STATIC);
      sqlite3_bind_int(st, 2, item.qty);
      sqlite3_bind_double(st, 3, item.price);
      if (item.note) {
        sqlite3_bind_text(st, 4, item.note->data(), static_cast<int>(item.note->size()),
                          SQLITE_STATIC);
      } else {
        sqlite3_bind_null(st, 4);
      }
      check(sqlite3_step(st), db, "step");
      sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    return seconds_since(start);
  }

  //! UPDATE of one column per row by key, in one transaction.
  double update(int rows, int qty) {
    auto start = Clock::now();
    check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
    sqlite3_stmt* st = nullptr;
    check(sqlite3_prepare_v2(db, "UPDATE items SET qty = ?1 WHERE id = ?2", -1, &st, nullptr), db,
          "prepare");
    for (int id = 1; id <= rows; ++id) {
      sqlite3_bind_int(st, 1, qty);
      sqlite3_bind_int64(st, 2, id);
      check(sqlite3_step(st), db, "step");
      sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    return seconds_since(start);
  }

  static Item read(sqlite3_stmt* st) {
    Item item;
    item.id = sqlite3_column_int64(st, 0);
    item.name.assign(reinterpret_cast<const char*>(sqlite3_column_text(st, 1)),
                     static_cast<std::size_t>(sqlite3_column_bytes(st, 1)));
    item.qty = sqlite3_column_int(st, 2);
    item.price = sqlite3_column_double(st, 3);
    if (sqlite3_column_type(st, 4) != SQLITE_NULL) {
      item.note.emplace(reinterpret_cast<const char*>(sqlite3_column_text(st, 4)),
                        static_cast<std::size_t>(sqlite3_column_bytes(st, 4)));
    }
    return item;
  }

  // Inside one read transaction, as a Session runs its queries: in autocommit every
  // statement would take and release the file lock.
  double get_by_key(int rows, long long& checksum) {
    auto start = Clock::now();
    check(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
    sqlite3_stmt* st = nullptr;
    check(sqlite3_prepare_v2(db, "SELECT id, name, qty, price, note FROM items WHERE id = ?1", -1,
                             &st, nullptr),
          db, "prepare");
    for (int id = 1; id <= rows; ++id) {
      sqlite3_bind_int64(st, 1, id);
      if (sqlite3_step(st) == SQLITE_ROW) checksum += read(st).qty;
      sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    check(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    return seconds_since(start);
  }

  double load_all(long long& checksum) {
    auto start = Clock::now();
    sqlite3_stmt* st = nullptr;
    check(sqlite3_prepare_v2(db, "SELECT id, name, qty, price, note FROM items", -1, &st, nullptr),
          db, "prepare");
    std::vector<Item> items;
    while (sqlite3_step(st) == SQLITE_ROW) items.push_back(read(st));
    sqlite3_finalize(st);
    for (const Item& item : items) checksum += item.qty;
    return seconds_since(start);
  }
};

//! The fastest of three runs: the figure least disturbed by the rest of the machine.
template <typename F>
double best_of_3(F&& run) {
  double best = run();
  for (int i = 0; i < 2; ++i) best = std::min(best, run());
  return best;
}

struct Row {
  const char* workload;
  double raw;
  double orm;
  const char* how;
};

}  // namespace

int main(int argc, char** argv) {
  const int rows = argc > 1 ? std::atoi(argv[1]) : 100000;
  const auto dir = std::filesystem::temp_directory_path();
  const std::string raw_path = (dir / "ormc_bench_raw.db").string();
  const std::string orm_path = (dir / "ormc_bench_orm.db").string();
  const std::string session_path = (dir / "ormc_bench_session.db").string();
  for (const auto& path : {raw_path, orm_path, session_path}) std::filesystem::remove(path);

  const std::vector<Item> items = make_items(rows);
  std::vector<Row> results;
  long long raw_sum = 0;
  long long orm_sum = 0;

  // Writes: each side into a fresh database of its own.
  double raw_insert = Raw(raw_path, true).insert(items);
  auto engine = ormc::Engine::connect("sqlite:///" + orm_path);
  bench::schema.create_all(engine);
  {
    auto start = Clock::now();
    ormc::Connection conn = engine.connect();
    ormc::insert<Item>().values(items).execute(conn);
    results.push_back({"insert rows in one transaction", raw_insert, seconds_since(start),
                       "Core insert<Item>().values(vector)"});
  }
  auto session_engine = ormc::Engine::connect("sqlite:///" + session_path);
  bench::schema.create_all(session_engine);
  {
    auto start = Clock::now();
    ormc::Session session(session_engine);
    for (const Item& item : items) session.add(item);
    session.commit();
    results.push_back({"insert rows in one transaction", raw_insert, seconds_since(start),
                       "Session add() x N + commit()"});
  }

  // Updates: one column of every row changed. Raw: an UPDATE per row by key; the Session:
  // the objects loaded (not timed), each changed, commit() (dirty tracking: one UPDATE of
  // the changed column per object).
  {
    const double raw_update = Raw(raw_path, false).update(rows, 7);
    ormc::Session session(session_engine);
    std::vector<std::reference_wrapper<Item>> loaded = session.query<Item>().all();
    auto start = Clock::now();
    for (Item& item : loaded) item.qty = 7;
    session.commit();
    results.push_back({"update one column of every row", raw_update, seconds_since(start),
                       "Session: change each object + commit()"});
  }

  // Reads: both sides on the same database file, best of three runs each.
  Raw raw(orm_path, false);
  double raw_get = best_of_3([&] { return raw.get_by_key(rows, raw_sum); });
  results.push_back({"get by primary key, empty identity map", raw_get, best_of_3([&] {
                       auto start = Clock::now();
                       ormc::Session session(engine);
                       for (std::int64_t id = 1; id <= rows; ++id) {
                         if (const Item* item = session.get<Item>(id)) orm_sum += item->qty;
                       }
                       return seconds_since(start);
                     }),
                     "Session get<Item>(id)"});
  double raw_load = best_of_3([&] { return raw.load_all(raw_sum); });
  ormc::Connection conn = engine.connect();
  results.push_back({"load every row", raw_load, best_of_3([&] {
                       auto start = Clock::now();
                       auto loaded = ormc::select<Item>().all(conn);
                       for (const Item& item : loaded) orm_sum += item.qty;
                       return seconds_since(start);
                     }),
                     "Core select<Item>().all()"});
  results.push_back({"load every row", raw_load, best_of_3([&] {
                       auto start = Clock::now();
                       ormc::Session session(engine);
                       auto loaded = session.query<Item>().all();
                       for (const Item& item : loaded) orm_sum += item.qty;
                       return seconds_since(start);
                     }),
                     "Session query<Item>().all() (identity map)"});
  // Each read ran three times; the ORM read the rows three ways (get, Core, Session), raw two.
  if (raw_sum / 2 * 3 != orm_sum) {
    std::fprintf(stderr, "checksums differ: raw %lld, orm %lld\n", raw_sum, orm_sum);
    return 1;
  }

  std::printf(
      "| workload (%d rows, SQLite file, WAL off) | ORM path | raw sqlite3 ms | ORM ms | ORM / raw "
      "|\n",
      rows);
  std::printf("|---|---|---:|---:|---:|\n");
  for (const Row& r : results) {
    std::printf("| %s | %s | %.1f | %.1f | %.2f |\n", r.workload, r.how, r.raw * 1000, r.orm * 1000,
                r.orm / r.raw);
  }
  for (const auto& path : {raw_path, orm_path, session_path}) std::filesystem::remove(path);
  return 0;
}
