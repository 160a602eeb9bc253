// The compile-time state of a SELECT: what its rows are made of (a whole model, a list of
// expressions, or the rows of a compound select), and from the models it joins, which may
// be missing from a row (the outer side of an outer join): their columns come back as
// std::optional (sqlpp23's rule), decided when the statement's type is known.
#pragma once

#include <optional>
#include <tuple>
#include <type_traits>

#include "ormc/expr/expression.hpp"
#include "ormc/model.hpp"

namespace ormc::detail {

//! Rows are objects of model M: select<User>(); std::optional<M> when an outer join may
//! leave M missing (select<Album>().select_from<Track>().left_join<Album>(...)).
template <typename M>
struct whole {};
//! Rows are std::tuple of the items' values: select(user::name, count(post::id)).
template <typename... Es>
struct items {};
//! Rows are Row, built by a set operation (union, ...) of selects; Correlated: the outer
//! sources its members read (in a subquery).
template <typename Row, typename Correlated>
struct compound {};

//! T read from a row where the sources in Nullable may be missing: optional when T reads
//! one of them (NullIf) and is not optional already.
template <typename T, typename NullIf, typename Nullable>
using joined_value_t =
    std::conditional_t<!is_optional<T>::value && list_intersects<NullIf, Nullable>::value,
                       std::optional<T>, T>;

template <typename Shape, typename Nullable>
struct shape_traits;

template <typename M, typename Nullable>
struct shape_traits<whole<M>, Nullable> {
  using row = std::conditional_t<list_contains<M, Nullable>::value, std::optional<M>, M>;
  using models = model_list<M>;
  static constexpr bool whole_model = true;
};

template <typename... Es, typename Nullable>
struct shape_traits<items<Es...>, Nullable> {
  using row = std::tuple<joined_value_t<expr_value_t<Es>, expr_null_if_t<Es>, Nullable>...>;
  using models = sources_t<list_union_t<expr_models_t<Es>...>>;
  static constexpr bool whole_model = false;
};

template <typename Row, typename Correlated, typename Nullable>
struct shape_traits<compound<Row, Correlated>, Nullable> {
  using row = Row;
  using models = model_list<>;
  static constexpr bool whole_model = false;
};

template <typename Shape>
struct is_items : std::false_type {};
template <typename... Es>
struct is_items<items<Es...>> : std::true_type {};

//! The sources of the FROM clause: those named (select_from, joins), or else the models of
//! the selected items (select(user::name) reads FROM users).
template <typename Shape, typename From>
using effective_from_t =
    std::conditional_t<list_size<From>::value == 0,
                       typename shape_traits<Shape, model_list<>>::models, From>;

//! The types of two rows of a set operation, made one: the same types, where an optional
//! in either makes the column optional.
template <typename A, typename B>
struct unified_column {
  static constexpr bool ok = std::is_same_v<unwrap_optional_t<A>, unwrap_optional_t<B>>;
  using type = std::conditional_t<is_optional<A>::value || is_optional<B>::value,
                                  std::optional<unwrap_optional_t<A>>, A>;
};

template <typename RowA, typename RowB>
struct unified_row {
  static constexpr bool ok = false;
  using type = RowA;
};
template <typename... As, typename... Bs>
requires(sizeof...(As) == sizeof...(Bs)) struct unified_row<std::tuple<As...>, std::tuple<Bs...>> {
  static constexpr bool ok = (unified_column<As, Bs>::ok && ...);
  using type = std::tuple<typename unified_column<As, Bs>::type...>;
};

}  // namespace ormc::detail
