// The drop/create-per-test fixture pattern on every backend: drop_all() + create_all() of a
// schema with an enum, several times on one engine, while the engine's pooled connections
// (and a Session) keep running statements that bind that enum. On PostgreSQL the enum comes
// back with a new type OID each time, which a statement prepared before the re-create still
// names: ormc must not run it again ("cache lookup failed for type", SQLSTATE XX000).
#include <cstdint>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "blog.orm.hpp"
#include "ormc/connection.hpp"
#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "ormc/query.hpp"
#include "ormc/schema.hpp"
#include "ormc/session.hpp"
#include "ormc/transaction.hpp"
#include "support/test_backends.hpp"

namespace {

blog::User make_user(const std::string& name, blog::Role role) {
  blog::User user;
  user.username = name;
  user.email = name + "@example.com";
  user.role = role;
  return user;
}

std::int64_t count_role(ormc::Connection& conn, blog::Role role) {
  return ormc::select(ormc::count_all())
      .select_from<blog::User>()
      .where(blog::user::role == role)
      .scalar(conn);
}

// Inserts and selects binding the enum through two connections held at once (so that two
// pooled connections carry prepared statements into the next round), a raw prepared
// statement, and a Session.
void use_the_enum(ormc::Engine& engine, int round) {
  const std::string tag = "r" + std::to_string(round) + "_";
  {
    ormc::Connection first = engine.connect();
    ormc::Connection second = engine.connect();
    std::vector<blog::User> users{make_user(tag + "ann", blog::Role::editor),
                                  make_user(tag + "bob", blog::Role::admin)};
    CHECK(ormc::insert<blog::User>().values(users).execute(first) == 2);
    CHECK(ormc::insert<blog::User>()
              .values(make_user(tag + "cid", blog::Role::editor))
              .execute(second) == 1);
    CHECK(count_role(first, blog::Role::editor) == 2);
    CHECK(count_role(second, blog::Role::admin) == 1);
    const std::string sql =
        ormc_test::placeholders(engine.dialect(), "SELECT count(*) FROM users WHERE role = $");
    CHECK(second.prepare(sql).bind(1, blog::Role::editor).query().scalar<std::int64_t>() == 2);
    {
      ormc::Transaction tx(first);
      CHECK(ormc::insert<blog::User>()
                .values(make_user(tag + "dee", blog::Role::reader))
                .execute(first) == 1);
      CHECK(count_role(first, blog::Role::reader) == 1);
      tx.commit();
    }
  }
  ormc::Session session(engine);
  blog::User& eve = session.add(make_user(tag + "eve", blog::Role::admin));
  session.commit();
  blog::User* loaded = session.get<blog::User>(eve.id);
  REQUIRE(loaded != nullptr);
  CHECK(loaded->role == blog::Role::admin);
  loaded->role = blog::Role::editor;
  session.commit();
  ormc::Connection conn = engine.connect();
  CHECK(count_role(conn, blog::Role::editor) == 3);
  CHECK(count_role(conn, blog::Role::admin) == 1);
}

}  // namespace

TEST_CASE("drop_all + create_all between uses of an enum, on one engine, several times") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    ormc::Engine& engine = db.engine();
    for (int round = 0; round < 4; ++round) {
      CAPTURE(round);
      blog::schema.drop_all(engine);
      blog::schema.create_all(engine);
      use_the_enum(engine, round);
    }
  }
}

TEST_CASE("raw DDL through a Connection re-creates the enum, the pooled statements follow") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    ormc::Engine& engine = db.engine();
    for (int round = 0; round < 3; ++round) {
      CAPTURE(round);
      {
        ormc::Connection conn = engine.connect();
        const auto drops = engine.dialect().kind() == ormc::DialectKind::postgresql
                               ? blog::schema.postgresql_drop
                               : blog::schema.sqlite_drop;
        const auto creates = engine.dialect().kind() == ormc::DialectKind::postgresql
                                 ? blog::schema.postgresql_create
                                 : blog::schema.sqlite_create;
        for (const std::string_view sql : drops) conn.execute(sql);
        for (const std::string_view sql : creates) conn.execute(sql);
      }
      use_the_enum(engine, round);
    }
  }
}

TEST_CASE("a Statement held across a re-create of its enum runs again outside a transaction") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    ormc::Engine& engine = db.engine();
    blog::schema.create_all(engine);
    ormc::Connection conn = engine.connect();
    const std::string sql =
        ormc_test::placeholders(engine.dialect(), "SELECT count(*) FROM users WHERE role = $");
    ormc::Statement held = conn.prepare(sql);
    CHECK(held.bind(1, blog::Role::admin).query().scalar<std::int64_t>() == 0);
    blog::schema.drop_all(engine);
    blog::schema.create_all(engine);
    CHECK(ormc::insert<blog::User>().values(make_user("ann", blog::Role::admin)).execute(conn) ==
          1);
    // Prepared before the re-create: the server reports it invalid, ormc prepares it again.
    CHECK(held.bind(1, blog::Role::admin).query().scalar<std::int64_t>() == 1);
    CHECK(held.bind(1, blog::Role::admin).query().scalar<std::int64_t>() == 1);
  }
}

TEST_CASE("DDL by another engine: a statement the server reports invalid is prepared again") {
  FOR_EACH_BACKEND(backend) {
    if (backend.sqlite_memory()) continue;  // another engine would open another database
    ormc_test::TestDatabase db(backend);
    ormc::Engine& engine = db.engine();
    blog::schema.create_all(engine);
    ormc::Engine other = ormc::Engine::connect(db.url());
    const std::string sql =
        ormc_test::placeholders(engine.dialect(), "SELECT count(*) FROM users WHERE role = $");
    ormc::Connection conn = engine.connect();
    auto count = [&] {
      return conn.prepare(sql).bind(1, blog::Role::editor).query().scalar<std::int64_t>();
    };
    CHECK(count() == 0);
    REQUIRE(conn.cached_statements() == 1);
    // This engine does not see the other's DDL: its cached statement is stale.
    blog::schema.drop_all(other);
    blog::schema.create_all(other);
    CHECK(ormc::insert<blog::User>().values(make_user("ann", blog::Role::editor)).execute(conn) ==
          1);
    CHECK(count() == 1);  // outside a transaction: prepared again and run again
    blog::schema.drop_all(other);
    blog::schema.create_all(other);
    {
      ormc::Transaction tx(conn);
      if (db.postgresql()) {
        // Inside a transaction the failure has aborted it: no second try, but the cache
        // drops the statement.
        CHECK_THROWS_AS((void)count(), ormc::DatabaseError);
      } else {
        CHECK(count() == 0);  // SQLite prepares again by itself
      }
    }
    CHECK(count() == 0);  // after the rollback: a fresh statement
    CHECK(count() == 0);
  }
}

TEST_CASE("a re-create between two bulk inserts in transactions on one connection") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    ormc::Engine& engine = db.engine();
    ormc::Connection conn = engine.connect();
    for (int round = 0; round < 3; ++round) {
      CAPTURE(round);
      blog::schema.drop_all(engine);
      blog::schema.create_all(engine);
      // The first statement after the re-create is a batch (the path of a bulk insert and
      // of a Session flush), inside a transaction, where a stale statement could not be
      // prepared again.
      ormc::Transaction tx(conn);
      std::vector<blog::User> users{make_user("ann", blog::Role::editor),
                                    make_user("bob", blog::Role::admin)};
      CHECK(ormc::insert<blog::User>().values(users).execute(conn) == 2);
      tx.commit();
    }
  }
}
