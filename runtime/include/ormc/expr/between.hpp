// between(low, high): user::age.between(20, 30) renders "users"."age" BETWEEN ?1 AND ?2;
// both bounds follow the rules of <= and >= beside the tested expression.
#pragma once

#include <utility>

#include "ormc/expr/comparison.hpp"

namespace ormc {

template <Expression E, typename A, typename B>
[[nodiscard]] auto expr_between(const E& e, A&& low, B&& high) {
  using T = expr_value_t<E>;
  using Models = detail::list_union_t<expr_models_t<E>, detail::operand_models_t<A>,
                                      detail::operand_models_t<B>>;
  using Outcome = Expr<detail::nullable_if_any_t<bool, T>, Models>;
  constexpr bool ok = detail::comparison_ok_v<T, A, true> && detail::comparison_ok_v<T, B, true>;
  if constexpr (!ok) {
    if constexpr (!detail::comparison_ok_v<T, A, true>)
      detail::diagnose_comparison<T, A, true>();
    else
      detail::diagnose_comparison<T, B, true>();
    return Outcome{};
  } else {
    detail::ExprData data;
    data.add_operator(detail::Op::between, 3);
    data.nodes.back().decimal = detail::decimal_operand_v<E>;
    detail::append_expr(data, e);
    detail::append_operand(data, std::forward<A>(low));
    detail::append_operand(data, std::forward<B>(high));
    return Outcome(std::move(data));
  }
}

}  // namespace ormc
