// Joins, aliases, labels, subqueries, CTEs, set operations and locking rendered for SQLite
// (?NNN) and a PostgreSQL-like dialect ($n), with the row types the compiler gives them.
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>

#include <doctest/doctest.h>

#include "ormc/error.hpp"
#include "ormc/query.hpp"
#include "render_helpers.hpp"
#include "test_dialects.hpp"
#include "test_model.hpp"

using namespace testdb;

namespace {

// users -> posts as the generator emits a relation: one hop, posts.author_id = users.id.
inline constexpr ormc::Relation<
    User, Post, ormc::RelationKind::one_to_many, true,
    ormc::relation_path<
        ormc::RelationHop<Post, ormc::column_list<user::id>, ormc::column_list<post::author_id>>>>
    user_posts{"posts", "author"};
inline constexpr ormc::Relation<
    Post, User, ormc::RelationKind::many_to_one, false,
    ormc::relation_path<
        ormc::RelationHop<User, ormc::column_list<post::author_id>, ormc::column_list<user::id>>>>
    post_author{"author", "posts"};

template <typename S, typename Row>
constexpr bool rows_are = std::is_same_v<typename S::result_type, Row>;

}  // namespace

TEST_CASE("inner and outer joins: outer-joined columns are optional") {
  auto inner = ormc::select(user::username, post::title).join<Post>(post::author_id == user::id);
  static_assert(rows_are<decltype(inner), std::tuple<std::string, std::string>>);

  auto left = ormc::select(user::username, post::title, post::content, ormc::count(post::id))
                  .select_from<User>()
                  .left_join<Post>(post::author_id == user::id)
                  .group_by(user::username, post::title, post::content);
  static_assert(rows_are<decltype(left), std::tuple<std::string, std::optional<std::string>,
                                                    std::optional<std::string>, std::int64_t>>);
  CHECK(sql(left) == R"(SELECT "users"."username", "posts"."title", "posts"."content", )"
                     R"(COUNT("posts"."id") FROM "users" LEFT JOIN "posts" ON )"
                     R"("posts"."author_id" = "users"."id" GROUP BY "users"."username", )"
                     R"("posts"."title", "posts"."content")");

  // RIGHT JOIN: the models joined before may be missing; FULL: both sides.
  auto right = ormc::select(user::username, post::title)
                   .select_from<User>()
                   .right_join<Post>(post::author_id == user::id);
  static_assert(rows_are<decltype(right), std::tuple<std::optional<std::string>, std::string>>);
  auto full = ormc::select(user::username, post::title)
                  .select_from<User>()
                  .full_join<Post>(post::author_id == user::id);
  static_assert(
      rows_are<decltype(full), std::tuple<std::optional<std::string>, std::optional<std::string>>>);
  CHECK(sql(full, pg_like)
            .ends_with(R"(FROM "users" FULL JOIN "posts" ON "posts"."author_id" = "users"."id")"));
  // An SQLite older than 3.39 has neither: refused with the version and the rewrite, never
  // sent to fail in the parser (or, worse, rewritten silently).
  CHECK_THROWS_WITH_AS((void)sql(right, no_returning),
                       doctest::Contains("RIGHT and FULL OUTER JOIN need SQLite 3.39 or later; "
                                         "this program runs SQLite 3.34.1: swap the sides"),
                       ormc::InvalidRequestError);
  CHECK_THROWS_AS((void)sql(full, no_returning), ormc::InvalidRequestError);
  CHECK_NOTHROW((void)sql(left, no_returning));
  // The SQLite this runtime is linked with answers from its own version.
  CHECK(!ormc::sqlite_dialect().library_version().empty());
  CHECK(ormc::postgresql_dialect().supports_right_and_full_join());

  // An expression over an outer-joined column is optional too; COUNT and IS NULL are not.
  auto exprs = ormc::select(post::views + 1, post::id.is_null(), ormc::count(post::id))
                   .select_from<User>()
                   .left_join<Post>(post::author_id == user::id);
  static_assert(
      rows_are<decltype(exprs), std::tuple<std::optional<std::int64_t>, bool, std::int64_t>>);
}

