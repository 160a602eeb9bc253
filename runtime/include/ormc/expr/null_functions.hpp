// coalesce() and nullif(). COALESCE's type is the common type of its arguments (see
// unify.hpp), optional only when every argument may be NULL; NULLIF's is always optional.
#pragma once

#include <optional>
#include <type_traits>
#include <utility>

#include "ormc/expr/function_node.hpp"
#include "ormc/expr/unify.hpp"

namespace ormc {
namespace detail {

template <typename... Xs>
using coalesce_value_t = unified_t<operand_value_t<Xs>...>;

template <typename... Xs>
inline constexpr bool coalesce_ok_v = !std::is_void_v<coalesce_value_t<Xs...>> &&
                                      !std::is_same_v<coalesce_value_t<Xs...>, null_operand>;

//! The first operand intersected with the others': COALESCE is NULL over an outer join
//! only when every argument is.
template <typename X, typename... Xs>
struct coalesce_null_if {
  using type = operand_null_if_t<X>;
};
template <typename X, typename Y, typename... Xs>
struct coalesce_null_if<X, Y, Xs...> {
  using type = typename list_intersection<operand_null_if_t<X>,
                                          typename coalesce_null_if<Y, Xs...>::type>::type;
};

}  // namespace detail

//! COALESCE(a, b, ...): the first argument that is not NULL. Expressions and values, at
//! least one expression; their types must have a common type (unify.hpp):
//! coalesce(user::age, 0) is an std::int32_t, never NULL.
template <typename X, typename Y, typename... Xs>
requires(Expression<X> || Expression<Y> || (Expression<Xs> || ...))
    [[nodiscard]] auto coalesce(X&& x, Y&& y, Xs&&... xs) {
  constexpr bool ok = detail::coalesce_ok_v<X, Y, Xs...>;
  static_assert(ok,
                "ormc: coalesce() needs arguments of one type (numbers with numbers, but not a "
                "Decimal with a double; strings with strings; a date, time, enum only with "
                "the same type)");
  using U = std::conditional_t<ok, detail::coalesce_value_t<X, Y, Xs...>, int>;
  constexpr bool nullable = (detail::operand_nullable<X> && detail::operand_nullable<Y> &&
                             (detail::operand_nullable<Xs> && ...));
  using T = std::conditional_t<nullable, std::optional<unwrap_optional_t<U>>, unwrap_optional_t<U>>;
  using Models = detail::list_union_t<detail::operand_models_t<X>, detail::operand_models_t<Y>,
                                      detail::operand_models_t<Xs>...>;
  using NullIf = typename detail::coalesce_null_if<X, Y, Xs...>::type;
  detail::ExprData data;
  if constexpr (ok) {
    detail::add_function<T>(data, detail::Op::coalesce, 2 + sizeof...(Xs));
    detail::append_operand(data, std::forward<X>(x));
    detail::append_operand(data, std::forward<Y>(y));
    (detail::append_operand(data, std::forward<Xs>(xs)), ...);
  }
  return detail::make_expr<T, Models, NullIf>(std::move(data));
}

//! NULLIF(a, b): NULL when a equals b, else a; always optional.
template <Expression A, typename B>
[[nodiscard]] auto nullif(A&& a, B&& b) {
  using TA = expr_value_t<A>;
  constexpr bool ok = [] {
    if constexpr (Expression<B>)
      return detail::sql_comparable_v<TA, expr_value_t<B>>;
    else
      return detail::value_comparable_v<TA, B>;
  }();
  static_assert(ok,
                "ormc: nullif(a, b) compares a with b: they need comparable types (numbers "
                "with numbers, strings with strings, an enum with the same enum)");
  using T = std::optional<unwrap_optional_t<TA>>;
  using Models = detail::list_union_t<expr_models_t<A>, detail::operand_models_t<B>>;
  detail::ExprData data;
  if constexpr (ok) {
    detail::add_function<T>(data, detail::Op::nullif, 2);
    detail::append_expr(data, std::forward<A>(a));
    detail::append_operand(data, std::forward<B>(b));
  }
  return detail::make_expr<T, Models, expr_null_if_t<A>>(std::move(data));
}

}  // namespace ormc
