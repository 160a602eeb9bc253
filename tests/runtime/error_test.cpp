// Database errors: the class for each kind of failure, what they carry (SQL, parameters,
// driver code), and the connection still usable after them; on every backend.
#include "ormc/error.hpp"

#include <chrono>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

#include <doctest/doctest.h>

#include "ormc/connection.hpp"
#include "ormc/engine.hpp"
#include "runtime_model.hpp"
#include "support/test_backends.hpp"

using ormc_test::placeholders;
using ormc_test::TestDatabase;

TEST_CASE("errors: a duplicate unique value is an IntegrityError with SQL, params and code") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    rt::schema.create_all(db.engine());
    auto conn = db.engine().connect();
    const std::string sql =
        placeholders(conn.dialect(), "INSERT INTO users (username, email) VALUES ($, $)");
    conn.prepare(sql).bind_all("alice", "a@example.com").execute();
    try {
      conn.prepare(sql).bind_all("alice", "other@example.com").execute();
      FAIL("no error");
    } catch (const ormc::IntegrityError& e) {
      CHECK(e.sql() == sql);
      CHECK(e.params() == std::vector<std::string>{"'alice'", "'other@example.com'"});
      const std::string what = e.what();
      CHECK(what.find("params: ('alice', 'other@example.com')") != std::string::npos);
      if (backend.postgresql()) {
        CHECK(e.sqlstate() == "23505");
        CHECK(e.driver_code() == 0);
        CHECK(e.info().code_name == "unique_violation");
        CHECK(e.driver_message().find("uq_users_username") != std::string::npos);
        CHECK(what.find("IntegrityError: duplicate key value violates unique constraint") == 0);
        CHECK(what.find("unique_violation") != std::string::npos);
        CHECK(what.find("Key (username)=(alice) already exists") != std::string::npos);
      } else {
        CHECK(e.sqlstate().empty());
        CHECK(e.driver_code() == 2067);  // SQLITE_CONSTRAINT_UNIQUE
        CHECK(e.driver_message().find("users.username") != std::string::npos);
        CHECK(what.find("IntegrityError: UNIQUE constraint failed: users.username") == 0);
        CHECK(what.find("SQLITE_CONSTRAINT_UNIQUE") != std::string::npos);
      }
    }
    // Still usable, with the same cached statement.
    CHECK(conn.prepare(sql).bind_all("bob", "b@example.com").execute() == 1);
    CHECK(conn.prepare("SELECT count(*) FROM users").query().scalar<int>() == 2);
  }
}

TEST_CASE("errors: not-null, check and foreign key violations are IntegrityErrors") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto conn = db.engine().connect();
    conn.execute(
        "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
        "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL "
        "REFERENCES parent(id), n INTEGER CHECK (n > 0))");
    // Each database words it its own way.
    const bool pg = backend.postgresql();
    CHECK_THROWS_WITH_AS(conn.execute_raw("INSERT INTO child (id, parent_id) VALUES (1, NULL)"),
                         doctest::Contains(pg ? "violates not-null constraint" : "NOT NULL"),
                         ormc::IntegrityError);
    CHECK_THROWS_WITH_AS(conn.execute_raw("INSERT INTO child (id, parent_id) VALUES (1, 99)"),
                         doctest::Contains(pg ? "violates foreign key constraint" : "FOREIGN KEY"),
                         ormc::IntegrityError);
    conn.execute_raw("INSERT INTO parent (id) VALUES (1)");
    CHECK_THROWS_WITH_AS(
        conn.execute_raw("INSERT INTO child (id, parent_id, n) VALUES (1, 1, :n)", {{"n", -5}}),
        doctest::Contains(pg ? "violates check constraint" : "CHECK"), ormc::IntegrityError);
    CHECK_THROWS_AS(conn.execute_raw("INSERT INTO parent (id) VALUES (1)"), ormc::IntegrityError);
    CHECK(conn.query<int>("SELECT count(*) FROM child") == std::vector<int>{0});
  }
}

