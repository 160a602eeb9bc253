// String functions: lower, upper, length, trim, ltrim, rtrim, substr, replace, concat and
// the aggregate string_agg. Each applies to string expressions only; its SQL on each
// database is listed in docs/queries.md ("Functions").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "ormc/expr/function_node.hpp"

namespace ormc {
namespace detail {

template <typename X>
inline constexpr bool text_operand_v = operand_category<X> == Category::text;
template <typename X>
inline constexpr bool integer_operand_v = operand_category<X> == Category::integer;

//! A function of one string expression whose result is R (nullable when the string is).
template <typename R, Op op, typename E>
auto string_function(E&& s) {
  using T = nullable_if_any_t<R, expr_value_t<E>>;
  ExprData data;
  add_function<T>(data, op, 1);
  append_expr(data, std::forward<E>(s));
  return make_expr<T, expr_models_t<E>, expr_null_if_t<E>>(std::move(data));
}

//! A string function of s and further operands, each a string or an integer as `Integer`.
template <Op op, typename E, typename... Xs>
auto string_function_n(E&& s, Xs&&... xs) {
  using T = nullable_if_any_t<std::string, expr_value_t<E>, expr_value_or_void_t<Xs>...>;
  using Models = list_union_t<expr_models_t<E>, operand_models_t<Xs>...>;
  ExprData data;
  add_function<T>(data, op, static_cast<std::uint32_t>(1 + sizeof...(Xs)));
  append_expr(data, std::forward<E>(s));
  (append_operand(data, std::forward<Xs>(xs)), ...);
  return make_expr<T, Models>(std::move(data));
}

}  // namespace detail

//! LOWER(s). SQLite changes the case of ASCII letters only; PostgreSQL of every letter
//! its locale knows (docs/queries.md).
template <Expression E>
[[nodiscard]] auto lower(E&& s) {
  static_assert(detail::text_v<expr_value_t<E>>,
                "ormc: lower() and upper() apply to string expressions only");
  return detail::string_function<std::string, detail::Op::lower>(std::forward<E>(s));
}

template <Expression E>
[[nodiscard]] auto upper(E&& s) {
  static_assert(detail::text_v<expr_value_t<E>>,
                "ormc: lower() and upper() apply to string expressions only");
  return detail::string_function<std::string, detail::Op::upper>(std::forward<E>(s));
}

//! LENGTH(s) in characters (code points), not bytes, on both databases.
template <Expression E>
[[nodiscard]] auto length(E&& s) {
  static_assert(detail::text_v<expr_value_t<E>>,
                "ormc: length() applies to string expressions only (characters, not bytes)");
  return detail::string_function<std::int64_t, detail::Op::length>(std::forward<E>(s));
}

//! TRIM(s): without spaces at both ends (ltrim: at the start, rtrim: at the end). Only
//! the space character, as SQL's TRIM does.
template <Expression E>
[[nodiscard]] auto trim(E&& s) {
  static_assert(detail::text_v<expr_value_t<E>>,
                "ormc: trim(), ltrim() and rtrim() apply to string expressions only");
  return detail::string_function<std::string, detail::Op::trim>(std::forward<E>(s));
}

template <Expression E>
[[nodiscard]] auto ltrim(E&& s) {
  static_assert(detail::text_v<expr_value_t<E>>,
                "ormc: trim(), ltrim() and rtrim() apply to string expressions only");
  return detail::string_function<std::string, detail::Op::ltrim>(std::forward<E>(s));
}

template <Expression E>
[[nodiscard]] auto rtrim(E&& s) {
  static_assert(detail::text_v<expr_value_t<E>>,
                "ormc: trim(), ltrim() and rtrim() apply to string expressions only");
  return detail::string_function<std::string, detail::Op::rtrim>(std::forward<E>(s));
}

//! SUBSTR(s, start [, count]): `count` characters (all the rest without it) from the
//! 1-based position `start`. Portable for start >= 1 and count >= 0 (docs/queries.md).
template <Expression E, typename S, typename... N>
requires(sizeof...(N) <= 1) [[nodiscard]] auto substr(E&& s, S&& start, N&&... count) {
  static_assert(detail::text_v<expr_value_t<E>>,
                "ormc: substr() applies to string expressions only");
  static_assert(detail::integer_operand_v<S> && (detail::integer_operand_v<N> && ...),
                "ormc: substr(s, start, count) takes integer positions and counts (1-based)");
  return detail::string_function_n<detail::Op::substr>(std::forward<E>(s), std::forward<S>(start),
                                                       std::forward<N>(count)...);
}

//! REPLACE(s, from, to): every occurrence of `from` replaced by `to`.
template <Expression E, typename F, typename T>
[[nodiscard]] auto replace(E&& s, F&& from, T&& to) {
  static_assert(
      detail::text_v<expr_value_t<E>> && detail::text_operand_v<F> && detail::text_operand_v<T>,
      "ormc: replace(s, from, to) applies to strings only");
  return detail::string_function_n<detail::Op::replace>(std::forward<E>(s), std::forward<F>(from),
                                                        std::forward<T>(to));
}

//! a || b || ...: strings only (convert a number with ormc::cast<std::string>(x)); NULL
//! when any part is NULL, as || is on both databases.
template <typename A, typename B, typename... Xs>
requires(Expression<A> || Expression<B> || (Expression<Xs> || ...))
    [[nodiscard]] auto concat(A&& a, B&& b, Xs&&... xs) {
  static_assert(
      detail::text_operand_v<A> && detail::text_operand_v<B> && (detail::text_operand_v<Xs> && ...),
      "ormc: concat() joins strings only; convert other values with "
      "ormc::cast<std::string>(x)");
  using T = detail::nullable_if_any_t<std::string, detail::expr_value_or_void_t<A>,
                                      detail::expr_value_or_void_t<B>,
                                      detail::expr_value_or_void_t<Xs>...>;
  using Models = detail::list_union_t<detail::operand_models_t<A>, detail::operand_models_t<B>,
                                      detail::operand_models_t<Xs>...>;
  detail::ExprData data;
  detail::add_function<T>(data, detail::Op::concat, 2 + sizeof...(Xs));
  detail::append_operand(data, std::forward<A>(a));
  detail::append_operand(data, std::forward<B>(b));
  (detail::append_operand(data, std::forward<Xs>(xs)), ...);
  return detail::make_expr<T, Models>(std::move(data));
}

//! The aggregate STRING_AGG(s, separator) (group_concat on SQLite): the non-NULL strings
//! of the group joined by `separator`, in no particular order; NULL for no rows.
template <Expression E, typename S>
[[nodiscard]] auto string_agg(E&& s, S&& separator) {
  static_assert(detail::text_v<expr_value_t<E>> && detail::text_operand_v<S>,
                "ormc: string_agg(s, separator) joins strings only; convert other values "
                "with ormc::cast<std::string>(x)");
  using Models = detail::list_union_t<expr_models_t<E>, detail::operand_models_t<S>>;
  using T = std::optional<std::string>;
  detail::ExprData data;
  detail::add_function<T>(data, detail::Op::string_agg, 2);
  detail::append_expr(data, std::forward<E>(s));
  detail::append_operand(data, std::forward<S>(separator));
  return detail::make_expr<T, Models, detail::model_list<>>(std::move(data));
}

}  // namespace ormc
