// The one type of several SQL values that meet in one result: the branches of a CASE, the
// arguments of COALESCE. int32 with int64 is int64, an integer with a double a double,
// with a Decimal a Decimal; T with std::optional<T> is std::optional<T>; anything else
// (a string with a number, a Decimal with a double) has no common type: void.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>

#include "ormc/expr/expression.hpp"

namespace ormc::detail {

//! Marks std::nullopt among the operands: it has every type, as NULL.
struct null_operand {};

//! The SQL type (as C++) of an operand: an expression's value type, or a bound value's
//! (strings become std::string, other integers std::int64_t, floats double).
template <typename X, bool = Expression<X>>
struct operand_value {
  using type = expr_value_t<X>;
};
template <typename X>
struct operand_value<X, false> {
  using V = std::decay_t<X>;
  using U = unwrap_optional_t<V>;
  static constexpr Category c = category_of<U>();
  using base = std::conditional_t<
      c == Category::text, std::string,
      std::conditional_t<
          c == Category::real, double,
          std::conditional_t<c == Category::integer && !(std::is_same_v<U, std::int16_t> ||
                                                         std::is_same_v<U, std::int32_t> ||
                                                         std::is_same_v<U, std::int64_t>),
                             std::int64_t, U>>>;
  using type =
      std::conditional_t<std::is_same_v<V, std::nullopt_t>, null_operand,
                         std::conditional_t<is_optional<V>::value, std::optional<base>, base>>;
};
template <typename X>
using operand_value_t = typename operand_value<X>::type;

//! The common type of two non-optional types, void when there is none.
template <typename A, typename B>
struct unify_base {
  static constexpr Category a = category_of<A>();
  static constexpr Category b = category_of<B>();
  using type = std::conditional_t<
      std::is_same_v<A, B>, A,
      std::conditional_t<
          a == Category::integer && b == Category::integer,
          std::conditional_t<(sizeof(A) >= sizeof(B)), A, B>,
          std::conditional_t<
              (a == Category::real && (b == Category::real || b == Category::integer)) ||
                  (b == Category::real && a == Category::integer),
              double,
              std::conditional_t<(a == Category::decimal && b == Category::integer) ||
                                     (b == Category::decimal && a == Category::integer),
                                 Decimal,
                                 std::conditional_t<a == Category::text && b == Category::text,
                                                    std::string, void>>>>>;
};

//! The common type of two operand types (optional when either is), void when none.
template <typename A, typename B>
struct unify2 {
  using base = typename unify_base<unwrap_optional_t<A>, unwrap_optional_t<B>>::type;
  using type = std::conditional_t<std::is_void_v<base>, void,
                                  std::conditional_t<is_optional<A>::value || is_optional<B>::value,
                                                     std::optional<base>, base>>;
};
template <typename A>
struct unify2<A, null_operand> {
  using type = std::conditional_t<std::is_void_v<A>, void, std::optional<unwrap_optional_t<A>>>;
};
template <typename B>
struct unify2<null_operand, B> : unify2<B, null_operand> {};
template <>
struct unify2<null_operand, null_operand> {
  using type = null_operand;
};
template <typename B>
struct unify2<void, B> {
  using type = void;
};
template <>
struct unify2<void, null_operand> {
  using type = void;
};

template <typename... Ts>
struct unify_all;
template <typename T>
struct unify_all<T> {
  using type = T;
};
template <typename T, typename U, typename... Ts>
struct unify_all<T, U, Ts...> {
  using type = typename unify_all<typename unify2<T, U>::type, Ts...>::type;
};
//! The common type of the operand types Ts; void when there is none, null_operand when
//! every one is std::nullopt.
template <typename... Ts>
using unified_t = typename unify_all<Ts...>::type;

//! The models in both A and B.
template <typename A, typename B>
struct list_intersection;
template <typename... As, typename B>
struct list_intersection<model_list<As...>, B> {
  template <typename M>
  using keep = std::conditional_t<list_contains<M, B>::value, model_list<M>, model_list<>>;
  using type = list_union_t<model_list<>, keep<As>...>;
};

template <typename X, bool = Expression<X>>
struct operand_null_if {
  using type = model_list<>;  // a bound value is NULL or not by itself, never by a join
};
template <typename X>
struct operand_null_if<X, true> {
  using type = expr_null_if_t<X>;
};
template <typename X>
using operand_null_if_t = typename operand_null_if<X>::type;

}  // namespace ormc::detail
