// The statement builders rendered for SQLite (?NNN) and a PostgreSQL-like dialect ($n).
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include <doctest/doctest.h>

#include "ormc/error.hpp"
#include "ormc/query.hpp"
#include "render_helpers.hpp"
#include "test_dialects.hpp"
#include "test_model.hpp"

using namespace testdb;

namespace {
constexpr const char* kUserColumns =
    R"("users"."id", "users"."username", "users"."email", "users"."age", "users"."role", )"
    R"("users"."is_active", "users"."balance", "users"."score", "users"."created_at", )"
    R"("users"."updated_at")";
}

TEST_CASE("select a whole model") {
  auto q = ormc::select<User>();
  static_assert(std::is_same_v<decltype(q)::result_type, User>);
  CHECK(sql(q) == std::string("SELECT ") + kUserColumns + R"( FROM "users")");
}

TEST_CASE("select with where, order_by, limit, offset") {
  auto q = ormc::select<User>()
               .where(user::age > 25 && user::username.like("a%"))
               .order_by(user::created_at.desc(), user::id)
               .limit(10)
               .offset(20);
  auto r = q.render(ormc::sqlite_dialect());
  CHECK(r.sql == std::string("SELECT ") + kUserColumns +
                     R"( FROM "users" WHERE "users"."age" > ?1 AND "users"."username" LIKE ?2)"
                     R"( ORDER BY "users"."created_at" DESC, "users"."id" LIMIT ?3 OFFSET ?4)");
  REQUIRE(r.values.size() == 4);
  CHECK(std::get<std::int64_t>(r.values[2]) == 10);
  CHECK(std::get<std::int64_t>(r.values[3]) == 20);
  CHECK(q.render(pg_like).sql.ends_with(
      R"(WHERE "users"."age" > $1 AND "users"."username" LIKE $2 ORDER BY "users"."created_at" DESC, "users"."id" LIMIT $3 OFFSET $4)"));
}

TEST_CASE("offset without limit") {
  auto q = ormc::select(user::id).offset(5);
  CHECK(sql(q) == R"(SELECT "users"."id" FROM "users" LIMIT -1 OFFSET ?1)");
  CHECK(sql(q, pg_like) == R"(SELECT "users"."id" FROM "users" OFFSET $1)");
}

TEST_CASE("where() called twice is AND, an empty Condition adds nothing") {
  ormc::Condition<User> none;
  auto q = ormc::select(user::id).where(none).where(user::id > 1).where(user::age < 9);
  CHECK(sql(q) ==
        R"(SELECT "users"."id" FROM "users" WHERE "users"."id" > ?1 AND "users"."age" < ?2)");
  CHECK(sql(ormc::select(user::id).where(none)) == R"(SELECT "users"."id" FROM "users")");
}

TEST_CASE("select columns and aggregates with group_by and having") {
  auto q = ormc::select(user::role, ormc::count(user::id), ormc::avg(user::age))
               .group_by(user::role)
               .having(ormc::count(user::id) > 1)
               .order_by(ormc::count(user::id).desc());
  static_assert(std::is_same_v<decltype(q)::result_type,
                               std::tuple<Role, std::int64_t, std::optional<double>>>);
  CHECK(sql(q) == R"(SELECT "users"."role", COUNT("users"."id"), AVG("users"."age") FROM "users")"
                  R"( GROUP BY "users"."role" HAVING COUNT("users"."id") > ?1)"
                  R"( ORDER BY COUNT("users"."id") DESC)");
}

TEST_CASE("distinct, select_from, several models") {
  CHECK(sql(ormc::select(user::role).distinct().where(user::is_active == true)) ==
        R"(SELECT DISTINCT "users"."role" FROM "users" WHERE "users"."is_active" = ?1)");
  auto c = ormc::select(ormc::count_all()).select_from<User>().where(user::age > 3);
  static_assert(std::is_same_v<decltype(c)::result_type, std::tuple<std::int64_t>>);
  CHECK(sql(c) == R"(SELECT COUNT(*) FROM "users" WHERE "users"."age" > ?1)");
  // Two models need a join: the FROM model is the first item's, the joined one follows.
  auto j = ormc::select(user::username, post::title).join<Post>(post::author_id == user::id);
  CHECK(sql(j) == R"(SELECT "users"."username", "posts"."title" FROM "users")"
                  R"( JOIN "posts" ON "posts"."author_id" = "users"."id")");
  auto x = ormc::select(user::username, post::title).cross_join<Post>();
  CHECK(sql(x) == R"(SELECT "users"."username", "posts"."title" FROM "users" CROSS JOIN "posts")");
}

