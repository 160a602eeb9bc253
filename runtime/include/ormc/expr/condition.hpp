// Condition<Models...>: a where-clause built at run time without losing the compile-time
// checks: every expression it holds was type-checked, and it only accepts expressions over
// its models.
//
//   ormc::Condition<User> c;                       // empty: no filter
//   if (min_age) c = c && user::age >= *min_age;   // empty && x == x
//   if (name) c = c || user::username == *name;
//   auto q = ormc::select<User>().where(c);        // no WHERE while c is empty
#pragma once

#include <type_traits>
#include <utility>

#include "ormc/expr/expression.hpp"

namespace ormc {

template <typename... Ms>
class Condition {
 public:
  using value_type = bool;
  using models = detail::model_list<Ms...>;

  Condition() = default;

  //! Implicit on purpose: any boolean expression over these models is a Condition.
  template <detail::ExpressionOtherThan<Condition> E>
  Condition(E&& e) {  // NOLINT(google-explicit-constructor,bugprone-forwarding-reference-overload)
    static_assert(detail::boolean_v<expr_value_t<E>>,
                  "ormc: a Condition holds a boolean expression (a comparison, like(), "
                  "in_(), ...)");
    static_assert(!detail::has_window_v<expr_models_t<E>>,
                  "ormc: a Condition filters in where() or having(), which cannot hold a "
                  "window function (SQL computes windows after them)");
    static_assert(
        detail::has_window_v<expr_models_t<E>> || detail::list_subset_v<expr_models_t<E>, models>,
        "ormc: this expression reads a model the Condition is not declared over");
    detail::append_expr(data_, std::forward<E>(e));
  }

  //! True while nothing was added: where() of an empty Condition filters nothing.
  [[nodiscard]] bool empty() const { return data_.empty(); }
  [[nodiscard]] const detail::ExprData& data() const& { return data_; }
  [[nodiscard]] detail::ExprData&& data() && { return std::move(data_); }

 private:
  detail::ExprData data_;
};

template <typename... Ms>
struct expr_traits<Condition<Ms...>> {
  static constexpr bool is_expression = true;
  using value_type = bool;
  using models = detail::model_list<Ms...>;
  using null_if = models;
  template <typename C>
  static void append_to(detail::ExprData& out, C&& c) {
    out.append(std::forward<C>(c).data());
  }
};

}  // namespace ormc
