// is_null() / is_not_null(): user::age.is_null(). Offered on every expression, nullable or
// not: the test is harmless on a NOT NULL column and needed on outer-joined ones.
#pragma once

#include "ormc/expr/expression.hpp"

namespace ormc {

template <Expression E>
[[nodiscard]] auto expr_is_null(const E& e, bool negated) {
  detail::ExprData data;
  data.add_operator(negated ? detail::Op::is_not_null : detail::Op::is_null, 1);
  detail::append_expr(data, e);
  // Never NULL, even over the missing side of an outer join.
  return detail::make_expr<bool, expr_models_t<E>, detail::model_list<>>(std::move(data));
}

}  // namespace ormc
