// The SQL functions, CASE, CAST and window functions rendered for SQLite and PostgreSQL,
// with their C++ result types.
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>

#include <doctest/doctest.h>

#include "item_model.hpp"
#include "ormc/dialect.hpp"
#include "ormc/query.hpp"

using namespace fntest;

namespace {

template <typename E>
ormc::RenderedStatement render(E&& e, const ormc::Dialect& dialect) {
  ormc::detail::ExprData data;
  ormc::detail::append_expr(data, std::forward<E>(e));
  ormc::SqlWriter w(dialect);
  w.expression(data);
  return std::move(w).finish();
}

template <typename E>
std::string lite(E&& e) {
  return render(std::forward<E>(e), ormc::sqlite_dialect()).sql;
}

template <typename E>
std::string pg(E&& e) {
  return render(std::forward<E>(e), ormc::postgresql_dialect()).sql;
}

template <typename E, typename T>
constexpr bool has_type = std::is_same_v<ormc::expr_value_t<E>, T>;

}  // namespace

TEST_CASE("round and abs") {
  static_assert(has_type<decltype(ormc::round(item::price)), ormc::Decimal>);
  static_assert(has_type<decltype(ormc::round(item::maybe_ratio, 1)), std::optional<double>>);
  static_assert(has_type<decltype(ormc::abs(item::qty)), std::int32_t>);
  CHECK(lite(ormc::round(item::price, 1)) ==
        R"(ormc_dec_round("items"."price", ?1) COLLATE ormc_decimal)");
  CHECK(pg(ormc::round(item::price, 1)) == R"(round("items"."price", CAST($1 AS integer)))");
  CHECK(lite(ormc::round(item::ratio)) == R"(round("items"."ratio"))");
  CHECK(pg(ormc::round(item::ratio)) ==
        R"(CAST(round(CAST("items"."ratio" AS numeric)) AS double precision))");
  CHECK(lite(ormc::abs(item::price)) == R"(ormc_dec_abs("items"."price") COLLATE ormc_decimal)");
  CHECK(pg(ormc::abs(item::price)) == R"(abs("items"."price"))");
  CHECK(lite(ormc::abs(item::qty)) == R"(abs("items"."qty"))");
  // A decimal function compared with an integer: the integer is bound as decimal text.
  const auto r = render(ormc::round(item::price) > 3, ormc::sqlite_dialect());
  CHECK(r.sql == R"(ormc_dec_round("items"."price") COLLATE ormc_decimal > ?1)");
  CHECK(std::get<ormc::Decimal>(r.values[0]) == ormc::Decimal(3));
}

TEST_CASE("coalesce and nullif") {
  static_assert(has_type<decltype(ormc::coalesce(item::maybe_qty, 0)), std::int32_t>);
  static_assert(has_type<decltype(ormc::coalesce(item::maybe_qty, item::big)), std::int64_t>);
  static_assert(has_type<decltype(ormc::coalesce(item::maybe_qty, item::maybe_qty)),
                         std::optional<std::int32_t>>);
  static_assert(has_type<decltype(ormc::coalesce(item::discount, item::price)), ormc::Decimal>);
  static_assert(has_type<decltype(ormc::coalesce(item::note, "none")), std::string>);
  static_assert(has_type<decltype(ormc::nullif(item::qty, 0)), std::optional<std::int32_t>>);
  // NULL over an outer join only when every argument is: a value never is.
  static_assert(std::is_same_v<ormc::expr_null_if_t<decltype(ormc::coalesce(item::maybe_qty, 0))>,
                               ormc::detail::model_list<>>);
  static_assert(
      std::is_same_v<ormc::expr_null_if_t<decltype(ormc::coalesce(item::maybe_qty, item::qty))>,
                     ormc::detail::model_list<Item>>);
  CHECK(lite(ormc::coalesce(item::maybe_qty, 0)) == R"(COALESCE("items"."maybe_qty", ?1))");
  CHECK(pg(ormc::coalesce(item::maybe_qty, 0)) ==
        R"(COALESCE("items"."maybe_qty", CAST($1 AS integer)))");
  const auto d = render(ormc::coalesce(item::discount, 0), ormc::sqlite_dialect());
  CHECK(d.sql == R"(COALESCE("items"."discount", ?1) COLLATE ormc_decimal)");
  CHECK(std::holds_alternative<ormc::Decimal>(d.values[0]));
  CHECK(pg(ormc::nullif(item::name, "")) == R"(NULLIF("items"."name", CAST($1 AS text)))");
}

