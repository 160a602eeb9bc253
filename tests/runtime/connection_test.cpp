// Connections: executing DDL, the prepared-statement cache and its counters, file and
// :memory: databases, create_all / drop_all; each on every backend.
#include "ormc/connection.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <tuple>

#include <doctest/doctest.h>

#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "runtime_model.hpp"
#include "support/test_backends.hpp"

using ormc_test::placeholders;
using ormc_test::TestDatabase;

TEST_CASE("connection: DDL, insert, select, rows affected") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto conn = db.engine().connect();
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
    auto insert =
        conn.prepare(placeholders(conn.dialect(), "INSERT INTO t (id, name) VALUES ($, $)"));
    CHECK(insert.parameter_count() == 2);
    CHECK(insert.bind(1, 1).bind(2, "one").execute() == 1);
    CHECK(insert.bind(1, 2).bind(2, std::string("two")).execute() == 1);
    CHECK(conn.prepare("UPDATE t SET name = name || '!'").execute() == 2);
    const auto rows = conn.prepare("SELECT id, name FROM t ORDER BY id")
                          .query()
                          .all<std::tuple<std::int64_t, std::string>>();
    REQUIRE(rows.size() == 2);
    CHECK(rows[1] == std::tuple<std::int64_t, std::string>{2, "two!"});
    CHECK(conn.prepare("SELECT count(*) FROM t").query().scalar<std::int64_t>() == 2);
  }
}

TEST_CASE("connection: the statement cache is hit for the same SQL and counted") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto& engine = db.engine();
    auto conn = engine.connect();
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
    engine.reset_stats();
    const std::string sql = placeholders(conn.dialect(), "INSERT INTO t (id) VALUES ($)");
    for (int i = 0; i < 5; ++i) conn.prepare(sql).bind(1, i).execute();
    const auto stats = engine.stats();
    CHECK(stats.prepares == 1);
    CHECK(stats.cache_hits == 4);
    CHECK(stats.statements == 5);
    CHECK(conn.cached_statements() == 1);
  }
}

TEST_CASE("connection: the cache is bounded and the least recently used statement goes") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend, {}, "statement_cache_size=2");
    auto& engine = db.engine();
    auto conn = engine.connect();
    (void)conn.prepare("SELECT 1").query().scalar<int>();
    (void)conn.prepare("SELECT 2").query().scalar<int>();
    (void)conn.prepare("SELECT 1").query().scalar<int>();  // 1 is now the most recent
    (void)conn.prepare("SELECT 3").query().scalar<int>();  // evicts 2
    CHECK(conn.cached_statements() == 2);
    engine.reset_stats();
    (void)conn.prepare("SELECT 1").query().scalar<int>();
    (void)conn.prepare("SELECT 2").query().scalar<int>();
    CHECK(engine.stats().cache_hits == 1);
    CHECK(engine.stats().prepares == 1);
  }
}

TEST_CASE("connection: a statement in use is not handed out twice") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto conn = db.engine().connect();
    conn.execute("CREATE TABLE t (id INTEGER); INSERT INTO t VALUES (1), (2)");
    auto outer = conn.prepare("SELECT id FROM t ORDER BY id").query();
    int pairs = 0;
    while (outer.next()) {
      // The same SQL while the first is still stepping: a second statement, not the first.
      pairs +=
          static_cast<int>(conn.prepare("SELECT id FROM t ORDER BY id").query().all<int>().size());
    }
    CHECK(pairs == 4);
  }
}

TEST_CASE("connection: SQL the database cannot compile is a ProgrammingError") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto conn = db.engine().connect();
    CHECK_THROWS_AS((void)conn.prepare("SELEC 1"), ormc::ProgrammingError);
    // The message is the database's own.
    const char* missing = backend.postgresql() ? "relation \"missing_table\" does not exist"
                                               : "no such table: missing_table";
    CHECK_THROWS_WITH_AS((void)conn.prepare("SELECT * FROM missing_table"),
                         doctest::Contains(missing), ormc::ProgrammingError);
    CHECK_THROWS_AS((void)conn.prepare("SELECT 1; SELECT 2"), ormc::ProgrammingError);
    if (!backend.postgresql()) {  // PostgreSQL's own message says so on its side
      CHECK_THROWS_WITH_AS((void)conn.prepare("SELECT 1; SELECT 2"),
                           doctest::Contains("one statement"), ormc::ProgrammingError);
    } else {
      CHECK_THROWS_WITH_AS((void)conn.prepare("SELECT 1; SELECT 2"),
                           doctest::Contains("multiple commands"), ormc::ProgrammingError);
    }
    CHECK_THROWS_AS(conn.execute("CREATE TABLE"), ormc::ProgrammingError);
    CHECK(conn.prepare("SELECT 7").query().scalar<int>() == 7);  // still usable
  }
}

