// Labels: count(post::id).as("n") names a selected item ("COUNT(...) AS n"), so that
// order_by(n) orders by it without repeating the expression, and a derived table or CTE
// names its column so.
#pragma once

#include <cstddef>
#include <string_view>

#include "ormc/expr/expression.hpp"

namespace ormc {

//! The label is a string literal: the statement points at it, never copies it.
template <Expression E, std::size_t N>
[[nodiscard]] auto expr_label(const E& e, const char (&name)[N]) {
  static_assert(N > 1, "ormc: as(\"name\") needs a name");
  detail::ExprData data;
  data.add_operator(detail::Op::label, 1);
  data.nodes.back().name = std::string_view(name, N - 1);
  data.nodes.back().decimal = detail::decimal_operand_v<E>;
  detail::append_expr(data, e);
  return detail::make_expr<expr_value_t<E>, expr_models_t<E>, expr_null_if_t<E>>(std::move(data));
}

}  // namespace ormc
