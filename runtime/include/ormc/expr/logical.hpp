// && || ! on conditions: (user::age > 25 && user::role == Role::admin) || !user::is_active.
// An empty Condition (no filter yet) is neutral in && and ||, so that conditions can be
// built up in a loop from optional filters.
#pragma once

#include <type_traits>
#include <utility>

#include "ormc/expr/expression.hpp"

namespace ormc {
namespace detail {

template <typename X>
inline constexpr bool is_condition_v = [] {
  if constexpr (Expression<X>)
    return boolean_v<expr_value_t<X>>;
  else
    return false;
}();

template <typename L, typename R>
concept logical_operands = Expression<L> || Expression<R>;

template <Op op, typename L, typename R>
auto combine(L&& l, R&& r) {
  static_assert(is_condition_v<L> && is_condition_v<R>,
                "ormc: &&, || and ! combine boolean conditions only (comparisons, like(), "
                "in_(), is_null(), bool columns, Condition)");
  using Models = list_union_t<operand_models_t<L>, operand_models_t<R>>;
  using T = nullable_if_any_t<bool, expr_value_or_void_t<L>, expr_value_or_void_t<R>>;
  if constexpr (is_condition_v<L> && is_condition_v<R>) {
    ExprData left;
    append_expr(left, std::forward<L>(l));
    ExprData right;
    append_expr(right, std::forward<R>(r));
    if (left.empty()) return make_expr<T, Models>(std::move(right));
    if (right.empty()) return make_expr<T, Models>(std::move(left));
    ExprData data;
    data.add_operator(op, 2);
    data.append(std::move(left));
    data.append(std::move(right));
    return make_expr<T, Models>(std::move(data));
  } else {
    return Expr<T, Models>{};
  }
}

}  // namespace detail

template <typename L, typename R>
requires detail::logical_operands<L, R>
[[nodiscard]] auto operator&&(L&& l, R&& r) {
  return detail::combine<detail::Op::logical_and>(std::forward<L>(l), std::forward<R>(r));
}

template <typename L, typename R>
requires detail::logical_operands<L, R>
[[nodiscard]] auto operator||(L&& l, R&& r) {
  return detail::combine<detail::Op::logical_or>(std::forward<L>(l), std::forward<R>(r));
}

template <Expression E>
[[nodiscard]] auto operator!(E&& e) {
  static_assert(detail::is_condition_v<E>,
                "ormc: &&, || and ! combine boolean conditions only (comparisons, like(), "
                "in_(), is_null(), bool columns, Condition)");
  using T = expr_value_t<E>;
  detail::ExprData operand;
  detail::append_expr(operand, std::forward<E>(e));
  if (operand.empty()) return detail::make_expr<T, expr_models_t<E>>(std::move(operand));
  detail::ExprData data;
  data.add_operator(detail::Op::logical_not, 1);
  data.append(std::move(operand));
  return detail::make_expr<T, expr_models_t<E>>(std::move(data));
}

}  // namespace ormc
