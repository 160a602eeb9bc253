// Session behaviour on every backend (SQLite; PostgreSQL when a server is configured:
// test_backends.hpp): states, identity map, dirty tracking (statement counts asserted
// through the engine's counters), flush order, commit, rollback, errors.
#include "ormc/session.hpp"

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

TEST_CASE("add, flush and commit move an object through its states") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    ormc::Session session(db.engine);
    User detached_copy = alice();
    CHECK(session.state(detached_copy) == ormc::ObjectState::transient);
    User& a = session.add(alice());
    CHECK(session.state(a) == ormc::ObjectState::pending);
    CHECK(a.id == 0);
    session.commit();
    CHECK(session.state(a) == ormc::ObjectState::persistent);
    CHECK(a.id > 0);  // the key came back through RETURNING
    CHECK(a.created_at != ormc::Timestamp{});
    session.expunge(a);
    CHECK(session.state(a) == ormc::ObjectState::detached);
    CHECK_THROWS_AS(session.refresh(a), ormc::DetachedInstanceError);
  }
}

TEST_CASE("get returns the identity-mapped object without a query") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    std::int64_t id = 0;
    {
      ormc::Session writer(db.engine);
      id = writer.add(alice()).id;
      writer.commit();
      id = writer.query<User>().one().id;
    }
    ormc::Session session(db.engine);
    auto before = db.statements();
    User* first = session.get<User>(id);
    REQUIRE(first != nullptr);
    CHECK(db.statements() == before + 1);
    User* second = session.get<User>(id);
    CHECK(second == first);  // one object per primary key
    CHECK(db.statements() == before + 1);
    CHECK(session.get<User>(id + 1000) == nullptr);
    CHECK(&session.query<User>().where(user::id == id).one() == first);
  }
}

TEST_CASE("only changed columns are updated, an unchanged object costs nothing") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    ormc::Session session(db.engine);
    User& a = session.add(alice());
    session.commit();
    auto before = db.statements();
    session.flush();
    session.commit();
    CHECK(db.statements() == before);  // nothing changed: no statement

    std::vector<std::string> sql;
    auto id = db.engine.on_statement(
        [&](const ormc::LogRecord& record) { sql.emplace_back(record.sql); });
    a.age = 31;
    session.commit();
    db.engine.remove_listener(id);
    REQUIRE_FALSE(sql.empty());
    bool saw_update = false;
    for (const std::string& text : sql) {
      if (text.rfind("UPDATE", 0) != 0) continue;
      saw_update = true;
      CHECK(text.find("\"age\"") != std::string::npos);
      CHECK(text.find("\"updated_at\"") != std::string::npos);  // on_update(now)
      CHECK(text.find("\"username\"") == std::string::npos);
    }
    CHECK(saw_update);
  }
}

TEST_CASE("rollback restores committed values and drops pending objects") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    ormc::Session session(db.engine);
    User& a = session.add(alice());
    session.commit();
    a.age = 99;
    session.flush();
    User& b = session.add(User{.username = "bob", .email = "bob@example.com"});
    session.flush();
    CHECK(session.state(b) == ormc::ObjectState::persistent);
    session.rollback();
    CHECK(a.age == 30);
    CHECK(session.state(a) == ormc::ObjectState::persistent);
    CHECK(session.state(b) == ormc::ObjectState::transient);
    CHECK(session.query<User>().count() == 1);  // nothing of the rolled-back work is visible
  }
}

TEST_CASE("an IntegrityError during flush needs rollback, then the session works again") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    ormc::Session session(db.engine);
    session.add(alice());
    session.commit();
    session.add(User{.username = "alice", .email = "other@example.com"});
    CHECK_THROWS_AS(session.commit(), ormc::IntegrityError);
    CHECK_THROWS_AS((void)session.query<User>().count(), ormc::InvalidRequestError);
    session.rollback();
    session.add(User{.username = "carol", .email = "carol@example.com"});
    session.commit();
    CHECK(session.query<User>().count() == 2);
  }
}

