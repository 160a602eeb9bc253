// The unit of work: what a flush writes (only changed columns, parents first, batches),
// what a failing flush leaves, statement counts asserted through the engine's counters, on every
// backend (SQLite; PostgreSQL when a server is configured: test_backends.hpp).
#include <algorithm>
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

TEST_CASE("an UPDATE or DELETE that matches no row is a StaleDataError and commits nothing") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    std::int64_t id = 0;
    {
      ormc::Session writer(db.engine);
      User& written = writer.add(alice());
      writer.commit();
      id = written.id;
    }
    for (const bool update : {true, false}) {
      CAPTURE(update);
      ormc::Session session(db.engine);
      User* a = session.get<User>(id);
      REQUIRE(a != nullptr);
      // The row goes behind the session's back (here on its own connection, in its own
      // transaction, so that every backend sees it at once).
      session.connection().execute("DELETE FROM users WHERE id = " + std::to_string(id));
      // (A key of its own: SQLite would give it the deleted row's.)
      session.add(User{.id = 1000, .username = "bystander", .email = "b@example.com"});
      if (update) {
        a->age = 41;
      } else {
        session.remove(*a);
      }
      try {
        session.commit();
        FAIL("the commit should have thrown StaleDataError");
      } catch (const ormc::StaleDataError& error) {
        const std::string message = error.what();
        CHECK(message.find(update ? "UPDATE of User id=" : "DELETE of User id=") !=
              std::string::npos);
        CHECK(message.find("matched 0 rows, expected 1") != std::string::npos);
      }
      CHECK_THROWS_AS(session.flush(), ormc::InvalidRequestError);  // until rollback()
      session.rollback();
      CHECK(session.query<User>().count() == 1);  // the DELETE and the bystander went too
      CHECK(session.query<User>().one().username == "alice");
    }
  }
}

TEST_CASE("a version counter: set to 1, advanced by every UPDATE, a concurrent change is stale") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    using testdb::Account;
    namespace account = testdb::account;
    std::int64_t id = 0;
    {
      ormc::Session session(db.engine);
      Account& acct = session.add(Account{.owner = "ann", .balance = 100, .version = 7});
      session.commit();
      CHECK(acct.version == 1);  // the Session's, whatever the object said
      id = acct.id;
      acct.balance = 90;
      session.commit();
      CHECK(acct.version == 2);
      session.commit();  // nothing changed: no UPDATE, no new version
      CHECK(acct.version == 2);
    }
    // Another writer changes the row between this session's transactions: the object's
    // snapshot still says version 2, so its UPDATE (WHERE version = 2) matches nothing.
    ormc::Session first(db.engine);
    Account* mine = first.get<Account>(id);
    REQUIRE(mine != nullptr);
    first.commit();
    {
      ormc::Session second(db.engine);
      Account* theirs = second.get<Account>(id);
      REQUIRE(theirs != nullptr);
      theirs->balance = 50;
      second.commit();
      CHECK(theirs->version == 3);
    }
    mine->balance = 10;
    CHECK_THROWS_AS(first.commit(), ormc::StaleDataError);
    first.rollback();
    first.refresh(*mine);
    CHECK(mine->balance == 50);
    CHECK(mine->version == 3);
    mine->balance = 10;
    first.commit();
    CHECK(mine->version == 4);
    {
      ormc::Session check(db.engine);
      Account* row = check.get<Account>(id);
      REQUIRE(row != nullptr);
      CHECK(row->balance == 10);
      CHECK(row->version == 4);
      check.commit();
      // A DELETE checks the version too.
      mine->balance = 5;
      first.commit();  // version 5
      check.remove(*row);
      CHECK_THROWS_AS(check.commit(), ormc::StaleDataError);
      check.rollback();
    }
    first.close();
  }
}

TEST_CASE("an INSERT reads back only the key the database assigns (SQLite: its rowid)") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    std::vector<std::string> inserts;
    db.engine.on_statement([&](const ormc::LogRecord& record) {
      if (record.sql.starts_with("INSERT")) inserts.emplace_back(record.sql);
    });
    ormc::Session session(db.engine);
    session.add(alice());
    session.add(User{.id = 500, .username = "given", .email = "g@example.com"});
    session.commit();
    REQUIRE(inserts.size() == 2);
    if (db.database.postgresql()) {
      CHECK(inserts[0].ends_with("RETURNING \"id\""));
    } else {
      CHECK(inserts[0].find("RETURNING") == std::string::npos);  // sqlite3_last_insert_rowid
    }
    CHECK(inserts[1].find("RETURNING") == std::string::npos);  // the key was given
    CHECK(session.add(User{.username = "next", .email = "n@example.com"}).id == 0);
    session.commit();
    CHECK(session.query<User>().where(user::username == "next").one().id > 500);
  }
}

