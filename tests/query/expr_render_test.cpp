// The expression layer rendered to SQL: operators, precedence, bound values, result types.
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <doctest/doctest.h>

#include "ormc/expr.hpp"
#include "render_helpers.hpp"
#include "test_dialects.hpp"
#include "test_model.hpp"

using namespace testdb;

TEST_CASE("comparisons bind their values and quote identifiers") {
  auto r = render_expr(user::age > 25);
  CHECK(r.sql == R"("users"."age" > ?1)");
  REQUIRE(r.values.size() == 1);
  CHECK(std::get<std::int64_t>(r.values[0]) == 25);

  CHECK(expr_sql(user::username == "alice") == R"("users"."username" = ?1)");
  CHECK(expr_sql(user::username != std::string("bob")) == R"("users"."username" <> ?1)");
  CHECK(expr_sql(user::age <= 3) == R"("users"."age" <= ?1)");
  CHECK(expr_sql(user::age >= 3) == R"("users"."age" >= ?1)");
  CHECK(expr_sql(user::age < 3) == R"("users"."age" < ?1)");
  CHECK(expr_sql(25 < user::age) == R"(?1 < "users"."age")");
  CHECK(expr_sql(user::score > 1.5) == R"("users"."score" > ?1)");
  CHECK(expr_sql(user::balance >= ormc::Decimal(10)) == R"("users"."balance" >= ?1)");
  CHECK(expr_sql(post::author_id == user::id) == R"("posts"."author_id" = "users"."id")");
}

TEST_CASE("enums are bound as their names") {
  auto r = render_expr(user::role == Role::editor);
  CHECK(r.sql == R"("users"."role" = ?1)");
  CHECK(std::get<std::string>(r.values[0]) == "editor");
}

TEST_CASE("== std::nullopt is IS NULL") {
  CHECK(expr_sql(user::age == std::nullopt) == R"("users"."age" IS NULL)");
  CHECK(expr_sql(user::age != std::nullopt) == R"("users"."age" IS NOT NULL)");
  CHECK(expr_sql(user::age.is_null()) == R"("users"."age" IS NULL)");
  CHECK(expr_sql(user::id.is_not_null()) == R"("users"."id" IS NOT NULL)");
}

TEST_CASE("logical operators and precedence") {
  CHECK(expr_sql(user::age > 25 && user::username.like("a%")) ==
        R"("users"."age" > ?1 AND "users"."username" LIKE ?2)");
  CHECK(expr_sql((user::age > 1 || user::age < 0) && user::is_active) ==
        R"(("users"."age" > ?1 OR "users"."age" < ?2) AND "users"."is_active")");
  CHECK(expr_sql(user::age > 1 || (user::age < 0 && user::is_active)) ==
        R"("users"."age" > ?1 OR "users"."age" < ?2 AND "users"."is_active")");
  CHECK(expr_sql(!(user::role == Role::admin)) == R"(NOT ("users"."role" = ?1))");
  CHECK(expr_sql(!user::is_active) == R"(NOT "users"."is_active")");
  CHECK(expr_sql(user::is_active == true) == R"("users"."is_active" = ?1)");
  CHECK(expr_sql((user::age > 1) == (user::score > 2.0)) ==
        R"(("users"."age" > ?1) = ("users"."score" > ?2))");
}

TEST_CASE("like, ilike per dialect") {
  CHECK(expr_sql(user::email.ilike("%@EXAMPLE.com")) == R"("users"."email" LIKE ?1)");
  CHECK(expr_sql(user::email.ilike("%@EXAMPLE.com"), pg_like) == R"("users"."email" ILIKE $1)");
  CHECK(expr_sql(post::content.like("%x%")) == R"("posts"."content" LIKE ?1)");
}

