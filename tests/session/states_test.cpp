// Object states (SQLAlchemy's transient, pending, persistent, deleted, detached) through
// add, flush, commit, rollback, remove, merge, refresh, expunge and close, on every backend
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
    session.close();
    CHECK(session.state(a) == ormc::ObjectState::detached);  // still valid: a plain value
    CHECK_THROWS_AS(session.refresh(a), ormc::DetachedInstanceError);
    CHECK_THROWS_AS(session.remove(a), ormc::DetachedInstanceError);
  }
}

TEST_CASE("expunge hands the object back as a value and frees it; expunge_all frees them all") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    ormc::Session session(db.engine);
    User& a = session.add(alice());
    session.commit();
    const std::int64_t id = a.id;
    CHECK(session.size() == 1);
    const User value = session.expunge(a);  // `a` is destroyed
    CHECK(value.id == id);
    CHECK(value.username == "alice");
    CHECK(session.size() == 0);
    CHECK(session.state(value) == ormc::ObjectState::transient);
    CHECK_THROWS_AS(session.refresh(const_cast<User&>(value)), ormc::InvalidRequestError);
    const auto before = db.statements();
    User* again = session.get<User>(id);  // no longer held: loaded anew
    REQUIRE(again != nullptr);
    CHECK(db.statements() == before + 1);
    CHECK(again->username == "alice");

    // A pending object expunged is never inserted; its slot is reused.
    User& bob = session.add(User{.username = "bob", .email = "bob@example.com"});
    const User bob_value = session.expunge(bob);
    CHECK(bob_value.username == "bob");
    session.commit();
    CHECK(session.query<User>().count() == 1);

    // expunge_all drops the objects, not the transaction: what was flushed commits.
    for (int i = 0; i < 600; ++i) {
      session.add(User{.username = "user" + std::to_string(i), .email = "u@example.com"});
    }
    session.flush();
    CHECK(session.size() == 601);
    session.add(User{.username = "never", .email = "n@example.com"});  // not flushed: dropped
    session.expunge_all();
    CHECK(session.size() == 0);
    session.commit();
    CHECK(session.query<User>().count() == 601);
    CHECK(session.size() == 0);  // count() loads no objects
    CHECK(session.query<User>().where(user::username == "never").first() == nullptr);
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
