// Database errors: the class for each kind of failure, what they carry (SQL, parameters,
// driver code), and the connection still usable after them.
#include "ormc/error.hpp"

#include <stdexcept>
#include <string>
#include <type_traits>

#include <doctest/doctest.h>

#include "backends.hpp"
#include "ormc/connection.hpp"
#include "ormc/engine.hpp"
#include "runtime_model.hpp"

using rt_test::backends;
using rt_test::placeholders;

TEST_CASE("errors: a duplicate unique value is an IntegrityError with SQL, params and code") {
  for (const auto& backend : backends()) {
    INFO("backend: " << backend.name);
    auto engine = rt_test::fresh_engine(backend);
    rt::schema.create_all(engine);
    auto conn = engine.connect();
    const std::string sql =
        placeholders(conn.dialect(), "INSERT INTO users (username, email) VALUES ($, $)");
    conn.prepare(sql).bind_all("alice", "a@example.com").execute();
    try {
      conn.prepare(sql).bind_all("alice", "other@example.com").execute();
      FAIL("no error");
    } catch (const ormc::IntegrityError& e) {
      CHECK(e.sql() == sql);
      CHECK(e.params() == std::vector<std::string>{"'alice'", "'other@example.com'"});
      CHECK(e.driver_code() == 2067);  // SQLITE_CONSTRAINT_UNIQUE
      CHECK(e.driver_message().find("users.username") != std::string::npos);
      const std::string what = e.what();
      CHECK(what.find("IntegrityError: UNIQUE constraint failed: users.username") == 0);
      CHECK(what.find("SQLITE_CONSTRAINT_UNIQUE") != std::string::npos);
      CHECK(what.find("params: ('alice', 'other@example.com')") != std::string::npos);
    }
    // Still usable, with the same cached statement.
    CHECK(conn.prepare(sql).bind_all("bob", "b@example.com").execute() == 1);
    CHECK(conn.prepare("SELECT count(*) FROM users").query().scalar<int>() == 2);
  }
}

TEST_CASE("errors: not-null, check and foreign key violations are IntegrityErrors") {
  for (const auto& backend : backends()) {
    INFO("backend: " << backend.name);
    auto engine = rt_test::fresh_engine(backend);
    auto conn = engine.connect();
    conn.execute(
        "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
        "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL "
        "REFERENCES parent(id), n INTEGER CHECK (n > 0))");
    CHECK_THROWS_WITH_AS(conn.execute_raw("INSERT INTO child (id, parent_id) VALUES (1, NULL)"),
                         doctest::Contains("NOT NULL"), ormc::IntegrityError);
    CHECK_THROWS_WITH_AS(conn.execute_raw("INSERT INTO child (id, parent_id) VALUES (1, 99)"),
                         doctest::Contains("FOREIGN KEY"), ormc::IntegrityError);
    conn.execute_raw("INSERT INTO parent (id) VALUES (1)");
    CHECK_THROWS_WITH_AS(
        conn.execute_raw("INSERT INTO child (id, parent_id, n) VALUES (1, 1, :n)", {{"n", -5}}),
        doctest::Contains("CHECK"), ormc::IntegrityError);
    CHECK_THROWS_AS(conn.execute_raw("INSERT INTO parent (id) VALUES (1)"), ormc::IntegrityError);
  }
}

TEST_CASE("errors: foreign keys can be switched off from the URL") {
  auto engine = ormc::Engine::connect("sqlite://:memory:?foreign_keys=off");
  auto conn = engine.connect();
  conn.execute(
      "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
      "CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id))");
  CHECK_NOTHROW(conn.execute_raw("INSERT INTO child (id, parent_id) VALUES (1, 99)"));
}

TEST_CASE("errors: a locked database is an OperationalError after busy_timeout") {
  const auto url = rt_test::fresh_url(rt_test::backends()[1], "busy_timeout_ms=50");
  auto engine = ormc::Engine::connect(url);
  auto writer = engine.connect();
  writer.execute("CREATE TABLE t (id INTEGER)");
  writer.begin();
  writer.execute("INSERT INTO t VALUES (1)");
  auto other = engine.connect();
  CHECK_THROWS_WITH_AS(other.execute("INSERT INTO t VALUES (2)"),
                       doctest::Contains("database is locked"), ormc::OperationalError);
  writer.commit();
  CHECK_NOTHROW(other.execute("INSERT INTO t VALUES (2)"));
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
  auto engine = ormc::Engine::connect("sqlite://:memory:");
  auto conn = engine.connect();
  CHECK_THROWS_AS(conn.prepare("SELECT ?1").bind(1, ormc::Time{std::chrono::hours{25}}),
                  ormc::DataError);
}