TEST_CASE("in_, not_in, between") {
  auto r = render_expr(user::role.in_({Role::admin, Role::editor}));
  CHECK(r.sql == R"("users"."role" IN (?1, ?2))");
  CHECK(std::get<std::string>(r.values[1]) == "editor");

  std::vector<std::int64_t> ids{4, 5, 6};
  CHECK(expr_sql(user::id.not_in(ids), pg_like) == R"("users"."id" NOT IN ($1, $2, $3))");
  CHECK(expr_sql(user::username.in_({"a", "bb"})) == R"("users"."username" IN (?1, ?2))");

  std::vector<std::int64_t> none;
  auto empty = render_expr(user::id.in_(none) || user::id == 1);
  CHECK(empty.sql == R"(1 = 0 OR "users"."id" = ?1)");
  CHECK(empty.values.size() == 1);
  CHECK(expr_sql(user::id.not_in(none)) == "1 = 1");
  // The skipped operand's values are not bound.
  auto skipped = render_expr((user::age + 7).in_(none) && user::age == 3);
  CHECK(skipped.sql == R"(1 = 0 AND "users"."age" = ?1)");
  CHECK(std::get<std::int64_t>(skipped.values[0]) == 3);

  auto b = render_expr(user::age.between(20, 30));
  CHECK(b.sql == R"("users"."age" BETWEEN ?1 AND ?2)");
  CHECK(b.values.size() == 2);
}

TEST_CASE("arithmetic") {
  CHECK(expr_sql(user::age + 1 > 30) == R"("users"."age" + ?1 > ?2)");
  CHECK(expr_sql((user::age + 1) * 2) == R"(("users"."age" + ?1) * ?2)");
  CHECK(expr_sql(user::age - (post::views - 1)) == R"("users"."age" - ("posts"."views" - ?1))");
  CHECK(expr_sql(-(-user::age)) == R"(-(-"users"."age"))");
  CHECK(expr_sql(post::views / 2) == R"("posts"."views" / ?1)");
  static_assert(
      std::is_same_v<ormc::expr_value_t<decltype(user::age + 1)>, std::optional<std::int64_t>>);
  static_assert(std::is_same_v<ormc::expr_value_t<decltype(post::views * 1.5)>, double>);
  static_assert(std::is_same_v<ormc::expr_value_t<decltype(user::balance + 1)>, ormc::Decimal>);
}

TEST_CASE("decimal arithmetic, comparisons and aggregates call ormc's exact functions on SQLite") {
  CHECK(expr_sql(ormc::sum(user::balance)) ==
        R"(ormc_dec_sum("users"."balance") COLLATE ormc_decimal)");
  CHECK(expr_sql(ormc::sum(user::balance), testdb::pg_like) == R"(SUM("users"."balance"))");
  CHECK(expr_sql(ormc::avg(user::balance)) ==
        R"(ormc_dec_avg("users"."balance") COLLATE ormc_decimal)");
  CHECK(expr_sql(ormc::max(user::balance)) == R"(MAX("users"."balance") COLLATE ormc_decimal)");
  CHECK(expr_sql(ormc::count(user::balance) > 2) == R"(COUNT("users"."balance") > ?1)");
  CHECK(
      std::holds_alternative<std::int64_t>(render_expr(ormc::count(user::balance) > 2).values[0]));
  CHECK(
      expr_sql(ormc::sum(user::balance * 2)) ==
      R"(ormc_dec_sum(ormc_dec_mul("users"."balance", ?1) COLLATE ormc_decimal) COLLATE ormc_decimal)");
  CHECK(
      expr_sql(-user::balance / 3) ==
      R"(ormc_dec_div(ormc_dec_neg("users"."balance") COLLATE ormc_decimal, ?1) COLLATE ormc_decimal)");
  CHECK(expr_sql(user::balance - 1, testdb::pg_like) == R"("users"."balance" - $1)");
  // A column beside values: the column's collation compares them (an index can serve it).
  CHECK(expr_sql(user::balance == 10) == R"("users"."balance" = ?1)");
  CHECK(expr_sql(user::balance.between(1, 2)) == R"("users"."balance" BETWEEN ?1 AND ?2)");
  // A computed decimal beside an integer bound as decimal text, which the collation reads.
  const auto computed = render_expr(user::balance * 2 > 10);
  CHECK(computed.sql == R"(ormc_dec_mul("users"."balance", ?1) COLLATE ormc_decimal > ?2)");
  REQUIRE(computed.values.size() == 2);
  CHECK(std::get<ormc::Decimal>(computed.values[1]) == ormc::Decimal("10"));
  // Beside an integer column SQLite would compare REALs: ormc_dec_cmp compares exactly.
  CHECK(expr_sql(user::balance > user::age) ==
        R"(ormc_dec_cmp("users"."balance", "users"."age") > 0)");
  CHECK(expr_sql(user::balance > user::age, testdb::pg_like) ==
        R"("users"."balance" > "users"."age")");
  static_assert(std::is_same_v<ormc::expr_value_t<decltype(ormc::avg(user::balance))>,
                               std::optional<ormc::Decimal>>);
}