TEST_CASE("delete removes the row at flush, a pending object is simply dropped") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    ormc::Session session(db.engine);
    User& a = session.add(alice());
    User& b = session.add(User{.username = "bob", .email = "bob@example.com"});
    session.commit();
    session.remove(a);
    CHECK(session.state(a) == ormc::ObjectState::deleted);
    session.commit();
    CHECK(session.state(a) == ormc::ObjectState::detached);
    CHECK(session.query<User>().count() == 1);
    CHECK(session.get<User>(b.id) == &b);

    User& c = session.add(User{.username = "carol", .email = "c@example.com"});
    session.remove(c);
    CHECK(session.state(c) == ormc::ObjectState::transient);
    session.commit();
    CHECK(session.query<User>().count() == 1);
  }
}

TEST_CASE("flush inserts parents before children, whatever the add order") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    ormc::Session session(db.engine);
    // The child first, with the parent's key known in advance; foreign keys are enforced.
    Post& p = session.add(Post{.author_id = 100, .title = "Tips"});
    User& a = session.add(User{.id = 100, .username = "alice", .email = "a@example.com"});
    session.commit();
    CHECK(a.id == 100);
    CHECK(p.id > 0);
    CHECK(session.query<Post>().where(testdb::post::author_id == a.id).count() == 1);

    // And deletes go children first.
    session.remove(a);
    session.remove(p);
    session.commit();
    CHECK(session.query<User>().count() == 0);
    CHECK(session.query<Post>().count() == 0);
  }
}

TEST_CASE("merge copies a detached object's values onto the session's object") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    std::int64_t id = 0;
    {
      ormc::Session first(db.engine);
      id = first.add(alice()).id;
      first.commit();
      id = first.query<User>().one().id;
    }
    ormc::Session session(db.engine);
    User copy = alice();
    copy.id = id;
    copy.age = 42;
    User& merged = session.merge(copy);
    CHECK(merged.age == 42);
    CHECK(session.state(merged) == ormc::ObjectState::persistent);
    session.commit();
    ormc::Session check(db.engine);
    CHECK(check.get<User>(id)->age == 42);
  }
}

TEST_CASE("queries: where, order, limit, first, one_or_none, exists, autoflush") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    ormc::Session session(db.engine);
    for (int i = 0; i < 5; ++i) {
      session.add(User{.username = "user" + std::to_string(i),
                       .email = "u" + std::to_string(i) + "@example.com",
                       .age = 20 + i});
    }
    // Not committed, not flushed: autoflush makes the query see them.
    auto older = session.query<User>().where(user::age >= 22).order_by(user::age.desc()).all();
    REQUIRE(older.size() == 3);
    CHECK(older.front().get().age == 24);
    CHECK(session.query<User>().where(user::age > 100).first() == nullptr);
    CHECK(session.query<User>().where(user::age > 100).one_or_none() == nullptr);
    CHECK_THROWS_AS((void)session.query<User>().one_or_none(), ormc::MultipleResultsFound);
    CHECK_THROWS_AS((void)session.query<User>().where(user::age > 100).one(), ormc::NoResultFound);
    CHECK(session.query<User>().where(user::username == "user3").exists());
    CHECK(session.query<User>().limit(2).offset(1).count() == 2);
  }
}

TEST_CASE("refresh reloads the row and drops unflushed changes") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    ormc::Session session(db.engine);
    User& a = session.add(alice());
    session.commit();
    a.age = 77;  // changed here, never flushed
    session.refresh(a);
    CHECK(a.age == 30);
    CHECK(a.username == "alice");
    CHECK(session.state(a) == ormc::ObjectState::persistent);
    auto before = db.statements();
    session.commit();
    CHECK(db.statements() == before);  // refreshed: nothing left to write

    ormc::Session other(db.engine);
    other.remove(*other.get<User>(a.id));
    other.commit();
    CHECK_THROWS_AS(session.refresh(a), ormc::NoResultFound);
  }
}