TEST_CASE("string functions") {
  static_assert(has_type<decltype(ormc::lower(item::note)), std::optional<std::string>>);
  static_assert(has_type<decltype(ormc::length(item::name)), std::int64_t>);
  static_assert(
      has_type<decltype(ormc::concat(item::name, "-", item::note)), std::optional<std::string>>);
  CHECK(lite(ormc::upper(item::name)) == R"(upper("items"."name"))");
  CHECK(lite(ormc::trim(item::name)) == R"(trim("items"."name"))");
  CHECK(pg(ormc::trim(item::name)) == R"(btrim("items"."name"))");
  CHECK(pg(ormc::rtrim(item::name)) == R"(rtrim("items"."name"))");
  CHECK(lite(ormc::substr(item::name, 2, 3)) == R"(substr("items"."name", ?1, ?2))");
  CHECK(pg(ormc::substr(item::name, 2)) == R"(substr("items"."name", CAST($1 AS integer)))");
  CHECK(lite(ormc::replace(item::name, "a", "b")) == R"(replace("items"."name", ?1, ?2))");
  CHECK(lite(ormc::concat(item::name, "-", ormc::lower(item::name))) ==
        R"(("items"."name" || ?1 || lower("items"."name")))");
  CHECK(pg(ormc::concat(item::name, "-")) == R"(("items"."name" || CAST($1 AS text)))");
  CHECK(lite(ormc::string_agg(item::name, ", ")) == R"(group_concat("items"."name", ?1))");
  CHECK(pg(ormc::string_agg(item::name, ", ")) ==
        R"(string_agg("items"."name", CAST($1 AS text)))");
}

TEST_CASE("cast") {
  static_assert(
      has_type<decltype(ormc::cast<std::int64_t>(item::maybe_ratio)), std::optional<std::int64_t>>);
  CHECK(lite(ormc::cast<std::int64_t>(item::price)) == R"(CAST("items"."price" AS INTEGER))");
  CHECK(pg(ormc::cast<std::int64_t>(item::price)) == R"(CAST(trunc("items"."price") AS bigint))");
  CHECK(pg(ormc::cast<std::int32_t>(item::name)) == R"(CAST("items"."name" AS integer))");
  CHECK(pg(ormc::cast<std::int64_t>(item::flag)) ==
        R"(CAST(CAST("items"."flag" AS integer) AS bigint))");
  CHECK(lite(ormc::cast<double>(item::price)) == R"(CAST("items"."price" AS REAL))");
  CHECK(pg(ormc::cast<double>(item::price)) == R"(CAST("items"."price" AS double precision))");
  CHECK(lite(ormc::cast<std::string>(item::qty)) == R"(CAST("items"."qty" AS TEXT))");
  CHECK(lite(ormc::cast<ormc::Decimal>(item::ratio)) ==
        R"(ormc_dec("items"."ratio") COLLATE ormc_decimal)");
  CHECK(pg(ormc::cast<ormc::Decimal>(item::ratio)) == R"(CAST("items"."ratio" AS numeric))");
  CHECK(lite(ormc::cast<bool>(item::qty)) == R"(("items"."qty" <> 0))");
  CHECK(lite(ormc::cast<ormc::Date>(item::at)) == R"(date("items"."at"))");
  CHECK(pg(ormc::cast<ormc::Date>(item::at)) == R"(CAST("items"."at" AS date))");
  CHECK(lite(ormc::cast<ormc::Timestamp>(item::day)) == R"(datetime("items"."day"))");
  CHECK(pg(ormc::cast<ormc::Timestamp>(item::day)) == R"(CAST("items"."day" AS timestamp))");
}

TEST_CASE("dates and times") {
  static_assert(has_type<decltype(ormc::year(item::maybe_day)), std::optional<std::int32_t>>);
  static_assert(has_type<decltype(ormc::add_days(item::at, 1)), ormc::Timestamp>);
  CHECK(lite(ormc::current_date()) == "date('now')");
  CHECK(pg(ormc::current_timestamp()) == "LOCALTIMESTAMP");
  CHECK(lite(ormc::month(item::day)) == R"(CAST(strftime('%m', "items"."day") AS INTEGER))");
  CHECK(pg(ormc::month(item::day)) == R"(CAST(EXTRACT(MONTH FROM "items"."day") AS integer))");
  CHECK(pg(ormc::second(item::at)) ==
        R"(CAST(FLOOR(EXTRACT(SECOND FROM "items"."at")) AS integer))");
  CHECK(lite(ormc::add_days(item::day, 3)) == R"(date("items"."day", ?1 || ' days'))");
  CHECK(pg(ormc::add_days(item::day, 3)) == R"(("items"."day" + CAST($1 AS integer)))");
  CHECK(
      lite(ormc::add_days(item::at, -1)) ==
      R"((strftime('%Y-%m-%d %H:%M:%S', "items"."at", ?1 || ' days') || substr("items"."at", 20)))");
  CHECK(pg(ormc::add_seconds(item::at, item::big)) ==
        R"(("items"."at" + CAST("items"."big" AS bigint) * INTERVAL '1 second'))");
  CHECK(lite(ormc::days_between(item::day, item::maybe_day)) ==
        R"(CAST(julianday("items"."day") - julianday("items"."maybe_day") AS INTEGER))");
  CHECK(pg(ormc::days_between(item::day, item::maybe_day)) ==
        R"(("items"."day" - "items"."maybe_day"))");
}

