// A Session (and a Connection) after its connection was lost or invalidated, on every
// backend: the session refuses work until rollback(), rollback() drops the connection and
// restores the objects, and the next use takes a new connection from the pool
// (SQLAlchemy's invalidation on a disconnect). A lost connection is made by the server on
// PostgreSQL (pg_terminate_backend from another connection) and by the test hook
// SqliteConnection::simulate_disconnect() on a SQLite file; a SQLite :memory: database is
// its one handle and cannot be lost, so there only invalidate() by hand is checked.
// tests/postgres/fault_test.cpp has the same on a real server for restarts and pipelines.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "ormc/expr.hpp"
#include "ormc/session.hpp"
#include "session_fixture.hpp"
#include "sqlite/sqlite_connection.hpp"
#include "support/test_backends.hpp"
#include "test_model.hpp"

namespace {

using session_test::alice;
using session_test::Fixture;
using testdb::User;
namespace user = testdb::user;

User named(std::string_view name) {
  return User{.username = std::string(name), .email = std::string(name) + "@example.com"};
}

//! Whether a connection of the backend can be lost (not :memory:: the handle is the
//! database).
bool can_lose(const ormc_test::Backend& backend) { return !backend.sqlite_memory(); }

//! A connection to lose later as a dead server would (the connection does not know until
//! its next use): its backend terminated from another connection on PostgreSQL, its handle
//! closed by the test hook on a SQLite file.
class Victim {
 public:
  Victim(const ormc_test::Backend& backend, ormc::Connection& conn) : backend_(backend) {
    if (backend.postgresql()) {
      pid_ = conn.query<std::int64_t>("SELECT pg_backend_pid()").at(0);
    } else {
      handle_ = &dynamic_cast<ormc::sqlite::SqliteConnection&>(conn.driver());
    }
  }

  void kill() {
    if (handle_ != nullptr) {
      handle_->simulate_disconnect();
      return;
    }
    auto admin = ormc::Engine::connect(*backend_.url).connect();
    REQUIRE(admin.prepare("SELECT pg_terminate_backend($1, 5000)")
                .bind(1, pid_)
                .query()
                .scalar<bool>());
  }

 private:
  const ormc_test::Backend& backend_;
  std::int64_t pid_ = 0;
  ormc::sqlite::SqliteConnection* handle_ = nullptr;
};

//! The usernames in the database, read on a connection of their own.
std::vector<std::string> usernames(Fixture& db) {
  auto conn = db.engine.connect();
  return conn.query<std::string>("SELECT username FROM users ORDER BY username");
}

}  // namespace

TEST_CASE("Connection::invalidate: the pool closes the connection, its transaction is gone") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    db.engine.reset_stats();
    std::vector<std::string> reasons;
    const auto listener = db.engine.on_pool_event([&](const ormc::PoolEvent& event) {
      if (event.kind == ormc::PoolEventKind::close) reasons.emplace_back(event.reason);
    });
    {
      auto conn = db.engine.connect();
      conn.begin();
      conn.execute("INSERT INTO users (username, email) VALUES ('ghost', 'g@example.com')");
      conn.invalidate();
      CHECK(conn.closed());
      CHECK_THROWS_AS(conn.execute("SELECT 1"), ormc::InvalidRequestError);
      conn.invalidate();  // twice: nothing more happens
    }
    CHECK(usernames(db).empty());  // the transaction ended with the connection
    const ormc::PoolStats pool = db.engine.stats().pool;
    if (backend.sqlite_memory()) {
      // The one handle is the database: rolled back and kept, as dispose() keeps it.
      CHECK(pool.open == 1);
      CHECK(reasons.empty());
    } else {
      CHECK(pool.invalidated == 1);
      CHECK(pool.open == pool.idle);
      CHECK(reasons == std::vector<std::string>{"invalidated"});
    }
    db.engine.remove_listener(listener);
    auto conn = db.engine.connect();
    conn.execute("INSERT INTO users (username, email) VALUES ('after', 'a@example.com')");
    CHECK(usernames(db) == std::vector<std::string>{"after"});
  }
}