TEST_CASE("aggregates and their result types") {
  CHECK(expr_sql(ormc::count(user::id)) == R"(COUNT("users"."id"))");
  CHECK(expr_sql(ormc::count_all()) == "COUNT(*)");
  CHECK(expr_sql(ormc::count_distinct(user::role)) == R"(COUNT(DISTINCT "users"."role"))");
  CHECK(expr_sql(ormc::sum(post::views)) == R"(SUM("posts"."views"))");
  CHECK(expr_sql(ormc::avg(user::age)) == R"(AVG("users"."age"))");
  CHECK(expr_sql(ormc::min(user::created_at)) == R"(MIN("users"."created_at"))");
  CHECK(expr_sql(ormc::max(user::username)) == R"(MAX("users"."username"))");
  CHECK(expr_sql(ormc::count(post::id) > 5) == R"(COUNT("posts"."id") > ?1)");
  static_assert(std::is_same_v<ormc::expr_value_t<decltype(ormc::count(user::id))>, std::int64_t>);
  static_assert(std::is_same_v<ormc::expr_value_t<decltype(ormc::sum(post::views))>,
                               std::optional<std::int64_t>>);
  static_assert(
      std::is_same_v<ormc::expr_value_t<decltype(ormc::sum(user::score))>, std::optional<double>>);
  static_assert(std::is_same_v<ormc::expr_value_t<decltype(ormc::sum(user::balance))>,
                               std::optional<ormc::Decimal>>);
  static_assert(
      std::is_same_v<ormc::expr_value_t<decltype(ormc::avg(user::age))>, std::optional<double>>);
  static_assert(std::is_same_v<ormc::expr_value_t<decltype(ormc::max(user::age))>,
                               std::optional<std::int32_t>>);
  static_assert(std::is_same_v<ormc::expr_value_t<decltype(ormc::min(user::username))>,
                               std::optional<std::string>>);
}

TEST_CASE("result types of comparisons follow nullability") {
  static_assert(std::is_same_v<ormc::expr_value_t<decltype(user::id == 1)>, bool>);
  static_assert(std::is_same_v<ormc::expr_value_t<decltype(user::age == 1)>, std::optional<bool>>);
  static_assert(std::is_same_v<ormc::expr_value_t<decltype(user::age.is_null())>, bool>);
}

TEST_CASE("Condition composes at run time") {
  auto build = [](std::optional<int> min_age, std::optional<std::string> name) {
    ormc::Condition<User> c;
    if (min_age) c = c && user::age >= *min_age;
    if (name) c = c && user::username == *name;
    return c;
  };
  CHECK(build(std::nullopt, std::nullopt).empty());
  CHECK(expr_sql(build(30, std::nullopt)) == R"("users"."age" >= ?1)");
  auto both = render_expr(build(30, "bob"));
  CHECK(both.sql == R"("users"."age" >= ?1 AND "users"."username" = ?2)");
  CHECK(std::get<std::string>(both.values[1]) == "bob");

  ormc::Condition<User> any;
  for (const char* name : {"a", "b", "c"}) any = any || user::username == name;
  CHECK(expr_sql(any) ==
        R"("users"."username" = ?1 OR "users"."username" = ?2 OR "users"."username" = ?3)");
  CHECK(
      expr_sql(!any && user::is_active) ==
      R"(NOT ("users"."username" = ?1 OR "users"."username" = ?2 OR "users"."username" = ?3) AND "users"."is_active")");
  ormc::Condition<User, Post> joined = post::author_id == user::id && post::published;
  CHECK(expr_sql(joined) == R"("posts"."author_id" = "users"."id" AND "posts"."published")");
}

TEST_CASE("assignments") {
  auto a = ormc::set(user::age, 30);
  CHECK(a.column == "age");
  CHECK(a.index == 3);
  CHECK(std::get<std::int64_t>(a.value.values[0]) == 30);
  auto n = ormc::set(user::age, std::nullopt);
  CHECK(std::holds_alternative<std::monostate>(n.value.values[0]));
  auto o = ormc::set(user::age, std::optional<int>{7});
  CHECK(std::get<std::int64_t>(o.value.values[0]) == 7);
  auto e = ormc::set(post::views, post::views + 1);
  CHECK(e.value.nodes.size() == 3);
  CHECK(expr_sql(ormc::excluded(user::username)) == R"(excluded."username")");
}
