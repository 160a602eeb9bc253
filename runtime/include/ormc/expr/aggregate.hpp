// Aggregate functions and their result types: count -> int64; sum -> optional of int64,
// double or Decimal; avg -> optional<double>; min/max -> optional of the column's type.
// The optionals are SQL's: SUM, AVG, MIN and MAX of no rows are NULL.
#pragma once

#include <cstdint>
#include <optional>
#include <type_traits>
#include <utility>

#include "ormc/expr/expression.hpp"

namespace ormc {
namespace detail {

template <typename R, Op op, typename E>
auto aggregate(E&& e, int scale = -1) {
  ExprData data;
  data.add_operator(op, 1);
  data.nodes.back().scale = static_cast<std::int16_t>(scale);
  append_expr(data, std::forward<E>(e));
  return make_expr<R, expr_models_t<E>>(std::move(data));
}

//! The scale of a decimal(p, s) column; -1 for any other expression.
template <typename E>
constexpr int decimal_scale(const E& e) {
  if constexpr (requires { e.flags.scale; }) {
    return e.flags.scale;
  } else {
    return -1;
  }
}

template <typename T>
using sum_result_t = std::optional<std::conditional_t<
    category_v<T> == Category::real, double,
    std::conditional_t<category_v<T> == Category::decimal, Decimal, std::int64_t>>>;

}  // namespace detail

//! COUNT(e): the rows where e is not NULL.
template <Expression E>
[[nodiscard]] auto count(E&& e) {
  return detail::aggregate<std::int64_t, detail::Op::count>(std::forward<E>(e));
}

//! COUNT(DISTINCT e).
template <Expression E>
[[nodiscard]] auto count_distinct(E&& e) {
  return detail::aggregate<std::int64_t, detail::Op::count_distinct>(std::forward<E>(e));
}

//! COUNT(*). It reads no model: select(count_all()).select_from<User>() names the table.
[[nodiscard]] inline auto count_all() {
  detail::ExprData data;
  data.add_operator(detail::Op::count_star, 0);
  return detail::make_expr<std::int64_t, detail::model_list<>>(std::move(data));
}

template <Expression E>
[[nodiscard]] auto sum(E&& e) {
  static_assert(detail::numeric_v<expr_value_t<E>>,
                "ormc: sum() and avg() need a numeric expression");
  const int scale = detail::decimal_scale(e);
  return detail::aggregate<detail::sum_result_t<expr_value_t<E>>, detail::Op::sum>(
      std::forward<E>(e), scale);
}

template <Expression E>
[[nodiscard]] auto avg(E&& e) {
  static_assert(detail::numeric_v<expr_value_t<E>>,
                "ormc: sum() and avg() need a numeric expression");
  return detail::aggregate<std::optional<double>, detail::Op::avg>(std::forward<E>(e));
}

template <Expression E>
[[nodiscard]] auto min(E&& e) {
  static_assert(detail::orderable_v<expr_value_t<E>>,
                "ormc: min() and max() need an ordered type: numbers, strings, dates, times");
  using T = std::optional<unwrap_optional_t<expr_value_t<E>>>;
  return detail::aggregate<T, detail::Op::min>(std::forward<E>(e));
}

template <Expression E>
[[nodiscard]] auto max(E&& e) {
  static_assert(detail::orderable_v<expr_value_t<E>>,
                "ormc: min() and max() need an ordered type: numbers, strings, dates, times");
  using T = std::optional<unwrap_optional_t<expr_value_t<E>>>;
  return detail::aggregate<T, detail::Op::max>(std::forward<E>(e));
}

}  // namespace ormc
