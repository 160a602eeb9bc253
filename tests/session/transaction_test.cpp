// The Session's transactions: isolation levels, read-only, serialization failures and
// their retry, SQLite WAL snapshots, on every backend
// (SQLite; PostgreSQL when a server is configured: test_backends.hpp).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>

#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "ormc/expr.hpp"
#include "ormc/session.hpp"
#include "session_fixture.hpp"
#include "support/test_backends.hpp"
#include "test_model.hpp"

namespace {

using session_test::alice;
using session_test::Fixture;
using testdb::Post;
using testdb::User;
namespace user = testdb::user;

}  // namespace

namespace {

//! The isolation level the connection's open transaction runs at (PostgreSQL).
std::string transaction_isolation(ormc::Connection& conn) {
  return std::get<0>(conn.query<std::tuple<std::string>>("SHOW transaction_isolation").at(0));
}

}  // namespace

TEST_CASE("isolation levels: the engine's default, a session's own, a transaction's own") {
  FOR_EACH_BACKEND(backend) {
    if (!backend.postgresql()) {
      // SQLite transactions are always serializable: other levels are refused up front.
      ormc_test::TestDatabase serializable(backend, {}, "isolation_level=serializable");
      ormc::Session session(serializable.engine());
      CHECK_NOTHROW(session.connection());
      CHECK_THROWS_WITH_AS(ormc_test::TestDatabase(backend, {}, "isolation_level=read_committed"),
                           doctest::Contains("not available on SQLite"), ormc::ArgumentError);
      ormc_test::TestDatabase plain(backend);
      ormc::Session repeatable(
          plain.engine(), {.transaction = {.isolation = ormc::IsolationLevel::repeatable_read}});
      CHECK_THROWS_AS(repeatable.connection(), ormc::ArgumentError);
      continue;
    }
    ormc_test::TestDatabase db(backend, {}, "isolation_level=REPEATABLE%20READ");
    CHECK(db.engine().options().isolation_level == ormc::IsolationLevel::repeatable_read);
    {
      ormc::Session session(db.engine());
      CHECK(transaction_isolation(session.connection()) == "repeatable read");
    }
    {
      ormc::Session session(db.engine(),
                            {.transaction = {.isolation = ormc::IsolationLevel::serializable}});
      CHECK(transaction_isolation(session.connection()) == "serializable");
    }
    {
      ormc::Connection conn = db.engine().connect();
      conn.begin({.isolation = ormc::IsolationLevel::read_committed, .read_only = true});
      CHECK(transaction_isolation(conn) == "read committed");
      CHECK_THROWS_AS(conn.execute("CREATE TABLE t (x integer)"), ormc::DatabaseError);
    }
    CHECK_THROWS_WITH_AS(ormc_test::TestDatabase(backend, {}, "isolation_level=chaos"),
                         doctest::Contains("isolation_level=chaos: expected read_committed"),
                         ormc::ArgumentError);
  }
}

// Write skew: each transaction reads the other's rows, then writes. Under SERIALIZABLE
// PostgreSQL aborts one of them with SQLSTATE 40001, surfaced as SerializationError so
// that the caller retries; nothing of the failed attempt remains.
TEST_CASE("a serialization failure is a SerializationError, and a retry succeeds") {
  FOR_EACH_BACKEND(backend) {
    if (backend.sqlite_memory()) continue;  // one shared handle: no concurrent transactions
    Fixture db(backend, backend.postgresql() ? "" : "busy_timeout_ms=100");
    // (On SQLite in WAL mode the loser gets a SerializationError too: the next test.)
    {
      ormc::Session setup(db.engine);
      setup.add(alice());
      setup.commit();
    }
    const ormc::SessionOptions serializable{
        .transaction = {.isolation = ormc::IsolationLevel::serializable}};
    ormc::Session first(db.engine, serializable);
    ormc::Session second(db.engine, serializable);
    const std::int64_t seen_by_first = first.query<User>().count();
    const std::int64_t seen_by_second = second.query<User>().count();
    CHECK(seen_by_first == seen_by_second);
    first.add(User{.username = "u" + std::to_string(seen_by_first), .email = "1@example.com"});
    first.flush();
    if (backend.postgresql()) {
      second.add(User{.username = "v" + std::to_string(seen_by_second), .email = "2@example.com"});
      second.flush();
      first.commit();
      CHECK_THROWS_AS(second.commit(), ormc::SerializationError);
    } else {
      // SQLite lets one writer in at a time: the second one's write waits for the lock
      // (busy_timeout) and, as the first holds it, fails with "database is locked".
      User& late = second.add(User{.username = "v", .email = "2@example.com"});
      (void)late;
      CHECK_THROWS_WITH_AS(second.flush(), doctest::Contains("locked"), ormc::OperationalError);
      first.commit();
    }
    second.rollback();
    // The retry sees the committed row and goes through.
    second.add(User{.username = "v" + std::to_string(second.query<User>().count()),
                    .email = "2@example.com"});
    CHECK_NOTHROW(second.commit());
    ormc::Session check(db.engine);
    CHECK(check.query<User>().count() == 3);
    CHECK(check.query<User>().where(user::email == "2@example.com").count() == 1);
  }
}

// On PostgreSQL a run of objects of one model is flushed as one batch (one pipeline): each
// inserted object must still get its own row back, and a failure must leave nothing.
TEST_CASE("SQLite WAL: writing on a stale snapshot is a SerializationError, and a retry works") {
  FOR_EACH_BACKEND(backend) {
    if (!backend.sqlite_file()) continue;
    Fixture db(backend, "journal_mode=wal&busy_timeout_ms=100");
    {
      ormc::Session setup(db.engine);
      setup.add(alice());
      setup.commit();
    }
    ormc::Session first(db.engine);
    ormc::Session second(db.engine);
    CHECK(first.query<User>().count() == 1);   // first's snapshot
    CHECK(second.query<User>().count() == 1);  // second's
    first.add(User{.username = "bob", .email = "bob@example.com"});
    first.commit();
    second.add(User{.username = "carol", .email = "carol@example.com"});
    CHECK_THROWS_AS(second.commit(), ormc::SerializationError);
    second.rollback();
    second.add(User{.username = "carol", .email = "carol@example.com"});
    CHECK_NOTHROW(second.commit());
    CHECK(second.query<User>().count() == 3);
  }
}