TEST_CASE("case_when unifies its branches") {
  auto c = ormc::case_when(item::qty > 10, item::big).when(item::qty > 5, 1).else_(item::qty);
  static_assert(has_type<decltype(c), std::int64_t>);
  auto o = ormc::case_when(item::flag, item::name).else_(std::nullopt);
  static_assert(has_type<decltype(o), std::optional<std::string>>);
  auto e = ormc::case_when(item::flag, 1).end();
  static_assert(has_type<decltype(e), std::optional<int>>);
  auto d = ormc::case_when(item::flag, item::price).else_(0);
  static_assert(has_type<decltype(d), ormc::Decimal>);
  CHECK(
      lite(std::move(c)) ==
      R"(CASE WHEN "items"."qty" > ?1 THEN "items"."big" WHEN "items"."qty" > ?2 THEN ?3 ELSE "items"."qty" END)");
  CHECK(pg(ormc::case_when(item::flag, 1).else_(2)) ==
        R"(CASE WHEN "items"."flag" THEN CAST($1 AS integer) ELSE CAST($2 AS integer) END)");
  const auto r = render(std::move(d), ormc::sqlite_dialect());
  CHECK(r.sql ==
        R"(CASE WHEN "items"."flag" THEN "items"."price" ELSE ?1 END COLLATE ormc_decimal)");
  CHECK(std::holds_alternative<ormc::Decimal>(r.values[0]));
  // A condition inside a decimal CASE keeps its integers integers.
  const auto q =
      render(ormc::case_when(item::qty > 1, item::price).else_(0), ormc::sqlite_dialect());
  CHECK(std::holds_alternative<std::int64_t>(q.values[0]));
}

TEST_CASE("window functions") {
  auto rn = ormc::row_number().over(ormc::partition_by(item::grp).order_by(item::qty.desc()));
  static_assert(has_type<decltype(rn), std::int64_t>);
  CHECK(lite(std::move(rn)) ==
        R"(ROW_NUMBER() OVER (PARTITION BY "items"."grp" ORDER BY "items"."qty" DESC))");
  CHECK(pg(ormc::rank().over(ormc::window().order_by(item::qty))) ==
        R"(RANK() OVER (ORDER BY "items"."qty"))");
  CHECK(pg(ormc::dense_rank().over(ormc::window())) == R"(DENSE_RANK() OVER ())");
  auto running = ormc::sum(item::price).over(ormc::window().order_by(item::id));
  static_assert(has_type<decltype(running), std::optional<ormc::Decimal>>);
  CHECK(lite(running) ==
        R"(ormc_dec_sum("items"."price") OVER (ORDER BY "items"."id") COLLATE ormc_decimal)");
  CHECK(pg(running) == R"(SUM("items"."price") OVER (ORDER BY "items"."id"))");
  CHECK(lite(ormc::count_all().over(ormc::partition_by(item::grp))) ==
        R"(COUNT(*) OVER (PARTITION BY "items"."grp"))");
  CHECK(lite(ormc::avg(item::qty).over(ormc::partition_by(item::grp, item::flag))) ==
        R"(AVG("items"."qty") OVER (PARTITION BY "items"."grp", "items"."flag"))");
  // Selected like any expression; the statement reads the window's models.
  auto q = ormc::select(item::id, ormc::row_number().over(ormc::window().order_by(item::id)));
  static_assert(std::is_same_v<decltype(q)::result_type, std::tuple<std::int64_t, std::int64_t>>);
  CHECK(q.render(ormc::sqlite_dialect()).sql ==
        R"(SELECT "items"."id", ROW_NUMBER() OVER (ORDER BY "items"."id") FROM "items")");
}

TEST_CASE("window frames") {
  CHECK(
      lite(ormc::sum(item::price).over(ormc::window().order_by(item::id).rows_preceding(9))) ==
      R"(ormc_dec_sum("items"."price") OVER (ORDER BY "items"."id" ROWS BETWEEN 9 PRECEDING AND CURRENT ROW) COLLATE ormc_decimal)");
  CHECK(
      pg(ormc::avg(item::qty).over(
          ormc::partition_by(item::grp).order_by(item::id).rows_preceding(2))) ==
      R"(AVG("items"."qty") OVER (PARTITION BY "items"."grp" ORDER BY "items"."id" ROWS BETWEEN 2 PRECEDING AND CURRENT ROW))");
}