TEST_CASE("insert one object: the unset autoincrement key is omitted, now() filled") {
  User u{.username = "alice", .email = "a@example.com", .age = 30};
  auto r = ormc::insert<User>().values(u).render(ormc::sqlite_dialect());
  CHECK(r.sql ==
        R"(INSERT INTO "users" ("username", "email", "age", "role", "is_active", "balance", )"
        R"("score", "created_at", "updated_at") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9))");
  REQUIRE(r.values.size() == 9);
  CHECK(std::get<std::string>(r.values[3]) == "reader");
  CHECK(std::get<bool>(r.values[4]) == true);
  CHECK(std::holds_alternative<std::monostate>(r.values[6]));  // score: NULL
  CHECK(std::get<ormc::Timestamp>(r.values[7]) > ormc::Timestamp{});

  u.id = 42;
  auto with_id = ormc::insert<User>().values(u).render(pg_like);
  CHECK(with_id.sql.starts_with(R"(INSERT INTO "users" ("id", "username", )"));
  CHECK(with_id.sql.ends_with("$10)"));
}

TEST_CASE("insert many: one multi-row VALUES, batched under the placeholder limit") {
  std::vector<Post> posts;
  posts.reserve(5);
  for (int i = 0; i < 5; ++i)
    posts.push_back(Post{.author_id = 1, .title = "t" + std::to_string(i)});
  auto insert = ormc::insert<Post>().values(posts);
  auto one = insert.render(ormc::sqlite_dialect());
  CHECK(one.sql ==
        R"(INSERT INTO "posts" ("author_id", "title", "content", "published", "views") VALUES )"
        "(?1, ?2, ?3, ?4, ?5), (?6, ?7, ?8, ?9, ?10), (?11, ?12, ?13, ?14, ?15), "
        "(?16, ?17, ?18, ?19, ?20), (?21, ?22, ?23, ?24, ?25)");
  CHECK(one.values.size() == 25);
  auto batches = insert.render_batches(ormc::sqlite_dialect(), 12);  // two rows per batch
  REQUIRE(batches.size() == 3);
  CHECK(batches[2].sql ==
        R"(INSERT INTO "posts" ("author_id", "title", "content", "published", "views") VALUES )"
        "(?1, ?2, ?3, ?4, ?5)");
  CHECK(std::get<std::string>(batches[2].values[1]) == "t4");
  CHECK(insert.render_batches(ormc::sqlite_dialect()).size() == 1);
}

TEST_CASE("insert rows that set different columns needs several statements") {
  Post a{.title = "a"};
  Post b{.id = 9, .title = "b"};
  auto insert = ormc::insert<Post>().values(a).values(b);
  CHECK(insert.render_batches(ormc::sqlite_dialect()).size() == 2);
  CHECK_THROWS_AS((void)insert.render(ormc::sqlite_dialect()), ormc::InvalidRequestError);
}

TEST_CASE("insert with set() assignments, and DEFAULT VALUES") {
  auto r = ormc::insert<User>()
               .values(ormc::set(user::username, "bob"), ormc::set(user::email, "b@x"))
               .render(pg_like);
  CHECK(r.sql == R"(INSERT INTO "users" ("username", "email") VALUES ($1, $2))");
  CHECK(sql(ormc::insert<User>()) == R"(INSERT INTO "users" DEFAULT VALUES)");
}

