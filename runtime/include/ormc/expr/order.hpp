// asc() / desc() for order_by: user::created_at.desc(). An Ordering is not an expression,
// so it cannot be compared or selected by mistake.
#pragma once

#include <utility>

#include "ormc/expr/expression.hpp"

namespace ormc {

//! One ORDER BY item over the models in Models.
template <typename Models>
class Ordering {
 public:
  using models = Models;

  explicit Ordering(detail::ExprData data) : data_(std::move(data)) {}
  [[nodiscard]] const detail::ExprData& data() const& { return data_; }
  [[nodiscard]] detail::ExprData&& data() && { return std::move(data_); }

 private:
  detail::ExprData data_;
};

template <Expression E>
[[nodiscard]] auto expr_order(const E& e, bool descending) {
  detail::ExprData data;
  data.add_operator(descending ? detail::Op::desc : detail::Op::asc, 1);
  detail::append_expr(data, e);
  return Ordering<expr_models_t<E>>(std::move(data));
}

namespace detail {

template <typename X>
struct is_ordering : std::false_type {};
template <typename Models>
struct is_ordering<Ordering<Models>> : std::true_type {};

}  // namespace detail
}  // namespace ormc
