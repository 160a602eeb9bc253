// like() / ilike() on string expressions: user::username.like("a%"). LIKE's case rules are
// the database's (SQLite: ASCII case-insensitive; PostgreSQL: case-sensitive); ilike() is
// case-insensitive on both (the dialect picks LIKE or ILIKE).
#pragma once

#include <utility>

#include "ormc/expr/expression.hpp"

namespace ormc {
namespace detail {

template <typename E, typename P>
auto make_like(Op op, const E& e, P&& pattern) {
  static_assert(text_v<expr_value_t<E>>,
                "ormc: like() and ilike() apply to string columns and expressions only");
  constexpr bool pattern_ok = [] {
    if constexpr (Expression<P>)
      return text_v<expr_value_t<P>>;
    else
      return category_of<std::decay_t<P>>() == Category::text;
  }();
  static_assert(pattern_ok, "ormc: a like() pattern must be a string");
  using Models = list_union_t<expr_models_t<E>, operand_models_t<P>>;
  using T = nullable_if_any_t<bool, expr_value_t<E>>;
  ExprData data;
  if constexpr (text_v<expr_value_t<E>> && pattern_ok) {
    data.add_operator(op, 2);
    append_expr(data, e);
    append_operand(data, std::forward<P>(pattern));
  }
  return make_expr<T, Models>(std::move(data));
}

}  // namespace detail

template <Expression E, typename P>
[[nodiscard]] auto expr_like(const E& e, P&& pattern) {
  return detail::make_like(detail::Op::like, e, std::forward<P>(pattern));
}

template <Expression E, typename P>
[[nodiscard]] auto expr_ilike(const E& e, P&& pattern) {
  return detail::make_like(detail::Op::ilike, e, std::forward<P>(pattern));
}

}  // namespace ormc
