// + - * / and unary - on numeric expressions: user::balance + 10, post::views * 2.
// Result types follow SQL: integers stay integers (64-bit; / truncates), a floating
// operand makes a double, a Decimal one (without floats) a Decimal.
#pragma once

#include <cstdint>
#include <type_traits>
#include <utility>

#include "ormc/expr/expression.hpp"

namespace ormc {
namespace detail {

template <typename X>
inline constexpr Category operand_category_v = [] {
  if constexpr (Expression<X>)
    return category_v<expr_value_t<X>>;
  else
    return category_of<std::decay_t<X>>();
}();

template <typename L, typename R>
using arithmetic_result_t = std::conditional_t<
    operand_category_v<L> == Category::real || operand_category_v<R> == Category::real, double,
    std::conditional_t<operand_category_v<L> == Category::decimal ||
                           operand_category_v<R> == Category::decimal,
                       Decimal, std::int64_t>>;

template <Op op, typename L, typename R>
auto arithmetic(L&& l, R&& r) {
  constexpr bool ok = is_numeric(operand_category_v<L>) && is_numeric(operand_category_v<R>);
  static_assert(ok, "ormc: + - * / need numeric operands (integers, floating point, Decimal)");
  using Models = list_union_t<operand_models_t<L>, operand_models_t<R>>;
  using T = nullable_if_any_t<arithmetic_result_t<L, R>, expr_value_or_void_t<L>,
                              expr_value_or_void_t<R>>;
  ExprData data;
  if constexpr (ok) {
    data.add_operator(op, 2);
    data.nodes.back().decimal = std::is_same_v<unwrap_optional_t<T>, Decimal>;
    append_operand(data, std::forward<L>(l));
    append_operand(data, std::forward<R>(r));
  }
  return make_expr<T, Models>(std::move(data));
}

}  // namespace detail

template <typename L, typename R>
requires detail::involves_expression<L, R>
[[nodiscard]] auto operator+(L&& l, R&& r) {
  return detail::arithmetic<detail::Op::add>(std::forward<L>(l), std::forward<R>(r));
}
template <typename L, typename R>
requires detail::involves_expression<L, R>
[[nodiscard]] auto operator-(L&& l, R&& r) {
  return detail::arithmetic<detail::Op::subtract>(std::forward<L>(l), std::forward<R>(r));
}
template <typename L, typename R>
requires detail::involves_expression<L, R>
[[nodiscard]] auto operator*(L&& l, R&& r) {
  return detail::arithmetic<detail::Op::multiply>(std::forward<L>(l), std::forward<R>(r));
}
template <typename L, typename R>
requires detail::involves_expression<L, R>
[[nodiscard]] auto operator/(L&& l, R&& r) {
  return detail::arithmetic<detail::Op::divide>(std::forward<L>(l), std::forward<R>(r));
}

template <Expression E>
[[nodiscard]] auto operator-(E&& e) {
  static_assert(detail::numeric_v<expr_value_t<E>>,
                "ormc: + - * / need numeric operands (integers, floating point, Decimal)");
  detail::ExprData data;
  data.add_operator(detail::Op::negate, 1);
  data.nodes.back().decimal = detail::decimal_operand_v<E>;
  detail::append_expr(data, std::forward<E>(e));
  return detail::make_expr<expr_value_t<E>, expr_models_t<E>>(std::move(data));
}

}  // namespace ormc