TEST_CASE("begin_nested rollback undoes the savepoint's work and keeps the transaction's") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    ormc::Session session(db.engine);
    User& a = session.add(alice());
    User& gone = session.add(User{.username = "gone", .email = "gone@example.com"});
    session.commit();
    a.age = 31;  // the outer transaction's change: flushed by begin_nested()
    {
      ormc::SessionSavepoint sp = session.begin_nested();
      CHECK(sp.active());
      a.age = 40;
      a.email = "new@example.com";
      User& b = session.add(User{.username = "bob", .email = "bob@example.com"});
      session.remove(gone);
      session.flush();  // all three written inside the savepoint
      User& c = session.add(User{.username = "carol", .email = "carol@example.com"});
      a.age = 41;                                 // and an edit never flushed
      CHECK(session.query<User>().count() == 3);  // autoflush: carol too
      sp.rollback();
      CHECK_FALSE(sp.active());
      CHECK(a.age == 31);
      CHECK(a.email == "alice@example.com");
      CHECK(session.state(a) == ormc::ObjectState::persistent);
      CHECK(session.state(b) == ormc::ObjectState::transient);
      CHECK(session.state(c) == ormc::ObjectState::transient);
      CHECK(session.state(gone) == ormc::ObjectState::persistent);
      CHECK(session.get<User>(b.id) == nullptr);  // not in the identity map, not in the table
      CHECK(session.get<User>(gone.id) == &gone);
    }
    session.commit();
    ormc::Session other(db.engine);
    CHECK(other.query<User>().count() == 2);
    CHECK(other.get<User>(a.id)->age == 31);
  }
}

TEST_CASE("a savepoint committed joins the transaction, whose rollback then undoes it") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    ormc::Session session(db.engine);
    User& a = session.add(alice());
    session.commit();
    ormc::SessionSavepoint sp = session.begin_nested();
    a.age = 50;
    User& b = session.add(User{.username = "bob", .email = "bob@example.com"});
    sp.commit();  // flushes, then releases
    CHECK_FALSE(sp.active());
    CHECK(session.state(b) == ormc::ObjectState::persistent);
    CHECK(session.in_transaction());
    CHECK_THROWS_AS(sp.commit(), ormc::InvalidRequestError);
    session.rollback();
    CHECK(a.age == 30);
    CHECK(session.state(b) == ormc::ObjectState::transient);
    CHECK(session.query<User>().count() == 1);
  }
}

TEST_CASE("a failed flush inside begin_nested rolls back to it and the session carries on") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    ormc::Session session(db.engine);
    session.add(alice());
    session.commit();
    User& kept = session.add(User{.username = "kept", .email = "kept@example.com"});
    // SQLAlchemy's "skip the duplicates" loop: each row in a savepoint of its own.
    int skipped = 0;
    std::vector<User*> added;
    for (const char* name : {"bob", "alice", "carol"}) {
      try {
        ormc::SessionSavepoint sp = session.begin_nested();
        added.push_back(&session.add(User{.username = name, .email = "x@example.com"}));
        sp.commit();
      } catch (const ormc::IntegrityError&) {
        ++skipped;
      }
    }
    CHECK(skipped == 1);
    REQUIRE(added.size() == 3);
    CHECK(session.state(*added[0]) == ormc::ObjectState::persistent);
    CHECK(session.state(*added[1]) == ormc::ObjectState::transient);
    CHECK(session.state(*added[2]) == ormc::ObjectState::persistent);
    CHECK(session.state(kept) == ormc::ObjectState::persistent);  // flushed before the loop
    session.commit();
    ormc::Session other(db.engine);
    CHECK(other.query<User>().count() == 4);  // alice, kept, bob, carol
    CHECK(other.query<User>().where(user::email == "x@example.com").count() == 2);
  }
}

TEST_CASE("nested savepoints: the inner rolled back, the outer committed") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    ormc::Session session(db.engine);
    User& a = session.add(alice());
    session.commit();
    ormc::SessionSavepoint outer = session.begin_nested();
    a.age = 60;
    User& b = session.add(User{.username = "bob", .email = "bob@example.com"});
    {
      ormc::SessionSavepoint inner = session.begin_nested();  // flushes age 60 and bob
      a.age = 70;
      b.age = 7;
      session.add(User{.username = "carol", .email = "carol@example.com"});
      session.flush();
      {
        ormc::SessionSavepoint innermost = session.begin_nested();
        a.age = 80;
        innermost.commit();  // age 80 now belongs to `inner`
      }
      CHECK(a.age == 80);
    }  // `inner` destroyed unfinished: rolled back
    CHECK(a.age == 60);
    CHECK(b.age == std::nullopt);
    CHECK(session.query<User>().count() == 2);
    outer.commit();
    session.commit();
    ormc::Session other(db.engine);
    CHECK(other.get<User>(a.id)->age == 60);
    CHECK(other.query<User>().count() == 2);
  }
}

