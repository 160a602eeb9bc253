// round() and abs(). round() of a Decimal is exact and rounds half away from zero, as
// PostgreSQL's round(numeric) does (on SQLite ormc_dec_round); round() of a double rounds
// half away from zero on both databases too (PostgreSQL through numeric).
#pragma once

#include <utility>

#include "ormc/expr/function_node.hpp"

namespace ormc {
namespace detail {

template <typename E>
inline constexpr bool roundable_v = category_v<expr_value_t<E>> == Category::real ||
                                    category_v<expr_value_t<E>> == Category::decimal;

template <typename E, typename... D>
auto make_round(E&& x, D&&... digits) {
  static_assert(roundable_v<E>,
                "ormc: round() applies to floating-point and Decimal expressions (an integer "
                "is already round; a string is not a number)");
  static_assert(((operand_category<D> == Category::integer) && ...),
                "ormc: round(x, digits) takes an integer number of digits");
  using T = nullable_if_any_t<unwrap_optional_t<expr_value_t<E>>, expr_value_t<E>,
                              expr_value_or_void_t<D>...>;
  using Models = list_union_t<expr_models_t<E>, operand_models_t<D>...>;
  ExprData data;
  if constexpr (roundable_v<E>) {
    add_function<T>(data, Op::round, 1 + sizeof...(D));
    append_expr(data, std::forward<E>(x));
    (append_operand(data, std::forward<D>(digits)), ...);
  }
  return make_expr<T, Models>(std::move(data));
}

}  // namespace detail

//! ROUND(x): to an integral value, of the same type (a double or a Decimal of scale 0).
template <Expression E>
[[nodiscard]] auto round(E&& x) {
  return detail::make_round(std::forward<E>(x));
}

//! ROUND(x, digits): a Decimal gets exactly `digits` fraction digits (PostgreSQL's rule:
//! round(2.5, 2) is 2.50); negative digits round left of the point (round(1250, -2) is 1300).
template <Expression E, typename D>
[[nodiscard]] auto round(E&& x, D&& digits) {
  return detail::make_round(std::forward<E>(x), std::forward<D>(digits));
}

//! ABS(x), of x's type; a Decimal keeps its scale.
template <Expression E>
[[nodiscard]] auto abs(E&& x) {
  static_assert(detail::numeric_v<expr_value_t<E>>,
                "ormc: abs() applies to numeric expressions (integers, floating point, Decimal)");
  using T = expr_value_t<E>;
  detail::ExprData data;
  detail::add_function<T>(data, detail::Op::abs, 1);
  detail::append_expr(data, std::forward<E>(x));
  return detail::make_expr<T, expr_models_t<E>, expr_null_if_t<E>>(std::move(data));
}

}  // namespace ormc