TEST_CASE("a whole model an outer join may leave missing reads as std::optional") {
  // The FROM model of select<M>() is M, unless select_from() names another one.
  auto users = ormc::select<User>().where(user::id == 1);
  static_assert(rows_are<decltype(users), User>);
  auto posts =
      ormc::select<Post>().select_from<User>().left_join<Post>(post::author_id == user::id);
  static_assert(rows_are<decltype(posts), std::optional<Post>>);
  CHECK(sql(posts) == R"(SELECT "posts"."id", "posts"."author_id", "posts"."title", )"
                      R"("posts"."content", "posts"."published", "posts"."views" FROM "users" )"
                      R"(LEFT JOIN "posts" ON "posts"."author_id" = "users"."id")");
  auto inner = ormc::select<Post>().select_from<User>().join<Post>(post::author_id == user::id);
  static_assert(rows_are<decltype(inner), Post>);
  // RIGHT JOIN: the FROM model may be missing; FULL: so may the one joined.
  auto right = ormc::select<User>().right_join<Post>(post::author_id == user::id);
  static_assert(rows_are<decltype(right), std::optional<User>>);
  CHECK(sql(right, pg_like)
            .ends_with(R"(FROM "users" RIGHT JOIN "posts" ON "posts"."author_id" = "users"."id")"));
  auto full = ormc::select<Post>().full_join<User>(post::author_id == user::id);
  static_assert(rows_are<decltype(full), std::optional<Post>>);
  CHECK(sql(full, pg_like)
            .ends_with(R"(FROM "posts" FULL JOIN "users" ON "posts"."author_id" = "users"."id")"));
}

TEST_CASE("joins along relations derive the ON clause") {
  auto posts = ormc::select(user::username, ormc::count(post::id))
                   .select_from<User>()
                   .join(user_posts)
                   .group_by(user::username);
  // A collection may be empty: a LEFT JOIN, whose columns are optional.
  CHECK(sql(posts) ==
        R"(SELECT "users"."username", COUNT("posts"."id") FROM "users" LEFT JOIN )"
        R"("posts" ON "users"."id" = "posts"."author_id" GROUP BY "users"."username")");
  auto author = ormc::select(post::title, user::username).join(post_author);
  static_assert(rows_are<decltype(author), std::tuple<std::string, std::string>>);
  CHECK(sql(author) == R"(SELECT "posts"."title", "users"."username" FROM "posts" JOIN "users")"
                       R"( ON "posts"."author_id" = "users"."id")");
  auto forced =
      ormc::select(user::username, post::title).select_from<User>().inner_join(user_posts);
  static_assert(rows_are<decltype(forced), std::tuple<std::string, std::string>>);
}

TEST_CASE("aliases: a second occurrence of a model") {
  constexpr auto other = ormc::alias<User, "other">;
  auto q = ormc::select(user::username, other(user::username))
               .select_from<User>()
               .left_join(other, other(user::age) > user::age)
               .order_by(other(user::username).desc());
  static_assert(rows_are<decltype(q), std::tuple<std::string, std::optional<std::string>>>);
  CHECK(sql(q) == R"(SELECT "users"."username", "other"."username" FROM "users" LEFT JOIN )"
                  R"("users" AS "other" ON "other"."age" > "users"."age" ORDER BY )"
                  R"("other"."username" DESC)");
}

TEST_CASE("labels name items; order_by(label) does not repeat the expression") {
  auto n = ormc::count(post::id).as("n");
  auto q = ormc::select(post::author_id, n)
               .group_by(post::author_id)
               .order_by(n.desc(), post::author_id);
  CHECK(sql(q) == R"(SELECT "posts"."author_id", COUNT("posts"."id") AS "n" FROM "posts" GROUP BY )"
                  R"("posts"."author_id" ORDER BY "n" DESC, "posts"."author_id")");
  // GROUP BY a label: its position in the select list, so that values it binds are not
  // bound twice (PostgreSQL cannot tell "$1" from "$3").
  auto busy = (post::views * 2).as("busy");
  CHECK(sql(ormc::select(busy, ormc::count(post::id)).group_by(busy), pg_like) ==
        R"(SELECT "posts"."views" * $1 AS "busy", COUNT("posts"."id") FROM "posts" GROUP BY 1)");
  // Elsewhere a label is its expression: HAVING cannot read a select-list name everywhere.
  auto h = ormc::select(post::author_id, n).group_by(post::author_id).having(n > 1);
  CHECK(sql(h).ends_with(R"(HAVING COUNT("posts"."id") > ?1)"));
}

