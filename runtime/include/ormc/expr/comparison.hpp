// == != < <= > >= between an expression and a value or another expression, in either
// order: user::age > 25, 25 < user::age, post::author_id == user::id. The operand types
// are checked here, with a message saying what would have been allowed.
#pragma once

#include <optional>
#include <type_traits>
#include <utility>

#include "ormc/expr/expression.hpp"

namespace ormc {
namespace detail {

template <typename X>
inline constexpr bool is_nullopt_v = std::is_same_v<std::remove_cvref_t<X>, std::nullopt_t>;

template <typename X>
inline constexpr bool is_optional_value_v =
    !Expression<X> && is_optional<std::remove_cvref_t<X>>::value;

//! Whether an expression of type T may stand beside the other operand X (an expression or
//! a value) in a comparison; diagnose_comparison says why not.
template <typename T, typename X, bool Ordering>
inline constexpr bool comparison_ok_v = [] {
  if constexpr (is_nullopt_v<X>)
    return !Ordering;
  else if constexpr (is_optional_value_v<X>)
    return false;
  else if constexpr (Expression<X>)
    return sql_comparable_v<T, expr_value_t<X>> && (!Ordering || orderable_v<T>);
  else
    return value_comparable_v<T, X> && (!Ordering || orderable_v<T>);
}();

template <typename T, bool Ordering>
void diagnose_ordering() {
  static_assert(!Ordering || orderable_v<T>,
                "ormc: <, <=, >, >= and between() need ordered types: numbers, strings, "
                "dates, times and timestamps (enums are stored as names; bool, bytes, uuid "
                "and json have no order)");
}

template <typename T, typename X, bool Ordering>
void diagnose_comparison() {
  if constexpr (is_nullopt_v<X>) {
    static_assert(!Ordering, "ormc: std::nullopt (NULL) can only be tested with == or !=");
  } else if constexpr (is_optional_value_v<X>) {
    static_assert(!is_optional_value_v<X>,
                  "ormc: compare with the optional's value (*opt); test for NULL with "
                  ".is_null() or == std::nullopt");
  } else if constexpr (Expression<X>) {
    if constexpr (!sql_comparable_v<T, expr_value_t<X>>) {
      static_assert(sql_comparable_v<T, expr_value_t<X>>,
                    "ormc: cannot compare expressions of incompatible types (numbers compare "
                    "with numbers, strings with strings, an enum with the same enum, a date or "
                    "time with the same type)");
    } else {
      diagnose_ordering<T, Ordering>();
    }
  } else if constexpr (!value_comparable_v<T, X>) {
    static_assert(value_comparable_v<T, X>,
                  "ormc: cannot compare a column with a value of an incompatible type (an "
                  "integer column takes integers, a floating-point column numbers, a Decimal "
                  "column Decimal or integers, a string column strings, an enum column the "
                  "same enum)");
  } else {
    diagnose_ordering<T, Ordering>();
  }
}

template <typename L, typename R, bool Ordering>
inline constexpr bool operands_ok_v =
    Expression<L> ? comparison_ok_v<expr_value_or_void_t<L>, R, Ordering>
                  : comparison_ok_v<expr_value_or_void_t<R>, L, Ordering>;

template <Op op, bool Ordering, typename L, typename R>
auto compare(L&& l, R&& r) {
  using Models = list_union_t<operand_models_t<L>, operand_models_t<R>>;
  if constexpr (!operands_ok_v<L, R, Ordering>) {
    if constexpr (Expression<L>)
      diagnose_comparison<expr_value_t<L>, R, Ordering>();
    else
      diagnose_comparison<expr_value_t<R>, L, Ordering>();
    return Expr<bool, Models>{};
  } else if constexpr (is_nullopt_v<R> || is_nullopt_v<L>) {
    // SQL's "= NULL" is never true; == std::nullopt means IS NULL, as in SQLAlchemy.
    ExprData data;
    data.add_operator(op == Op::eq ? Op::is_null : Op::is_not_null, 1);
    if constexpr (is_nullopt_v<R>)
      append_expr(data, std::forward<L>(l));
    else
      append_expr(data, std::forward<R>(r));
    return make_expr<bool, Models, model_list<>>(std::move(data));  // IS NULL is never NULL
  } else {
    ExprData data;
    data.add_operator(op, 2);
    data.nodes.back().decimal = decimal_operand_v<L> || decimal_operand_v<R>;
    append_operand(data, std::forward<L>(l));
    append_operand(data, std::forward<R>(r));
    using T = nullable_if_any_t<bool, expr_value_or_void_t<L>, expr_value_or_void_t<R>>;
    return make_expr<T, Models>(std::move(data));
  }
}

}  // namespace detail

template <typename L, typename R>
requires detail::involves_expression<L, R>
[[nodiscard]] auto operator==(L&& l, R&& r) {
  return detail::compare<detail::Op::eq, false>(std::forward<L>(l), std::forward<R>(r));
}
template <typename L, typename R>
requires detail::involves_expression<L, R>
[[nodiscard]] auto operator!=(L&& l, R&& r) {
  return detail::compare<detail::Op::ne, false>(std::forward<L>(l), std::forward<R>(r));
}
template <typename L, typename R>
requires detail::involves_expression<L, R>
[[nodiscard]] auto operator<(L&& l, R&& r) {
  return detail::compare<detail::Op::lt, true>(std::forward<L>(l), std::forward<R>(r));
}
template <typename L, typename R>
requires detail::involves_expression<L, R>
[[nodiscard]] auto operator<=(L&& l, R&& r) {
  return detail::compare<detail::Op::le, true>(std::forward<L>(l), std::forward<R>(r));
}
template <typename L, typename R>
requires detail::involves_expression<L, R>
[[nodiscard]] auto operator>(L&& l, R&& r) {
  return detail::compare<detail::Op::gt, true>(std::forward<L>(l), std::forward<R>(r));
}
template <typename L, typename R>
requires detail::involves_expression<L, R>
[[nodiscard]] auto operator>=(L&& l, R&& r) {
  return detail::compare<detail::Op::ge, true>(std::forward<L>(l), std::forward<R>(r));
}

}  // namespace ormc
