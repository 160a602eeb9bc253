// in_() / not_in() against a list of values: user::role.in_({Role::admin, Role::editor}),
// user::id.in_(ids) for any range. Every element is bound; an empty list renders as a
// condition that is false (in_) or true (not_in), since "IN ()" is not portable SQL.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <type_traits>
#include <utility>

#include "ormc/expr/comparison.hpp"

namespace ormc {

template <Expression E, typename R>
[[nodiscard]] auto expr_in(const E& e, R&& values, bool negated) {
  static_assert(detail::ValueRange<R>,
                "ormc: in_() and not_in() take a range or a braced list of values");
  using T = expr_value_t<E>;
  using Models = expr_models_t<E>;
  using Outcome = Expr<detail::nullable_if_any_t<bool, T>, Models>;
  if constexpr (detail::ValueRange<R>) {
    using V = detail::range_element_t<R>;
    static_assert(!detail::is_optional_value_v<V>,
                  "ormc: in_() takes plain values; test for NULL with .is_null()");
    static_assert(detail::value_comparable_v<T, V>,
                  "ormc: cannot compare a column with a value of an incompatible type (an "
                  "integer column takes integers, a floating-point column numbers, a Decimal "
                  "column Decimal or integers, a string column strings, an enum column the "
                  "same enum)");
    detail::ExprData data;
    if constexpr (detail::value_comparable_v<T, V>) {
      data.add_operator(negated ? detail::Op::not_in : detail::Op::in, 1);
      data.nodes.back().decimal = detail::decimal_operand_v<E>;
      detail::append_expr(data, e);
      std::uint32_t count = 0;
      for (auto&& v : values) {
        data.add_value(detail::to_value(v));
        ++count;
      }
      data.nodes.front().operands += count;
    }
    return Outcome(std::move(data));
  } else {
    return Outcome{};
  }
}

}  // namespace ormc
