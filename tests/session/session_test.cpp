// Session behaviour on SQLite: states, identity map, dirty tracking (statement counts
// asserted through the engine's counters), flush order, commit, rollback, errors.
#include "ormc/session.hpp"

#include <doctest/doctest.h>

#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "ormc/expr.hpp"
#include "test_model.hpp"

namespace {

using testdb::Post;
using testdb::User;
namespace user = testdb::user;

constexpr const char* ddl = R"(
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  email TEXT NOT NULL,
  age INTEGER,
  role TEXT NOT NULL DEFAULT 'reader',
  is_active INTEGER NOT NULL DEFAULT 1,
  balance NUMERIC NOT NULL DEFAULT 0,
  score REAL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')));
CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  author_id INTEGER NOT NULL REFERENCES users(id),
  title TEXT NOT NULL,
  content TEXT,
  published INTEGER NOT NULL DEFAULT 0,
  views INTEGER NOT NULL DEFAULT 0);
)";

struct Fixture {
  ormc::Engine engine = ormc::Engine::connect("sqlite://:memory:");
  Fixture() { engine.connect().execute(ddl); }
  std::uint64_t statements() const { return engine.stats().statements; }
};

User alice() { return User{.username = "alice", .email = "alice@example.com", .age = 30}; }

}  // namespace

TEST_CASE("add, flush and commit move an object through its states") {
  Fixture db;
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

TEST_CASE("get returns the identity-mapped object without a query") {
  Fixture db;
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

TEST_CASE("only changed columns are updated; an unchanged object costs nothing") {
  Fixture db;
  ormc::Session session(db.engine);
  User& a = session.add(alice());
  session.commit();
  auto before = db.statements();
  session.flush();
  session.commit();
  CHECK(db.statements() == before);  // nothing changed: no statement

  std::vector<std::string> sql;
  auto id =
      db.engine.on_statement([&](const ormc::LogRecord& record) { sql.emplace_back(record.sql); });
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

TEST_CASE("rollback restores committed values and drops pending objects") {
  Fixture db;
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

TEST_CASE("an IntegrityError during flush needs rollback, then the session works again") {
  Fixture db;
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

TEST_CASE("delete removes the row at flush; a pending object is simply dropped") {
  Fixture db;
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

TEST_CASE("flush inserts parents before children, whatever the add order") {
  Fixture db;
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

TEST_CASE("merge copies a detached object's values onto the session's object") {
  Fixture db;
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

TEST_CASE("queries: where, order, limit, first, one_or_none, exists, autoflush") {
  Fixture db;
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