TEST_CASE("a Core UPDATE or DELETE through the session brings the objects it holds in line") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    ormc::Session session(db.engine);
    for (int i = 0; i < 10; ++i) {
      session.add(
          User{.username = "user" + std::to_string(i), .email = "u@example.com", .age = 20 + i});
    }
    session.commit();
    auto users = session.query<User>().order_by(user::id).all();
    REQUIRE(users.size() == 10);
    User& young = users[0].get();
    User& fifth = users[4].get();
    User& sixth = users[5].get();
    User& last = users[9].get();

    // fetch (the default): held objects take the new values, their snapshots too.
    CHECK(session.execute(ormc::update<User>().set(user::age, 50).where(user::age >= 25)) == 5);
    CHECK(fifth.age == 24);
    CHECK(sixth.age == 50);
    const auto before = db.statements();
    session.flush();
    CHECK(db.statements() == before);  // nothing left to write

    // none: held objects keep what they had.
    CHECK(session.execute(ormc::update<User>().set(user::age, 60).where(user::age == 50),
                          ormc::Synchronize::none) == 5);
    CHECK(sixth.age == 50);
    session.refresh(sixth);
    CHECK(sixth.age == 60);

    // A DELETE: held objects become deleted, detached at commit.
    CHECK(session.execute(ormc::delete_from<User>().where(user::age < 22)) == 2);
    CHECK(session.state(young) == ormc::ObjectState::deleted);
    CHECK(session.get<User>(young.id) == nullptr);
    session.commit();
    CHECK(session.state(young) == ormc::ObjectState::detached);
    CHECK(session.query<User>().count() == 8);

    // Rolled back with the transaction, objects and all.
    CHECK(session.execute(ormc::update<User>().set(user::age, 1).all_rows()) == 8);
    CHECK(last.age == 1);
    CHECK(session.execute(ormc::delete_from<User>().where(user::id == fifth.id)) == 1);
    session.rollback();
    CHECK(last.age == 50);
    CHECK(session.state(fifth) == ormc::ObjectState::persistent);
    CHECK(session.query<User>().count() == 8);
  }
}

TEST_CASE("many new objects: keys reserved in one statement and one COPY on PostgreSQL") {
  FOR_EACH_BACKEND(backend) {
    Fixture db(backend);
    ormc::Session session(db.engine);
    std::vector<User*> added;
    for (int i = 0; i < 250; ++i) {
      added.push_back(&session.add(
          User{.username = "user" + std::to_string(i), .email = "u@example.com", .age = i % 90}));
    }
    User& given = session.add(User{.id = 100000, .username = "given", .email = "g@example.com"});
    const auto before = db.statements();
    session.commit();
    if (db.database.postgresql()) {
      // reserve the keys, read the column types (binary COPY), COPY, move the identity
      // sequence past the given key
      CHECK(db.statements() - before == 4);
    } else {
      CHECK(db.statements() - before == 251);  // an INSERT per object
    }
    std::vector<std::int64_t> ids;
    for (User* user : added) {
      CHECK(session.state(*user) == ormc::ObjectState::persistent);
      CHECK(user->id > 0);
      ids.push_back(user->id);
    }
    std::sort(ids.begin(), ids.end());
    CHECK(std::adjacent_find(ids.begin(), ids.end()) == ids.end());
    CHECK(given.id == 100000);
    const auto lookups = db.statements();
    CHECK(session.get<User>(added[17]->id) == added[17]);  // in the identity map
    CHECK(db.statements() == lookups);
    ormc::Session reader(db.engine);
    User* row = reader.get<User>(added[17]->id);
    REQUIRE(row != nullptr);
    CHECK(row->username == "user17");
    CHECK(row->age == 17);
    CHECK(row->created_at != ormc::Timestamp{});
    CHECK(reader.query<User>().count() == 251);
    reader.close();
    // The next key the database hands out is past the one given.
    User& next = session.add(User{.username = "next", .email = "n@example.com"});
    session.commit();
    CHECK(next.id > 100000);

    // A failing COPY (a duplicate username) leaves the objects pending, keys unset.
    std::vector<User*> failing;
    for (int i = 0; i < 150; ++i) {
      failing.push_back(&session.add(User{
          .username = i == 149 ? "user3" : "more" + std::to_string(i), .email = "m@example.com"}));
    }
    CHECK_THROWS_AS(session.commit(), ormc::IntegrityError);
    for (User* user : failing) CHECK(user->id == 0);
    session.rollback();
    CHECK(session.state(*failing.front()) == ormc::ObjectState::transient);
    CHECK(session.query<User>().count() == 252);
  }
}