TEST_CASE("scalar subqueries, exists, in_(subquery)") {
  auto above = ormc::select(post::title).where(post::views > ormc::select(ormc::avg(post::views)));
  CHECK(sql(above) == R"(SELECT "posts"."title" FROM "posts" WHERE "posts"."views" > )"
                      R"((SELECT AVG("posts"."views") FROM "posts"))");
  static_assert(std::is_same_v<ormc::expr_value_t<decltype(ormc::select(ormc::count(post::id)))>,
                               std::optional<std::int64_t>>);

  auto writers = ormc::select(user::username)
                     .where(ormc::exists(ormc::select(post::id).correlate<User>().where(
                         post::author_id == user::id && post::views > 10)));
  CHECK(sql(writers, pg_like) ==
        R"(SELECT "users"."username" FROM "users" WHERE EXISTS (SELECT "posts"."id" FROM "posts")"
        R"( WHERE "posts"."author_id" = "users"."id" AND "posts"."views" > $1))");

  auto silent =
      ormc::select(user::id)
          .where(user::id.not_in(ormc::select(post::author_id).where(post::published == true)))
          .where(user::age > 3);
  const auto r = silent.render(ormc::sqlite_dialect());
  CHECK(r.sql == R"(SELECT "users"."id" FROM "users" WHERE "users"."id" NOT IN (SELECT )"
                 R"("posts"."author_id" FROM "posts" WHERE "posts"."published" = ?1) AND )"
                 R"("users"."age" > ?2)");
  CHECK(r.values.size() == 2);

  // A subquery in the select list, correlated.
  auto counts = ormc::select(user::username, ormc::select(ormc::count(post::id))
                                                 .correlate<User>()
                                                 .where(post::author_id == user::id)
                                                 .as("posts"));
  static_assert(rows_are<decltype(counts), std::tuple<std::string, std::optional<std::int64_t>>>);
  CHECK(sql(counts) == R"(SELECT "users"."username", (SELECT COUNT("posts"."id") FROM "posts" )"
                       R"(WHERE "posts"."author_id" = "users"."id") AS "posts" FROM "users")");
}

TEST_CASE("derived tables have typed columns") {
  auto per_author = ormc::select(post::author_id, ormc::count(post::id).as("n"))
                        .group_by(post::author_id)
                        .subquery<"s">();
  auto q = ormc::select(user::username, per_author.col<1>())
               .select_from<User>()
               .join(per_author, per_author.col<0>() == user::id)
               .where(per_author.col<1>() > 2);
  static_assert(rows_are<decltype(q), std::tuple<std::string, std::int64_t>>);
  CHECK(sql(q) ==
        R"(SELECT "users"."username", "s"."n" FROM "users" JOIN (SELECT )"
        R"("posts"."author_id", COUNT("posts"."id") AS "n" FROM "posts" GROUP BY )"
        R"("posts"."author_id") AS "s" ON "s"."author_id" = "users"."id" WHERE "s"."n" > ?1)");
  // Unnamed items get c<n>; the derived table's own placeholders number in order.
  auto d = ormc::select(post::views * 2).where(post::views > 1).subquery<"d">();
  auto outer = ormc::select(d.col<0>()).select_from(d).where(d.col<0>() < 100);
  CHECK(sql(outer, pg_like) == R"(SELECT "d"."c1" FROM (SELECT "posts"."views" * $1 AS "c1" FROM )"
                               R"("posts" WHERE "posts"."views" > $2) AS "d" WHERE "d"."c1" < $3)");
}