TEST_CASE("errors: foreign keys can be switched off from the URL, on SQLite only") {
  FOR_EACH_BACKEND(backend) {
    if (backend.postgresql()) {
      // A PostgreSQL foreign key cannot be switched off per connection: the option is
      // refused instead of ignored.
      CHECK_THROWS_WITH_AS(TestDatabase(backend, {}, "foreign_keys=off"),
                           doctest::Contains("unknown option 'foreign_keys'"), ormc::ArgumentError);
      continue;
    }
    TestDatabase db(backend, {}, "foreign_keys=off");
    auto conn = db.engine().connect();
    conn.execute(
        "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
        "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id))");
    CHECK_NOTHROW(conn.execute_raw("INSERT INTO child (id, parent_id) VALUES (1, 99)"));
  }
}

TEST_CASE("errors: a write blocked by another connection is an OperationalError after a timeout") {
  FOR_EACH_BACKEND(backend) {
    if (backend.sqlite_memory()) {
      // One handle for the whole engine, so there is no other connection to be blocked by:
      // the option is still accepted.
      TestDatabase db(backend, {}, "busy_timeout_ms=50");
      CHECK(db.engine().options().busy_timeout == std::chrono::milliseconds(50));
      continue;
    }
    // SQLite waits busy_timeout for the file lock; PostgreSQL waits for the row lock until
    // statement_timeout cancels the statement.
    TestDatabase db(backend, {},
                    backend.postgresql() ? "statement_timeout=50" : "busy_timeout_ms=50");
    auto& engine = db.engine();
    auto writer = engine.connect();
    writer.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
    writer.execute("INSERT INTO t VALUES (1)");
    writer.begin();
    writer.execute("UPDATE t SET id = 10 WHERE id = 1");
    auto other = engine.connect();
    CHECK_THROWS_WITH_AS(
        other.execute("UPDATE t SET id = 20 WHERE id = 1"),
        doctest::Contains(backend.postgresql() ? "canceling statement due to statement timeout"
                                               : "database is locked"),
        ormc::OperationalError);
    writer.commit();
    CHECK_NOTHROW(other.execute("UPDATE t SET id = 30 WHERE id = 10"));
    CHECK(other.query<int>("SELECT id FROM t") == std::vector<int>{30});
  }
}

TEST_CASE("errors: the hierarchy mirrors SQLAlchemy's") {
  static_assert(std::is_base_of_v<ormc::Error, ormc::DatabaseError>);
  static_assert(std::is_base_of_v<ormc::DatabaseError, ormc::IntegrityError>);
  static_assert(std::is_base_of_v<ormc::DatabaseError, ormc::OperationalError>);
  static_assert(std::is_base_of_v<ormc::DatabaseError, ormc::ProgrammingError>);
  static_assert(std::is_base_of_v<ormc::DatabaseError, ormc::DataError>);
  static_assert(std::is_base_of_v<ormc::Error, ormc::NoResultFound>);
  static_assert(std::is_base_of_v<ormc::Error, ormc::MultipleResultsFound>);
  static_assert(std::is_base_of_v<ormc::Error, ormc::DetachedInstanceError>);
  static_assert(std::is_base_of_v<ormc::Error, ormc::InvalidRequestError>);
  static_assert(std::is_base_of_v<ormc::Error, ormc::ArgumentError>);
  static_assert(std::is_base_of_v<std::runtime_error, ormc::Error>);
  CHECK(true);
}

TEST_CASE("errors: a Time outside a day cannot be bound (DataError)") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto conn = db.engine().connect();
    auto statement = conn.prepare(placeholders(conn.dialect(), "SELECT CAST($ AS TIME)"));
    CHECK_THROWS_AS(statement.bind(1, ormc::Time{std::chrono::hours{25}}), ormc::DataError);
  }
}
