// Rows into the caller's own structs: select(...).into<Row>() reads each row into an
// aggregate Row by position, checked at compile time: one member per selected item, each
// initialised from the item's type without narrowing (as Row{item0, item1, ...} would be).
#pragma once

#include <cstddef>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "ormc/query/execute.hpp"
#include "ormc/query/select.hpp"

namespace ormc {
namespace detail {

//! Converts to anything: counts an aggregate's members by how many initialisers it takes.
struct any_member {
  template <typename T>
  operator T() const;  // NOLINT(google-explicit-constructor): never called, only counted
};

template <typename T, std::size_t... I>
constexpr bool takes_initializers(std::index_sequence<I...> /*count*/) {
  return requires { T{(void(I), any_member{})...}; };
}

//! The number of members of aggregate T (the most initialisers T{...} takes, up to 64).
template <typename T, std::size_t N = 0>
constexpr std::size_t member_count() {
  if constexpr (N < 64 && takes_initializers<T>(std::make_index_sequence<N + 1>{}))
    return member_count<T, N + 1>();
  else
    return N;
}

template <typename T, typename Tuple>
struct initializes;
template <typename T, typename... Ts>
    struct initializes<T, std::tuple<Ts...>> : std::bool_constant < requires {
  T{std::declval<Ts>()...};
} > {};

template <typename T, typename Tuple>
T make_from_row(Tuple&& row) {
  return std::apply([](auto&&... items) { return T{std::forward<decltype(items)>(items)...}; },
                    std::forward<Tuple>(row));
}

}  // namespace detail

//! A select whose rows are read into T: all(), first(), one(), one_or_none().
template <typename T, typename Statement>
class IntoSelect {
  using Tuple = typename Statement::result_type;
  static_assert(std::is_aggregate_v<T>,
                "ormc: into<Row>() reads rows into an aggregate: a struct with public members "
                "and no constructors");
  static_assert(detail::member_count<T>() == std::tuple_size_v<Tuple>,
                "ormc: into<Row>(): Row must have one member per selected item, in order");
  static_assert(detail::initializes<T, Tuple>::value,
                "ormc: into<Row>(): a member of Row cannot hold the selected item at its "
                "position (a different type, or a narrowing conversion; an item that may be "
                "NULL needs a std::optional member)");

 public:
  explicit IntoSelect(Statement statement) : statement_(std::move(statement)) {}

  [[nodiscard]] std::vector<T> all(Connection& connection) const {
    std::vector<Tuple> rows = statement_.all(connection);
    std::vector<T> out;
    out.reserve(rows.size());
    for (Tuple& row : rows) out.push_back(detail::make_from_row<T>(std::move(row)));
    return out;
  }
  [[nodiscard]] std::optional<T> first(Connection& connection) const {
    return convert(statement_.first(connection));
  }
  [[nodiscard]] T one(Connection& connection) const {
    return detail::make_from_row<T>(statement_.one(connection));
  }
  [[nodiscard]] std::optional<T> one_or_none(Connection& connection) const {
    return convert(statement_.one_or_none(connection));
  }
  [[nodiscard]] const Statement& statement() const { return statement_; }

 private:
  static std::optional<T> convert(std::optional<Tuple>&& row) {
    if (!row) return std::nullopt;
    return detail::make_from_row<T>(std::move(*row));
  }

  Statement statement_;
};

template <typename Shape, typename From, typename Nullable, typename Correlated>
template <typename T>
auto Select<Shape, From, Nullable, Correlated>::into() const& {
  static_assert(!Model<unwrap_optional_t<result_type>>,
                "ormc: into<Row>() reads selected columns, not select<M>()");
  return IntoSelect<T, Select>(*this);
}

template <typename Shape, typename From, typename Nullable, typename Correlated>
template <typename T>
auto Select<Shape, From, Nullable, Correlated>::into() && {
  static_assert(!Model<unwrap_optional_t<result_type>>,
                "ormc: into<Row>() reads selected columns, not select<M>()");
  return IntoSelect<T, Select>(std::move(*this));
}

}  // namespace ormc
