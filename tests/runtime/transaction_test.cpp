// Transactions: commit, rollback, the RAII guard, savepoints, isolation levels, and that
// nothing of a failed transaction is visible afterwards; on every backend.
#include "ormc/transaction.hpp"

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "ormc/connection.hpp"
#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "runtime_model.hpp"
#include "support/test_backends.hpp"

using ormc_test::TestDatabase;

namespace {

int count_users(ormc::Engine& engine) {
  auto conn = engine.connect();
  return conn.prepare("SELECT count(*) FROM users").query().scalar<int>();
}

void add_user(ormc::Connection& conn, const char* name) {
  conn.execute_raw("INSERT INTO users (username, email) VALUES (:n, :n)", {{"n", name}});
}

}  // namespace

TEST_CASE("transaction: commit makes changes visible, rollback discards them") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto& engine = db.engine();
    rt::schema.create_all(engine);
    {
      auto conn = engine.connect();
      conn.begin();
      CHECK(conn.in_transaction());
      add_user(conn, "a");
      conn.commit();
      CHECK_FALSE(conn.in_transaction());
      conn.begin();
      add_user(conn, "b");
      conn.rollback();
    }
    CHECK(count_users(engine) == 1);
    CHECK(engine.stats().commits == 2);  // create_all's and ours
    CHECK(engine.stats().rollbacks == 1);
  }
}

TEST_CASE("transaction: a failed transaction leaves nothing visible") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto& engine = db.engine();
    rt::schema.create_all(engine);
    {
      auto conn = engine.connect();
      try {
        ormc::Transaction tx(conn);
        add_user(conn, "first");
        add_user(conn, "second");
        add_user(conn, "first");  // duplicate username: IntegrityError
        tx.commit();
        FAIL("the duplicate was accepted");
      } catch (const ormc::IntegrityError&) {
      }
      CHECK_FALSE(conn.in_transaction());
    }
    CHECK(count_users(engine) == 0);
  }
}

TEST_CASE("transaction: the guard rolls back on an exception and on an early exit") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto& engine = db.engine();
    rt::schema.create_all(engine);
    auto conn = engine.connect();
    CHECK_THROWS_AS(
        [&] {
          ormc::Transaction tx(conn);
          add_user(conn, "x");
          throw std::runtime_error("application failure");
        }(),
        std::runtime_error);
    {
      ormc::Transaction tx(conn);
      add_user(conn, "y");
    }
    {
      ormc::Transaction tx(conn);
      add_user(conn, "kept");
      tx.commit();
      CHECK_FALSE(tx.active());
      CHECK_THROWS_AS(tx.commit(), ormc::InvalidRequestError);
    }
    CHECK(conn.query<std::string>("SELECT username FROM users") ==
          std::vector<std::string>{"kept"});
  }
}

TEST_CASE("transaction: a connection closed mid-transaction rolls it back") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto& engine = db.engine();
    rt::schema.create_all(engine);
    {
      auto conn = engine.connect();
      conn.begin();
      add_user(conn, "lost");
    }
    CHECK(count_users(engine) == 0);
  }
}

TEST_CASE("transaction: misuse is an InvalidRequestError") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto conn = db.engine().connect();
    CHECK_THROWS_AS(conn.commit(), ormc::InvalidRequestError);
    CHECK_NOTHROW(conn.rollback());  // nothing to roll back: no-op, safe in error paths
    CHECK_THROWS_AS((void)conn.begin_nested(), ormc::InvalidRequestError);
    conn.begin();
    CHECK_THROWS_WITH_AS(conn.begin(), doctest::Contains("already open"),
                         ormc::InvalidRequestError);
    conn.rollback();
  }
}

TEST_CASE("transaction: savepoint rollback keeps the outer transaction") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto& engine = db.engine();
    rt::schema.create_all(engine);
    {
      auto conn = engine.connect();
      ormc::Transaction tx(conn);
      add_user(conn, "outer");
      {
        ormc::Savepoint sp = conn.begin_nested();
        add_user(conn, "inner-discarded");
        sp.rollback();
      }
      {
        ormc::Savepoint sp = conn.begin_nested();
        add_user(conn, "inner-kept");
        {
          ormc::Savepoint nested = conn.begin_nested();
          add_user(conn, "nested-dropped-by-destructor");
        }
        sp.commit();
      }
      // A failed statement inside a savepoint: roll back to it and carry on.
      {
        ormc::Savepoint sp = conn.begin_nested();
        CHECK_THROWS_AS(add_user(conn, "outer"), ormc::IntegrityError);
        sp.rollback();
      }
      CHECK(conn.in_transaction());
      tx.commit();
    }
    auto conn = engine.connect();
    CHECK(conn.query<std::string>("SELECT username FROM users ORDER BY id") ==
          std::vector<std::string>{"outer", "inner-kept"});
  }
}

