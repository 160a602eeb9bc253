// ormc::cast<T>(x): CAST to one of the schema's types, with the same meaning on both
// databases. Conversions whose results the two databases would write differently (a double
// or a bool to text, a Decimal to bool) do not compile; docs/queries.md lists each one's SQL.
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>

#include "ormc/expr/function_node.hpp"

namespace ormc {
namespace detail {

//! Whether a value of category `from` converts to the C++ type T on both databases alike.
template <typename T>
constexpr bool castable(Category from) {
  constexpr Category to = category_of<T>();
  using C = Category;
  if constexpr (std::is_same_v<T, std::int32_t> || std::is_same_v<T, std::int64_t>)
    return from == C::integer || from == C::real || from == C::decimal || from == C::boolean ||
           from == C::text;
  else if constexpr (std::is_same_v<T, double> || to == C::decimal)
    return from == C::integer || from == C::real || from == C::decimal || from == C::text;
  else if constexpr (std::is_same_v<T, std::string>)
    return from == C::integer || from == C::decimal || from == C::text || from == C::date ||
           from == C::enumeration;
  else if constexpr (to == C::boolean)
    return from == C::integer || from == C::boolean;
  else if constexpr (to == C::date)
    return from == C::date || from == C::timestamp || from == C::text;
  else if constexpr (to == C::timestamp)
    return from == C::timestamp || from == C::date || from == C::text;
  else
    return false;
}

template <typename T>
inline constexpr bool cast_target_v =
    std::is_same_v<T, std::int32_t> || std::is_same_v<T, std::int64_t> ||
    std::is_same_v<T, double> || std::is_same_v<T, std::string> || std::is_same_v<T, Decimal> ||
    std::is_same_v<T, bool> || std::is_same_v<T, Date> || std::is_same_v<T, Timestamp>;

}  // namespace detail

//! CAST(x AS T) for T among std::int32_t, std::int64_t, double, std::string, Decimal, bool,
//! Date and Timestamp; nullable when x is. To an integer a number is truncated toward zero
//! on both databases (PostgreSQL alone would round it).
template <typename T, Expression E>
[[nodiscard]] auto cast(E&& x) {
  static_assert(detail::cast_target_v<T>,
                "ormc: cast<T>() converts to std::int32_t, std::int64_t, double, std::string, "
                "ormc::Decimal, bool, ormc::Date or ormc::Timestamp");
  constexpr bool ok =
      detail::cast_target_v<T> && detail::castable<T>(detail::category_v<expr_value_t<E>>);
  static_assert(!detail::cast_target_v<T> || ok,
                "ormc: cast<T>() cannot convert this type the same way on both databases "
                "(numbers convert to numbers and text; text to numbers, dates and timestamps; "
                "integers to bool; dates and timestamps to each other; no double or bool to "
                "text)");
  using R = detail::nullable_if_any_t<T, expr_value_t<E>>;
  detail::ExprData data;
  if constexpr (ok) {
    detail::add_function<R>(data, detail::Op::cast, 1,
                            static_cast<std::int16_t>(detail::sql_type_of<expr_value_t<E>>()));
    detail::append_expr(data, std::forward<E>(x));
  }
  return detail::make_expr<R, expr_models_t<E>, expr_null_if_t<E>>(std::move(data));
}

}  // namespace ormc