TEST_CASE("finishing an outer savepoint finishes the inner ones, and commit ends them all") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    ormc::Session session(db.engine);
    User& a = session.add(alice());
    session.commit();
    ormc::SessionSavepoint outer = session.begin_nested();
    a.age = 1;
    ormc::SessionSavepoint inner = session.begin_nested();
    a.age = 2;
    outer.rollback();
    CHECK_FALSE(inner.active());
    CHECK(a.age == 30);
    CHECK_THROWS_WITH_AS(inner.rollback(), doctest::Contains("the savepoint is finished"),
                         ormc::InvalidRequestError);

    ormc::SessionSavepoint first = session.begin_nested();
    a.age = 3;
    ormc::SessionSavepoint second = session.begin_nested();
    a.age = 4;
    session.commit();  // flushes and commits everything, savepoints included
    CHECK_FALSE(first.active());
    CHECK_FALSE(second.active());
    session.rollback();  // nothing open: a no-op
    CHECK(a.age == 4);
    ormc::Session other(db.engine);
    CHECK(other.get<User>(a.id)->age == 4);
  }
}

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
TEST_CASE("many objects inserted, updated, deleted: own rows back, a failure leaves none") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    ormc::Session session(db.engine);
    std::vector<User*> users;
    for (int i = 0; i < 1500; ++i) {  // more than one pipeline of 1000
      users.push_back(&session.add(User{.username = "user" + std::to_string(i),
                                        .email = std::to_string(i) + "@example.com",
                                        .age = i % 100}));
    }
    session.add(Post{.author_id = 1, .title = "after the users"});  // another model
    session.commit();
    {
      // (A second session's read transaction holds SQLite's lock: closed before writing.)
      ormc::Session other(db.engine);
      std::int64_t previous = 0;
      for (std::size_t i = 0; i < users.size(); ++i) {
        const User& u = *users[i];
        CHECK(u.id > previous);  // keys in the order of add()
        previous = u.id;
        const User* stored = other.get<User>(u.id);
        REQUIRE(stored != nullptr);
        CHECK(stored->username == "user" + std::to_string(i));
        CHECK(stored->email == std::to_string(i) + "@example.com");
      }
    }

    // Updates and deletes of many objects (batched the same way on PostgreSQL).
    for (std::size_t i = 0; i < users.size(); ++i) users[i]->age = 7;
    for (std::size_t i = 1000; i < users.size(); ++i) session.remove(*users[i]);
    session.commit();
    {
      ormc::Session third(db.engine);
      CHECK(third.query<User>().count() == 1000);
      CHECK(third.query<User>().where(user::age == 7).count() == 1000);
    }
    // An UPDATE failing in the middle of a batch: the whole flush is undone.
    users[10]->age = 8;
    users[11]->username = "user12";  // taken
    users[12]->age = 9;
    CHECK_THROWS_AS(session.commit(), ormc::IntegrityError);
    session.rollback();
    CHECK(users[11]->username == "user11");
    CHECK(users[12]->age == 7);
    CHECK(session.query<User>().where(user::age == 7).count() == 1000);

    std::vector<User*> failed;
    failed.push_back(&session.add(User{.username = "fresh1", .email = "f1@example.com"}));
    failed.push_back(&session.add(User{.username = "user7", .email = "dup@example.com"}));
    failed.push_back(&session.add(User{.username = "fresh2", .email = "f2@example.com"}));
    CHECK_THROWS_AS(session.commit(), ormc::IntegrityError);
    session.rollback();
    for (User* u : failed) CHECK(session.state(*u) == ormc::ObjectState::transient);
    CHECK(session.query<User>().where(user::username.like("fresh%")).count() == 0);
    CHECK(session.query<User>().count() == 1000);
  }
}

// SQLite in WAL mode: a transaction that read before another committed cannot write on its
// old snapshot (SQLITE_BUSY_SNAPSHOT): a SerializationError, as on PostgreSQL, and the
// retry -- a new transaction, a new snapshot -- succeeds.
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