TEST_CASE("a session whose connection is invalidated in its transaction needs rollback()") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    ormc::Session session(db.engine);
    User& a = session.add(alice());
    session.commit();
    db.engine.reset_stats();
    a.age = 31;
    User& b = session.add(named("bob"));
    session.flush();
    session.connection().invalidate();  // by hand: the transaction goes with it

    // Committing now would silently commit nothing of bob: refused instead, until rollback().
    CHECK_THROWS_WITH_AS(session.commit(), doctest::Contains("call rollback()"),
                         ormc::InvalidRequestError);
    CHECK_THROWS_AS((void)session.query<User>().count(), ormc::InvalidRequestError);
    CHECK_THROWS_AS(session.add(named("carol")), ormc::InvalidRequestError);
    session.rollback();
    CHECK(a.age == 30);
    CHECK(session.state(a) == ormc::ObjectState::persistent);
    CHECK(session.state(b) == ormc::ObjectState::transient);

    CHECK(session.query<User>().count() == 1);
    session.add(named("carol"));
    session.commit();
    CHECK(usernames(db) == std::vector<std::string>{"alice", "carol"});
    CHECK(db.engine.stats().pool.invalidated == (backend.sqlite_memory() ? 0 : 1));
  }
}

TEST_CASE("a connection lost in a session's transaction: OperationalError, rollback, new one") {
  FOR_EACH_BACKEND(backend) {
    if (!can_lose(backend)) continue;
    for (const bool pre_ping : {false, true}) {
      CAPTURE(pre_ping);
      Fixture db(backend, pre_ping ? "pool_pre_ping=true" : "");
      ormc::Session session(db.engine);
      User& a = session.add(alice());
      User& d = session.add(named("dave"));
      session.commit();
      db.engine.reset_stats();

      a.age = 99;                           // dirty, flushed below
      session.remove(d);                    // deleted, flushed below
      User& b = session.add(named("bob"));  // inserted by the flush below
      session.flush();
      User& c = session.add(named("carol"));  // pending, never flushed
      Victim(backend, session.connection()).kill();

      CHECK_THROWS_AS(session.commit(), ormc::OperationalError);  // the flush of carol
      // Refused until rollback(), whatever the use (SQLAlchemy's PendingRollbackError).
      CHECK_THROWS_WITH_AS((void)session.query<User>().count(),
                           doctest::Contains("call rollback()"), ormc::InvalidRequestError);
      CHECK_THROWS_AS(session.commit(), ormc::InvalidRequestError);
      session.rollback();
      CHECK(db.engine.stats().pool.invalidated == 1);  // dropped at rollback(), not reused

      // The objects: back to what the database holds.
      CHECK(session.state(a) == ormc::ObjectState::persistent);
      CHECK(a.age == 30);
      CHECK(session.state(d) == ormc::ObjectState::persistent);
      CHECK(session.state(b) == ormc::ObjectState::transient);
      CHECK(session.state(c) == ormc::ObjectState::transient);

      // The same session works again, on a new connection.
      CHECK(session.query<User>().count() == 2);
      CHECK(session.get<User>(d.id) == &d);
      session.add(named("erin"));
      a.age = 31;
      session.commit();
      CHECK(usernames(db) == std::vector<std::string>{"alice", "dave", "erin"});
      CHECK(session.query<User>().where(user::username == "alice").one().age == 31);
      session.commit();
      const ormc::PoolStats pool = db.engine.stats().pool;
      CHECK(pool.invalidated == 1);
      CHECK(pool.checked_out == 1);  // the session's
    }
  }
}

TEST_CASE("a connection lost between a session's transactions: one failure, none with pre_ping") {
  FOR_EACH_BACKEND(backend) {
    if (!can_lose(backend)) continue;
    for (const bool pre_ping : {false, true}) {
      CAPTURE(pre_ping);
      Fixture db(backend, pre_ping ? "pool_pre_ping=true" : "");
      ormc::Session session(db.engine);
      User& a = session.add(alice());
      Victim victim(backend, session.connection());
      session.commit();  // the session keeps its connection for its next transaction
      victim.kill();
      db.engine.reset_stats();

      // Without pre-ping the next transaction's BEGIN meets the lost connection once; the
      // use after it takes a new one. With it, the session pings the connection it kept
      // when it begins a transaction, and replaces it unseen.
      int failures = 0;
      for (int attempt = 0; attempt < 3; ++attempt) {
        try {
          session.add(named("user" + std::to_string(attempt)));
          session.commit();
          break;
        } catch (const ormc::OperationalError&) {
          ++failures;
          session.rollback();
        }
      }
      CHECK(failures == (pre_ping ? 0 : 1));
      CHECK(session.state(a) == ormc::ObjectState::persistent);
      CHECK(usernames(db) == std::vector<std::string>{"alice", pre_ping ? "user0" : "user1"});
      CHECK(db.engine.stats().pool.invalidated == 1);
    }
  }
}