TEST_CASE("connection: bind index and count are checked") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto conn = db.engine().connect();
    // Typed parameters: PostgreSQL cannot infer the type of `$1 + $2` alone.
    auto statement = conn.prepare(
        placeholders(conn.dialect(), "SELECT CAST($ AS INTEGER) + CAST($ AS INTEGER)"));
    CHECK(statement.parameter_count() == 2);
    CHECK_THROWS_WITH_AS(statement.bind(3, 1), doctest::Contains("parameter 3 does not exist"),
                         ormc::ArgumentError);
    CHECK_THROWS_AS(statement.bind(0, 1), ormc::ArgumentError);
    CHECK_THROWS_AS(statement.bind_all(1), ormc::ArgumentError);
    CHECK(statement.bind_all(2, 3).query().scalar<int>() == 5);
  }
}

TEST_CASE("connection: a statement re-executes with new bindings and a query can be borrowed") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto conn = db.engine().connect();
    auto square = conn.prepare(
        placeholders(conn.dialect(), "SELECT CAST($1 AS INTEGER) * CAST($1 AS INTEGER)"));
    CHECK(square.parameter_count() == 1);
    for (int i = 1; i <= 3; ++i) {
      auto result = square.bind(1, i).query();
      REQUIRE(result.next());
      CHECK(result.row().get<int>(0) == i * i);
      CHECK_FALSE(result.next());
    }
  }
}

TEST_CASE("connection: committed rows are seen by the engine's next connection") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto& engine = db.engine();
    {
      auto writer = engine.connect();
      writer.execute("CREATE TABLE t (id INTEGER)");
      writer.execute("INSERT INTO t VALUES (42)");
    }
    auto reader = engine.connect();
    CHECK(reader.prepare("SELECT id FROM t").query().scalar<int>() == 42);
  }
}

// A reader in the middle of a transaction and a writer committing: SQLite's default
// rollback journal makes the COMMIT wait for the reader (then "database is locked"); WAL
// lets both go on, the reader keeping its snapshot. PostgreSQL always does the latter.
TEST_CASE("connection: journal_mode=wal lets a writer commit while a reader reads") {
  FOR_EACH_BACKEND(backend) {
    if (backend.sqlite_memory()) continue;  // one shared handle: no second connection
    if (backend.postgresql()) {
      CHECK_THROWS_WITH_AS(TestDatabase(backend, {}, "journal_mode=wal"),
                           doctest::Contains("unknown option 'journal_mode'"), ormc::ArgumentError);
      continue;
    }
    for (const bool wal : {false, true}) {
      CAPTURE(wal);
      TestDatabase db(backend, {},
                      wal ? "journal_mode=WAL&busy_timeout_ms=50" : "busy_timeout_ms=50");
      auto reader = db.engine().connect();
      CHECK(reader.query<std::string>("PRAGMA journal_mode").at(0) == (wal ? "wal" : "delete"));
      reader.execute("CREATE TABLE t (id INTEGER)");
      reader.execute("INSERT INTO t VALUES (1)");
      reader.begin();
      CHECK(reader.prepare("SELECT count(*) FROM t").query().scalar<int>() == 1);
      auto writer = db.engine().connect();
      writer.begin();
      writer.execute("INSERT INTO t VALUES (2)");
      if (wal) {
        CHECK_NOTHROW(writer.commit());
        CHECK(reader.prepare("SELECT count(*) FROM t").query().scalar<int>() == 1);  // its snapshot
      } else {
        CHECK_THROWS_WITH_AS(writer.commit(), doctest::Contains("locked"), ormc::OperationalError);
        writer.rollback();
      }
      reader.commit();
    }
    CHECK_THROWS_WITH_AS(TestDatabase(backend, {}, "journal_mode=fast"),
                         doctest::Contains("journal_mode 'fast': expected wal"),
                         ormc::ArgumentError);
  }
}

