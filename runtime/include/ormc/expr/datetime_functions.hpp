// Dates and times: current_date(), current_timestamp(), the fields of a date, time or
// timestamp as integers (year() ... second()), add_days(), add_seconds() and
// days_between(). SQLite stores them as ISO 8601 text (docs/values.md) and computes with
// its date functions; PostgreSQL with its own types. docs/queries.md gives each one's SQL.
#pragma once

#include <cstdint>
#include <utility>

#include "ormc/expr/function_node.hpp"

namespace ormc {
namespace detail {

template <typename E>
inline constexpr bool has_date_v = category_v<expr_value_t<E>> == Category::date ||
                                   category_v<expr_value_t<E>> == Category::timestamp;
template <typename E>
inline constexpr bool has_time_v = category_v<expr_value_t<E>> == Category::time ||
                                   category_v<expr_value_t<E>> == Category::timestamp;

template <DatePart part, typename E>
auto extract(E&& x) {
  constexpr bool date_part =
      part == DatePart::year || part == DatePart::month || part == DatePart::day;
  static_assert(!date_part || has_date_v<E>,
                "ormc: year(), month() and day() apply to Date and Timestamp expressions");
  static_assert(date_part || has_time_v<E>,
                "ormc: hour(), minute() and second() apply to Time and Timestamp expressions");
  using T = nullable_if_any_t<std::int32_t, expr_value_t<E>>;
  ExprData data;
  add_function<T>(data, Op::extract, 1, static_cast<std::int16_t>(part));
  append_expr(data, std::forward<E>(x));
  return make_expr<T, expr_models_t<E>, expr_null_if_t<E>>(std::move(data));
}

template <Op op, typename E, typename N>
auto add_to(E&& x, N&& count) {
  static_assert(operand_category<N> == Category::integer,
                "ormc: add_days() and add_seconds() add an integer count");
  using T = nullable_if_any_t<unwrap_optional_t<expr_value_t<E>>, expr_value_t<E>,
                              expr_value_or_void_t<N>>;
  using Models = list_union_t<expr_models_t<E>, operand_models_t<N>>;
  ExprData data;
  add_function<T>(data, op, 2);
  append_expr(data, std::forward<E>(x));
  append_operand(data, std::forward<N>(count));
  return make_expr<T, Models>(std::move(data));
}

}  // namespace detail

//! The current date (UTC), an ormc::Date: CURRENT_DATE, date('now').
[[nodiscard]] inline auto current_date() {
  detail::ExprData data;
  detail::add_function<Date>(data, detail::Op::current_date, 0);
  return detail::make_expr<Date, detail::model_list<>>(std::move(data));
}

//! The current time (UTC), an ormc::Timestamp. On PostgreSQL the start of the transaction
//! (LOCALTIMESTAMP, to the microsecond); on SQLite the start of the statement, to the
//! millisecond.
[[nodiscard]] inline auto current_timestamp() {
  detail::ExprData data;
  detail::add_function<Timestamp>(data, detail::Op::current_timestamp, 0);
  return detail::make_expr<Timestamp, detail::model_list<>>(std::move(data));
}

//! The fields of a date or timestamp, as std::int32_t (optional when x is).
template <Expression E>
[[nodiscard]] auto year(E&& x) {
  return detail::extract<detail::DatePart::year>(std::forward<E>(x));
}
template <Expression E>
[[nodiscard]] auto month(E&& x) {
  return detail::extract<detail::DatePart::month>(std::forward<E>(x));
}
template <Expression E>
[[nodiscard]] auto day(E&& x) {
  return detail::extract<detail::DatePart::day>(std::forward<E>(x));
}
//! The fields of a time or timestamp; second() is the whole seconds (0-59), truncated.
template <Expression E>
[[nodiscard]] auto hour(E&& x) {
  return detail::extract<detail::DatePart::hour>(std::forward<E>(x));
}
template <Expression E>
[[nodiscard]] auto minute(E&& x) {
  return detail::extract<detail::DatePart::minute>(std::forward<E>(x));
}
template <Expression E>
[[nodiscard]] auto second(E&& x) {
  return detail::extract<detail::DatePart::second>(std::forward<E>(x));
}

//! x + days (days may be negative): a Date or Timestamp of x's type. Whole days of 24
//! hours; the fraction of a second of a timestamp is kept.
template <Expression E, typename N>
[[nodiscard]] auto add_days(E&& x, N&& days) {
  static_assert(detail::has_date_v<E>,
                "ormc: add_days() applies to Date and Timestamp expressions");
  return detail::add_to<detail::Op::add_days>(std::forward<E>(x), std::forward<N>(days));
}

//! x + seconds (may be negative), x a Timestamp.
template <Expression E, typename N>
[[nodiscard]] auto add_seconds(E&& x, N&& seconds) {
  static_assert(detail::category_v<expr_value_t<E>> == detail::Category::timestamp,
                "ormc: add_seconds() applies to Timestamp expressions");
  return detail::add_to<detail::Op::add_seconds>(std::forward<E>(x), std::forward<N>(seconds));
}

//! The days from b to a (a - b) for two dates, an std::int32_t.
template <Expression A, Expression B>
[[nodiscard]] auto days_between(A&& a, B&& b) {
  static_assert(detail::category_v<expr_value_t<A>> == detail::Category::date &&
                    detail::category_v<expr_value_t<B>> == detail::Category::date,
                "ormc: days_between(a, b) takes two Date expressions");
  using T = detail::nullable_if_any_t<std::int32_t, expr_value_t<A>, expr_value_t<B>>;
  using Models = detail::list_union_t<expr_models_t<A>, expr_models_t<B>>;
  detail::ExprData data;
  detail::add_function<T>(data, detail::Op::days_between, 2);
  detail::append_expr(data, std::forward<A>(a));
  detail::append_expr(data, std::forward<B>(b));
  return detail::make_expr<T, Models>(std::move(data));
}

}  // namespace ormc
