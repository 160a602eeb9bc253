// The contract between generated code and the runtime: typed column descriptors and the
// model_traits<T> specialisation ormc generates for every model (docs/design/generated-code.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "ormc/types.hpp"

namespace ormc {

//! Specialised by generated code for every model struct; the primary template is empty,
//! so `Model<T>` is false for anything ormc did not generate.
template <typename T>
struct model_traits;

template <typename T>
concept Model = requires {
  { model_traits<T>::table_name } -> std::convertible_to<std::string_view>;
  model_traits<T>::columns;
};

//! Specialised by generated code for every schema enum: its value names in order.
template <typename E>
struct enum_traits;

//! Per-column facts the runtime needs at run time (the SQL types live in the DDL).
struct ColumnFlags {
  bool nullable = false;
  bool primary_key = false;
  bool autoincrement = false;
  bool server_default = false;  //!< the database fills it when the INSERT omits it
  bool default_now = false;     //!< default(now): set to the current time at insert
  bool on_update_now = false;   //!< on_update(now): set to the current time at update
  //! decimal(p, s): s, so values read back keep their scale (older SQLite databases hold
  //! decimals in NUMERIC columns, which drop trailing zeros). -1 for other columns.
  int scale = -1;
  //! decimal(p, s): p. Values written must fit (ormc/detail/decimal_column.hpp); 0 for
  //! other columns.
  int precision = 0;
};

//! A column of model M holding values of C++ type T (std::optional<U> when nullable),
//! at position `Index` of model_traits<M>::columns. Used in expressions: user::age > 25.
template <typename M, typename T, std::size_t Index>
struct Column {
  using model_type = M;
  using value_type = T;
  static constexpr std::size_t index = Index;

  T M::*member;
  std::string_view name;  //!< SQL column name
  ColumnFlags flags{};

  [[nodiscard]] constexpr T& of(M& object) const { return object.*member; }
  [[nodiscard]] constexpr const T& of(const M& object) const { return object.*member; }

  // SQL operators spelled as members (user::name.like("a%"), user::age.desc()). Their
  // definitions and type checks live in ormc/expr/ (include "ormc/expr.hpp"); the calls are
  // dependent, so they are found by argument-dependent lookup where they are used and this
  // header stays the light contract that generated code includes.
  template <typename P>
  [[nodiscard]] auto like(P&& pattern) const {
    return expr_like(*this, static_cast<P&&>(pattern));
  }
  template <typename P>
  [[nodiscard]] auto ilike(P&& pattern) const {
    return expr_ilike(*this, static_cast<P&&>(pattern));
  }
  template <typename R>
  [[nodiscard]] auto in_(R&& values) const {
    return expr_in(*this, static_cast<R&&>(values), false);
  }
  template <typename V>
  [[nodiscard]] auto in_(std::initializer_list<V> values) const {
    return expr_in(*this, values, false);
  }
  template <typename R>
  [[nodiscard]] auto not_in(R&& values) const {
    return expr_in(*this, static_cast<R&&>(values), true);
  }
  template <typename V>
  [[nodiscard]] auto not_in(std::initializer_list<V> values) const {
    return expr_in(*this, values, true);
  }
  template <typename A, typename B>
  [[nodiscard]] auto between(A&& low, B&& high) const {
    return expr_between(*this, static_cast<A&&>(low), static_cast<B&&>(high));
  }
  [[nodiscard]] auto is_null() const { return expr_is_null(*this, false); }
  [[nodiscard]] auto is_not_null() const { return expr_is_null(*this, true); }
  [[nodiscard]] auto asc() const { return expr_order(*this, false); }
  [[nodiscard]] auto desc() const { return expr_order(*this, true); }
};

template <typename T>
struct is_optional : std::false_type {};
template <typename T>
struct is_optional<std::optional<T>> : std::true_type {};

//! T without std::optional: the type a column's non-null values have.
template <typename T>
struct unwrap_optional {
  using type = T;
};
template <typename T>
struct unwrap_optional<std::optional<T>> {
  using type = T;
};
template <typename T>
using unwrap_optional_t = typename unwrap_optional<T>::type;

//! How many columns M has.
template <Model M>
inline constexpr std::size_t model_column_count =
    std::tuple_size_v<std::remove_cvref_t<decltype(model_traits<M>::columns)>>;

//! The I-th column descriptor of M.
template <Model M, std::size_t I>
constexpr const auto& column_at() {
  return std::get<I>(model_traits<M>::columns);
}

//! The type of M's I-th column descriptor (its value_type is the member's C++ type).
template <Model M, std::size_t I>
using column_t = std::remove_cvref_t<decltype(column_at<M, I>())>;

//! Calls f(column) for every column of M, in order, expanded at compile time.
template <Model M, typename F>
constexpr void for_each_column(F&& f) {
  std::apply([&](const auto&... column) { (f(column), ...); }, model_traits<M>::columns);
}

}  // namespace ormc