TEST_CASE("connection: :memory: is lent to one thread at a time, other databases are not") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto& engine = db.engine();
    auto first = engine.connect();
    first.execute("CREATE TABLE t (id INTEGER)");
    {
      auto second = engine.connect();  // same thread: no deadlock on any backend
      second.execute("INSERT INTO t VALUES (1)");
    }
    std::atomic<bool> other_done{false};
    std::thread other([&] {
      auto conn = engine.connect();  // :memory: waits until `first` is closed
      conn.execute("INSERT INTO t VALUES (2)");
      other_done = true;
    });
    if (backend.sqlite_memory()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      CHECK_FALSE(other_done.load());
      first.close();
      other.join();
    } else {
      // A file or a server: the other thread gets a connection of its own while `first`
      // is still open (no transaction holds a lock).
      other.join();
      CHECK_FALSE(first.closed());
      first.close();
    }
    CHECK(other_done.load());
    auto conn = engine.connect();
    CHECK(conn.prepare("SELECT count(*) FROM t").query().scalar<int>() == 2);
  }
}

TEST_CASE("connection: NullPool opens one driver connection per connection, counted") {
  FOR_EACH_BACKEND(backend) {
    // NullPool: a new handle per connection (the default QueuePool keeps them; tests/pool/).
    ormc::EngineOptions options;
    options.pool.pool_class = ormc::PoolClass::null;
    if (backend.sqlite_memory()) {
      // The database lives in its one handle: a pool that closes handles would lose it.
      CHECK_THROWS_AS(TestDatabase(backend, options), ormc::ArgumentError);
      continue;
    }
    TestDatabase db(backend, options);
    auto& engine = db.engine();
    engine.reset_stats();
    {
      auto a = engine.connect();
      auto b = engine.connect();
    }
    CHECK(engine.stats().connections_opened == 2);
  }
}

TEST_CASE("connection: a closed connection refuses work") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto conn = db.engine().connect();
    conn.close();
    CHECK(conn.closed());
    CHECK_THROWS_AS(conn.execute("SELECT 1"), ormc::InvalidRequestError);
    CHECK_THROWS_AS((void)conn.prepare("SELECT 1"), ormc::InvalidRequestError);
  }
}

TEST_CASE("schema: create_all and drop_all run the dialect's DDL") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto& engine = db.engine();
    rt::schema.create_all(engine);
    rt::schema.create_all(engine);  // IF NOT EXISTS: a second run changes nothing
    auto conn = engine.connect();
    CHECK(conn.prepare("SELECT count(*) FROM users").query().scalar<int>() == 0);
    conn.close();
    rt::schema.drop_all(engine);
    conn = engine.connect();
    // On :memory: the statement is still cached: it fails when run, not when prepared.
    const char* missing =
        backend.postgresql() ? "relation \"users\" does not exist" : "no such table: users";
    CHECK_THROWS_WITH_AS((void)conn.prepare("SELECT count(*) FROM users").query(),
                         doctest::Contains(missing), ormc::ProgrammingError);
    if (backend.postgresql()) {
      // drop_all dropped the enum type too: create_all works again from nothing.
      rt::schema.create_all(engine);
      CHECK(conn.prepare("SELECT count(*) FROM users").query().scalar<int>() == 0);
    }
  }
}

TEST_CASE("connection: last_insert_rowid on SQLite and RETURNING everywhere") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    rt::schema.create_all(db.engine());
    auto conn = db.engine().connect();
    conn.prepare(placeholders(conn.dialect(), "INSERT INTO users (username, email) VALUES ($, $)"))
        .bind_all("a", "a@x")
        .execute();
    if (backend.postgresql()) {
      // PostgreSQL has no rowid: the driver answers 0 (pg_connection.hpp), never a
      // stale or made-up id; portable code uses RETURNING.
      CHECK(conn.last_insert_rowid() == 0);
    } else {
      CHECK(conn.last_insert_rowid() == 1);
    }
    const auto id =
        conn.prepare(placeholders(conn.dialect(),
                                  "INSERT INTO users (username, email) VALUES ($, $) RETURNING id"))
            .bind_all("b", "b@x")
            .query()
            .scalar<std::int64_t>();
    CHECK(id == 2);
  }
}