TEST_CASE("CTEs, recursive CTEs") {
  auto active =
      ormc::select(user::id, user::username).where(user::is_active == true).cte<"active">();
  auto q = ormc::select(active.col<1>(), post::title)
               .select_from(active)
               .join<Post>(post::author_id == active.col<0>());
  CHECK(sql(q) ==
        R"(WITH "active"("id", "username") AS (SELECT "users"."id", "users"."username" )"
        R"(FROM "users" WHERE "users"."is_active" = ?1) SELECT "active"."username", )"
        R"("posts"."title" FROM "active" JOIN "posts" ON "posts"."author_id" = "active"."id")");

  auto chain = ormc::recursive_cte<"chain">(ormc::select(user::id, user::age).where(user::id == 1));
  chain = chain.union_all(ormc::select(user::id, user::age)
                              .select_from<User>()
                              .join(chain, user::id == chain.col<0>() + 1));
  auto all = ormc::select(chain.col<0>()).select_from(chain);
  CHECK(sql(all) ==
        R"(WITH RECURSIVE "chain"("id", "age") AS (SELECT "users"."id", "users"."age" FROM )"
        R"("users" WHERE "users"."id" = ?1 UNION ALL SELECT "users"."id", "users"."age" )"
        R"(FROM "users" JOIN "chain" ON "users"."id" = "chain"."id" + ?2) SELECT )"
        R"("chain"."id" FROM "chain")");

  // A subquery reading the statement's CTE reads it from the WITH around it; a subquery of
  // a statement that does not define it defines it itself.
  auto oldest =
      ormc::select(active.col<1>())
          .select_from(active)
          .where(active.col<0>() == ormc::select(ormc::max(active.col<0>())).select_from(active));
  CHECK(sql(oldest) ==
        R"(WITH "active"("id", "username") AS (SELECT "users"."id", "users"."username" )"
        R"(FROM "users" WHERE "users"."is_active" = ?1) SELECT "active"."username" FROM )"
        R"("active" WHERE "active"."id" = (SELECT MAX("active"."id") FROM "active"))");
  auto posts = ormc::select(post::title)
                   .where(post::author_id.in_(ormc::select(active.col<0>()).select_from(active)));
  CHECK(sql(posts) ==
        R"(SELECT "posts"."title" FROM "posts" WHERE "posts"."author_id" IN (WITH )"
        R"("active"("id", "username") AS (SELECT "users"."id", "users"."username" FROM )"
        R"("users" WHERE "users"."is_active" = ?1) SELECT "active"."id" FROM "active"))");
}

TEST_CASE("set operations") {
  auto a = ormc::select(user::username).where(user::age > 30);
  auto b = ormc::select(user::email).where(user::age < 20);
  auto u = ormc::union_(a, b).order_by(user::username.desc()).limit(5);
  static_assert(rows_are<decltype(u), std::tuple<std::string>>);
  CHECK(sql(u) ==
        R"(SELECT "users"."username" FROM "users" WHERE "users"."age" > ?1 UNION SELECT )"
        R"("users"."email" FROM "users" WHERE "users"."age" < ?2 ORDER BY 1 DESC LIMIT ?3)");
  // An optional member makes the column optional.
  auto c = ormc::union_all(ormc::select(user::username, user::age),
                           ormc::select(post::title, ormc::max(post::views)).group_by(post::title));
  static_assert(rows_are<decltype(c), std::tuple<std::string, std::optional<std::int32_t>>>);
  // A member with its own ORDER BY / LIMIT is read from as a derived table.
  auto e = ormc::except_(ormc::select(user::id),
                         ormc::select(post::author_id).order_by(post::id).limit(1));
  CHECK(sql(e) ==
        R"(SELECT "users"."id" FROM "users" EXCEPT SELECT * FROM (SELECT "posts"."author_id" )"
        R"(FROM "posts" ORDER BY "posts"."id" LIMIT ?1) AS "ormc_2")");
  CHECK(sql(ormc::intersect(ormc::select(user::id), ormc::select(post::author_id))) ==
        R"(SELECT "users"."id" FROM "users" INTERSECT SELECT "posts"."author_id" FROM "posts")");
}

TEST_CASE("locking and DISTINCT ON: PostgreSQL only, refused on SQLite") {
  auto lock = ormc::select<User>().where(user::id == 1).for_update().skip_locked();
  CHECK(sql(lock, pg_like).ends_with(R"(WHERE "users"."id" = $1 FOR UPDATE SKIP LOCKED)"));
  CHECK_THROWS_AS((void)lock.render(ormc::sqlite_dialect()), ormc::InvalidRequestError);
  CHECK(sql(ormc::select(user::id).for_share().nowait(), pg_like).ends_with("FOR SHARE NOWAIT"));
  auto first = ormc::select(post::author_id, post::title)
                   .distinct_on(post::author_id)
                   .order_by(post::author_id, post::views.desc());
  CHECK(sql(first, pg_like)
            .starts_with(R"(SELECT DISTINCT ON ("posts"."author_id") "posts"."author_id")"));
  CHECK_THROWS_AS((void)first.render(ormc::sqlite_dialect()), ormc::InvalidRequestError);
}