TEST_CASE("upsert") {
  User u{.username = "alice", .email = "a@example.com"};
  auto update = ormc::insert<User>()
                    .values(ormc::set(user::username, "alice"), ormc::set(user::email, "a@x"))
                    .on_conflict(user::email)
                    .do_update(user::username, ormc::set(user::age, user::age + 1));
  CHECK(sql(update) ==
        R"(INSERT INTO "users" ("username", "email") VALUES (?1, ?2) ON CONFLICT ("email"))"
        R"( DO UPDATE SET "username" = excluded."username", "age" = "users"."age" + ?3)");
  auto nothing = ormc::insert<User>().values(u).on_conflict().do_nothing();
  CHECK(sql(nothing).ends_with(" ON CONFLICT DO NOTHING"));
  auto nothing_on = ormc::insert<User>().values(u).on_conflict(user::username).do_nothing();
  CHECK(sql(nothing_on).ends_with(R"( ON CONFLICT ("username") DO NOTHING)"));
}

TEST_CASE("insert returning") {
  auto q = ormc::insert<User>()
               .values(ormc::set(user::username, "bob"), ormc::set(user::email, "b@x"))
               .returning(user::id, user::created_at);
  static_assert(
      std::is_same_v<decltype(q)::result_type, std::tuple<std::int64_t, ormc::Timestamp>>);
  CHECK(sql(q).ends_with(R"( RETURNING "users"."id", "users"."created_at")"));
  CHECK_THROWS_AS((void)q.render(no_returning), ormc::InvalidRequestError);
}

TEST_CASE("update with where, on_update(now) columns are set too") {
  auto q =
      ormc::update<User>().set(user::age, 30).set(user::role, Role::admin).where(user::id == 7);
  auto r = q.render(ormc::sqlite_dialect());
  CHECK(r.sql ==
        R"(UPDATE "users" SET "age" = ?1, "role" = ?2, "updated_at" = ?3 WHERE "users"."id" = ?4)");
  CHECK(std::get<std::string>(r.values[1]) == "admin");
  CHECK(std::holds_alternative<ormc::Timestamp>(r.values[2]));
  CHECK(std::get<std::int64_t>(r.values[3]) == 7);

  auto explicit_time = ormc::update<Post>()
                           .set(post::views, post::views + 1)
                           .set(post::content, std::nullopt)
                           .where(post::id == 1);
  CHECK(
      sql(explicit_time, pg_like) ==
      R"(UPDATE "posts" SET "views" = "posts"."views" + $1, "content" = $2 WHERE "posts"."id" = $3)");
}

TEST_CASE("update all_rows, returning, and the run-time errors") {
  CHECK(sql(ormc::update<Post>().set(post::published, false).all_rows()) ==
        R"(UPDATE "posts" SET "published" = ?1)");
  auto r = ormc::update<Post>().set(post::views, 0).where(post::id > 3).returning(post::id);
  static_assert(std::is_same_v<decltype(r)::result_type, std::tuple<std::int64_t>>);
  CHECK(sql(r) ==
        R"(UPDATE "posts" SET "views" = ?1 WHERE "posts"."id" > ?2 RETURNING "posts"."id")");

  ormc::Condition<Post> empty;
  auto u = ormc::update<Post>().set(post::views, 0).where(empty);
  CHECK_THROWS_AS((void)u.render(ormc::sqlite_dialect()), ormc::InvalidRequestError);
  auto no_set = ormc::update<Post>().all_rows();
  CHECK_THROWS_AS((void)no_set.render(ormc::sqlite_dialect()), ormc::InvalidRequestError);
}

TEST_CASE("delete") {
  CHECK(sql(ormc::delete_from<User>().where(user::is_active == false)) ==
        R"(DELETE FROM "users" WHERE "users"."is_active" = ?1)");
  CHECK(sql(ormc::delete_from<User>().all_rows()) == R"(DELETE FROM "users")");
  CHECK(
      sql(ormc::delete_from<Post>().where(post::id.in_({1, 2})).returning(post::title), pg_like) ==
      R"(DELETE FROM "posts" WHERE "posts"."id" IN ($1, $2) RETURNING "posts"."title")");
  ormc::Condition<User> empty;
  auto d = ormc::delete_from<User>().where(empty);
  CHECK_THROWS_WITH_AS((void)d.render(ormc::sqlite_dialect()), doctest::Contains("all_rows"),
                       ormc::InvalidRequestError);
}
