// The contract between generated code and the runtime: typed column descriptors and the
// model_traits<T> specialisation ormc generates for every model (docs/design/generated-code.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

#include "ormc/types.hpp"

namespace ormc {

//! Specialised by generated code for every model struct; the primary template is empty,
//! so `Model<T>` is false for anything ormc did not generate.
template <typename T>
struct model_traits;

//! The column descriptors of a model, in column order, as a type: model_traits<M>::columns
//! is `column_list<ns::user::id, ns::user::username, ...>`. A pack of references instead of
//! a std::tuple of values, because each distinct tuple type costs the compiler a recursive
//! instantiation (a 100-model header spent 80% of its compile time on them).
template <const auto&... C>
struct column_list {
  static constexpr std::size_t size = sizeof...(C);
};

template <typename T>
concept Model = requires {
  { model_traits<T>::table_name } -> std::convertible_to<std::string_view>;
  typename model_traits<T>::columns;
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
  //! Names the column in a select list: user::name.as("author") (a string literal).
  template <std::size_t N>
  [[nodiscard]] auto as(const char (&label)[N]) const {
    return expr_label(*this, label);
  }
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
template <typename M>
inline constexpr std::size_t model_column_count = model_traits<M>::columns::size;

namespace detail {

template <const auto&... C, typename F>
constexpr void for_each_listed(column_list<C...>*, F& f) {
  // A braced list, evaluated left to right, rather than a comma fold: clang nests a fold's
  // expressions and refuses more than 256 (-fbracket-depth), and a model may have 400 columns.
  [[maybe_unused]] const int in_order[] = {0, (f(C), 0)...};
}

// column_at's lookup: a class deriving from one IndexedColumn<I, C> per column, from which
// overload resolution deduces C given I. One instantiation per model and no recursion, where
// std::tuple_element recurses once per column (g++ 12 has no __type_pack_element).
template <std::size_t I, const auto& C>
struct IndexedColumn {};

template <typename Indexes, const auto&... C>
struct IndexedColumns;
template <std::size_t... I, const auto&... C>
struct IndexedColumns<std::index_sequence<I...>, C...> : IndexedColumn<I, C>... {};

template <typename List>
struct index_columns;
template <const auto&... C>
struct index_columns<column_list<C...>> {
  using type = IndexedColumns<std::make_index_sequence<sizeof...(C)>, C...>;
};

template <std::size_t I, const auto& C>
constexpr const auto& column_of(const IndexedColumn<I, C>*) noexcept {
  return C;
}

}  // namespace detail

//! Calls f(column) for every column of M, in order, expanded at compile time.
template <Model M, typename F>
constexpr void for_each_column(F&& f) {
  detail::for_each_listed(static_cast<typename model_traits<M>::columns*>(nullptr), f);
}

//! The descriptor of M's column number I (0-based, in column order).
template <Model M, std::size_t I>
[[nodiscard]] constexpr const auto& column_at() noexcept {
  static_assert(I < model_column_count<M>, "ormc: column_at<M, I>: M has no column number I");
  using indexed = typename detail::index_columns<typename model_traits<M>::columns>::type;
  return detail::column_of<I>(static_cast<const indexed*>(nullptr));
}

//! The type of M's column number I: ormc::Column<M, T, I>.
template <Model M, std::size_t I>
using column_t = std::remove_cvref_t<decltype(column_at<M, I>())>;

}  // namespace ormc