TEST_CASE("transaction: isolation levels") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto conn = db.engine().connect();
    CHECK_NOTHROW(conn.begin({.isolation = ormc::IsolationLevel::serializable}));
    if (backend.postgresql()) {
      CHECK(conn.query<std::string>("SHOW transaction_isolation") ==
            std::vector<std::string>{"serializable"});
    }
    conn.rollback();
    if (!backend.postgresql()) {
      // SQLite transactions are always serializable: a weaker level is refused, not faked.
      CHECK_THROWS_WITH_AS(conn.begin({.isolation = ormc::IsolationLevel::read_committed}),
                           doctest::Contains("READ COMMITTED is not available on SQLite"),
                           ormc::ArgumentError);
      CHECK_FALSE(conn.in_transaction());
      continue;
    }
    // PostgreSQL runs each level as asked (the server's name for it, in lower case).
    const std::pair<ormc::IsolationLevel, const char*> levels[] = {
        {ormc::IsolationLevel::read_committed, "read committed"},
        {ormc::IsolationLevel::repeatable_read, "repeatable read"},
        {ormc::IsolationLevel::read_uncommitted, "read uncommitted"},
        {ormc::IsolationLevel::database_default, "read committed"}};
    for (const auto& level_name : levels) {  // not [level, name]: clang 14 cannot CAPTURE those
      const char* name = level_name.second;
      CAPTURE(name);
      conn.begin({.isolation = level_name.first});
      CHECK(conn.query<std::string>("SHOW transaction_isolation") ==
            std::vector<std::string>{name});
      conn.rollback();
    }
    // A repeatable-read transaction keeps its snapshot: a row another connection commits
    // meanwhile stays invisible to it until it ends.
    conn.execute("CREATE TABLE t (id INTEGER)");
    conn.begin({.isolation = ormc::IsolationLevel::repeatable_read});
    CHECK(conn.prepare("SELECT count(*) FROM t").query().scalar<int>() == 0);
    {
      auto other = db.engine().connect();
      other.execute("INSERT INTO t VALUES (1)");
    }
    CHECK(conn.prepare("SELECT count(*) FROM t").query().scalar<int>() == 0);
    conn.commit();
    CHECK(conn.prepare("SELECT count(*) FROM t").query().scalar<int>() == 1);
  }
}

TEST_CASE("transaction: after a failed statement SQLite carries on, PostgreSQL aborts") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto& engine = db.engine();
    rt::schema.create_all(engine);
    auto conn = engine.connect();
    conn.begin();
    add_user(conn, "kept");
    CHECK_THROWS_AS(add_user(conn, "kept"), ormc::IntegrityError);
    CHECK(conn.in_transaction());
    if (!backend.postgresql()) {
      // SQLite undoes only the failed statement: the transaction goes on and commits.
      add_user(conn, "after");
      conn.commit();
      CHECK(count_users(engine) == 2);
      continue;
    }
    // PostgreSQL refuses every statement until the transaction ends (SQLSTATE 25P02)...
    try {
      add_user(conn, "after");
      FAIL("a statement ran in an aborted transaction");
    } catch (const ormc::DatabaseError& e) {
      CHECK(e.sqlstate() == "25P02");
      CHECK(std::string(e.what()).find("current transaction is aborted") != std::string::npos);
    }
    // ... and a COMMIT of it (which the server turns into a ROLLBACK) raises.
    CHECK_THROWS_AS(conn.commit(), ormc::DatabaseError);
    CHECK_FALSE(conn.in_transaction());
    CHECK(count_users(engine) == 0);
    // The connection is usable again once the transaction is over.
    add_user(conn, "later");
    CHECK(count_users(engine) == 1);
  }
}

TEST_CASE("transaction: read-only transactions refuse writes") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto& engine = db.engine();
    rt::schema.create_all(engine);
    auto conn = engine.connect();
    {
      ormc::Transaction tx(conn, {.read_only = true});
      CHECK(conn.prepare("SELECT count(*) FROM users").query().scalar<int>() == 0);
      CHECK_THROWS_AS(add_user(conn, "nope"), ormc::DatabaseError);
    }
    add_user(conn, "yes");  // writable again after the read-only transaction
    CHECK(count_users(engine) == 1);
  }
}
