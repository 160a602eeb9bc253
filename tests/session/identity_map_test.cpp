// The identity map: one object per primary key, get() without a query when held,
// queries whose rows come back as the held objects, and autoflush before them, on every backend
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
#include "session_models.hpp"
#include "support/test_backends.hpp"
#include "test_model.hpp"

namespace {

using session_test::alice;
using session_test::Fixture;
using testdb::Post;
using testdb::User;
namespace user = testdb::user;

}  // namespace

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

TEST_CASE("get by a composite key of the key columns' own types, text first") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    ormc::Session session(db.engine);
    using testdb::Membership;
    session.add(Membership{.team = "red", .user_id = 1, .role = "lead"});
    session.add(Membership{.team = "red", .user_id = 2, .role = "member"});
    session.add(Membership{.team = "blue", .user_id = 1, .role = "member"});
    session.commit();
    Membership* red1 = session.get<Membership>(std::string("red"), std::int64_t{1});
    REQUIRE(red1 != nullptr);
    CHECK(red1->role == "lead");
    const auto before = db.statements();
    CHECK(session.get<Membership>("red", 1) == red1);  // held: no query
    CHECK(session.get<Membership>("blue", 1)->role == "member");
    CHECK(db.statements() == before);
    CHECK(session.get<Membership>("green", 1) == nullptr);
    CHECK(db.statements() == before + 1);

    ormc::Session other(db.engine);
    Membership* loaded = other.get<Membership>("red", 2);
    REQUIRE(loaded != nullptr);
    CHECK(loaded->role == "member");
    auto rows = other.query<Membership>().where(testdb::membership::team == "red").all();
    REQUIRE(rows.size() == 2);
    CHECK((&rows[0].get() == loaded || &rows[1].get() == loaded));  // one object per key
  }
}

TEST_CASE("a query autoflushes what was added, removed or flagged; member writes wait for flush") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    {
      ormc::Session writer(db.engine);
      writer.add(alice());
      for (int i = 0; i < 50; ++i) {
        writer.add(
            User{.username = "user" + std::to_string(i), .email = "u@example.com", .age = 20});
      }
      writer.commit();
    }
    ormc::Session session(db.engine);
    auto all = session.query<User>().all();
    REQUIRE(all.size() == 51);
    User& a = *session.query<User>().where(user::username == "alice").first();

    // Nothing changed: a query costs one statement, whatever the session holds.
    auto before = db.statements();
    CHECK(session.query<User>().where(user::age > 100).count() == 0);
    CHECK(db.statements() == before + 1);

    // A member write has no write barrier: the query does not see it...
    a.age = 99;
    before = db.statements();
    CHECK(session.query<User>().where(user::age > 90).count() == 0);
    CHECK(db.statements() == before + 1);
    // ...until the session is told (flag_modified), or flush() runs.
    session.flag_modified(a);
    CHECK(session.query<User>().where(user::age > 90).count() == 1);
    a.age = 98;
    session.flush();
    CHECK(session.query<User>().where(user::age == 98).count() == 1);

    // add() and remove() are seen by the next query.
    session.add(User{.username = "zed", .email = "z@example.com", .age = 97});
    CHECK(session.query<User>().where(user::age > 90).count() == 2);
    session.remove(a);
    CHECK(session.query<User>().where(user::age > 90).count() == 1);
    session.commit();

    // With autoflush off, nothing is written before a query.
    ormc::SessionOptions options;
    options.autoflush = false;
    ormc::Session manual(db.engine, options);
    manual.add(User{.username = "quiet", .email = "q@example.com"});
    CHECK(manual.query<User>().where(user::username == "quiet").count() == 0);
    manual.flush();
    CHECK(manual.query<User>().where(user::username == "quiet").count() == 1);
  }
}
