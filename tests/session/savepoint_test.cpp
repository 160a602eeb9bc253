// Session savepoints (begin_nested): rollback to them, release into the transaction,
// nesting, and a failed flush inside one, on every backend
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
