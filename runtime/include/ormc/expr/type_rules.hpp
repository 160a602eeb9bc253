// Which C++ types meet in SQL: the category of a column's or a value's type, which
// categories compare, order, add up and assign to each other, and how a C++ value becomes
// the ormc::Value it is bound as. The operators static_assert on these with a message.
#pragma once

#include <concepts>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "ormc/model.hpp"
#include "ormc/schema_enum.hpp"
#include "ormc/types.hpp"
#include "ormc/value.hpp"

namespace ormc::detail {

enum class Category {
  boolean,
  integer,
  real,
  decimal,
  text,
  bytes,
  enumeration,
  date,
  time,
  timestamp,
  uuid,
  json,
  other,  //!< nothing ormc binds: a mistake by the caller
};

template <typename T>
inline constexpr bool is_char_type_v =
    std::is_same_v<T, char> || std::is_same_v<T, signed char> || std::is_same_v<T, unsigned char> ||
    std::is_same_v<T, wchar_t> || std::is_same_v<T, char8_t> || std::is_same_v<T, char16_t> ||
    std::is_same_v<T, char32_t>;

//! The category of a non-optional C++ type (after decay: "abc" is a const char*).
template <typename T>
constexpr Category category_of() {
  using U = std::remove_cvref_t<T>;
  if constexpr (std::is_same_v<U, bool>)
    return Category::boolean;
  else if constexpr (std::is_integral_v<U> && !is_char_type_v<U>)
    return Category::integer;
  else if constexpr (std::is_floating_point_v<U>)
    return Category::real;
  else if constexpr (std::is_same_v<U, Decimal>)
    return Category::decimal;
  else if constexpr (std::is_same_v<U, std::string> || std::is_same_v<U, std::string_view> ||
                     std::is_same_v<U, const char*> || std::is_same_v<U, char*>)
    return Category::text;
  else if constexpr (std::is_same_v<U, Bytes>)
    return Category::bytes;
  else if constexpr (SchemaEnum<U>)
    return Category::enumeration;
  else if constexpr (std::is_same_v<U, Date>)
    return Category::date;
  else if constexpr (std::is_same_v<U, Time>)
    return Category::time;
  else if constexpr (std::is_same_v<U, Timestamp>)
    return Category::timestamp;
  else if constexpr (std::is_same_v<U, Uuid>)
    return Category::uuid;
  else if constexpr (std::is_same_v<U, Json>)
    return Category::json;
  else
    return Category::other;
}

template <typename T>
inline constexpr Category category_v = category_of<unwrap_optional_t<std::remove_cvref_t<T>>>();

constexpr bool is_numeric(Category c) {
  return c == Category::integer || c == Category::real || c == Category::decimal;
}

//! Two SQL expressions of types A and B may be compared: the same category (the same enum
//! for enums), or two numbers.
template <typename A, typename B>
inline constexpr bool sql_comparable_v =
    category_v<A> != Category::other &&
    ((category_v<A> == category_v<B> &&
      (category_v<A> != Category::enumeration ||
       std::is_same_v<unwrap_optional_t<A>, unwrap_optional_t<B>>)) ||
     (is_numeric(category_v<A>) && is_numeric(category_v<B>)));

//! A C++ value of type V may stand beside an SQL expression of type T. Stricter than two
//! expressions: no double beside an integer or a decimal column (it would round).
template <typename T, typename V>
inline constexpr bool value_comparable_v = [] {
  constexpr Category t = category_v<T>;
  constexpr Category v = category_of<std::decay_t<V>>();
  if constexpr (t == Category::other || v == Category::other)
    return false;
  else if constexpr (t == Category::enumeration)
    return std::is_same_v<unwrap_optional_t<T>, std::decay_t<V>>;
  else if constexpr (t == Category::real)
    return v == Category::real || v == Category::integer;
  else if constexpr (t == Category::decimal)
    return v == Category::decimal || v == Category::integer;
  else
    return t == v;
}();

//! <, <=, >, >= and BETWEEN: numbers, strings, dates and times. Enums are stored as their
//! names, so ordering them would order names, not declaration order: not offered.
template <typename T>
inline constexpr bool orderable_v = is_numeric(category_v<T>) || category_v<T> == Category::text
                                    || category_v<T> == Category::date
                                    || category_v<T> == Category::time
                                    || category_v<T> == Category::timestamp;

template <typename T>
inline constexpr bool boolean_v = category_v<T> == Category::boolean;

template <typename T>
inline constexpr bool text_v = category_v<T> == Category::text;

template <typename T>
inline constexpr bool numeric_v = is_numeric(category_v<T>);

//! The nullable form of T when any of Ts is nullable: comparing a nullable column yields
//! NULL for NULL rows, so the result type says so.
template <typename T, typename... Ts>
using nullable_if_any_t =
    std::conditional_t<(is_optional<std::remove_cvref_t<Ts>>::value || ...), std::optional<T>, T>;

//! How a C++ value is bound: integers widen to int64, floats to double, strings are copied,
//! enums are bound as their names (the schema stores enums as text).
template <typename V>
Value to_value(V&& v) {
  using U = std::decay_t<V>;
  constexpr Category c = category_of<U>();
  if constexpr (is_optional<U>::value) {
    if (!v) return Value{};
    return to_value(*std::forward<V>(v));
  } else if constexpr (std::is_same_v<U, std::nullopt_t>) {
    return Value{};
  } else if constexpr (c == Category::integer) {
    return Value{static_cast<std::int64_t>(v)};
  } else if constexpr (c == Category::real) {
    return Value{static_cast<double>(v)};
  } else if constexpr (c == Category::text) {
    return Value{std::string(std::forward<V>(v))};
  } else if constexpr (c == Category::enumeration) {
    // Enums are stored as their names (TEXT on SQLite, a native enum on PostgreSQL).
    return Value{std::string(enum_name(v))};
  } else {
    static_assert(c != Category::other, "ormc: this C++ type cannot be bound to an SQL statement");
    return Value{std::forward<V>(v)};
  }
}

//! A value of type V may be written into a column of type T (insert, update, upsert).
template <typename T, typename V>
inline constexpr bool value_assignable_v = [] {
  using D = std::decay_t<V>;
  if constexpr (std::is_same_v<D, std::nullopt_t>)
    return is_optional<T>::value;
  else if constexpr (is_optional<D>::value)
    return is_optional<T>::value && value_comparable_v<T, typename D::value_type>;
  else
    return value_comparable_v<T, D>;
}();

//! An SQL expression of type E may be written into a column of type T.
template <typename T, typename E>
inline constexpr bool expr_assignable_v = [] {
  constexpr Category t = category_v<T>;
  constexpr Category e = category_v<E>;
  if constexpr (is_optional<E>::value && !is_optional<T>::value)
    return false;
  else if constexpr (t == Category::enumeration)
    return std::is_same_v<unwrap_optional_t<T>, unwrap_optional_t<E>>;
  else if constexpr (t == Category::real)
    return e == Category::real || e == Category::integer;
  else if constexpr (t == Category::decimal)
    return e == Category::decimal || e == Category::integer;
  else
    return t != Category::other && t == e;
}();

}  // namespace ormc::detail
