// The set of sources (models, aliases, derived tables) an expression reads, as a type: a
// statement checks it against its FROM clause and joins at compile time (a post column in
// a select of users is an error), and outer joins make the expressions over them optional.
// The same list marks an expression that holds a window function (window_mark).
#pragma once

#include <cstddef>
#include <type_traits>

namespace ormc::detail {

template <typename... Ms>
struct model_list {};

template <typename M, typename List>
struct list_contains;
template <typename M, typename... Ms>
struct list_contains<M, model_list<Ms...>> : std::bool_constant<(std::is_same_v<M, Ms> || ...)> {};

//! Appends M unless it is already there.
template <typename List, typename M>
struct list_add;
template <typename... Ms, typename M>
struct list_add<model_list<Ms...>, M> {
  using type = std::conditional_t<list_contains<M, model_list<Ms...>>::value, model_list<Ms...>,
                                  model_list<Ms..., M>>;
};

//! The models of A, then those of B not in A.
template <typename A, typename B>
struct list_union;
template <typename A>
struct list_union<A, model_list<>> {
  using type = A;
};
template <typename A, typename M, typename... Ms>
struct list_union<A, model_list<M, Ms...>> {
  using type = typename list_union<typename list_add<A, M>::type, model_list<Ms...>>::type;
};

template <typename... Lists>
struct list_union_all {
  using type = model_list<>;
};
template <typename L, typename... Lists>
struct list_union_all<L, Lists...> {
  using type = typename list_union<L, typename list_union_all<Lists...>::type>::type;
};
template <typename... Lists>
using list_union_t = typename list_union_all<Lists...>::type;

template <typename Sub, typename Super>
struct list_subset;
template <typename... Ms, typename Super>
struct list_subset<model_list<Ms...>, Super>
    : std::bool_constant<(list_contains<Ms, Super>::value && ...)> {};
template <typename Sub, typename Super>
inline constexpr bool list_subset_v = list_subset<Sub, Super>::value;

//! The sources of A that are not in B.
template <typename A, typename B>
struct list_minus;
template <typename... Ms, typename B>
struct list_minus<model_list<Ms...>, B> {
  using type = typename list_union_all<
      std::conditional_t<list_contains<Ms, B>::value, model_list<>, model_list<Ms>>...>::type;
};
template <typename A, typename B>
using list_minus_t = typename list_minus<A, B>::type;

//! Whether A and B share a source.
template <typename A, typename B>
struct list_intersects;
template <typename... Ms, typename B>
struct list_intersects<model_list<Ms...>, B>
    : std::bool_constant<(list_contains<Ms, B>::value || ...)> {};

template <typename List>
struct list_size;
template <typename... Ms>
struct list_size<model_list<Ms...>> : std::integral_constant<std::size_t, sizeof...(Ms)> {};

//! The first source of List that is not Skip (void when there is none).
template <typename List, typename Skip>
struct list_first_other {
  using type = void;
};
template <typename M, typename... Ms, typename Skip>
struct list_first_other<model_list<M, Ms...>, Skip> {
  using type = std::conditional_t<std::is_same_v<M, Skip>,
                                  typename list_first_other<model_list<Ms...>, Skip>::type, M>;
};

//! Not a source: a window function adds it to the models of its expression, and every
//! expression built over one carries it along with the sources it reads, at no cost to the
//! others. SQL computes windows after WHERE, GROUP BY and HAVING, so those clauses refuse an
//! expression that carries it; the checks of sources against the FROM clause ignore it.
struct window_mark {};

template <typename List>
inline constexpr bool has_window_v = list_contains<window_mark, List>::value;

//! List without window_mark: the sources alone.
template <typename List, bool = has_window_v<List>>
struct sources_of {
  using type = List;
};
template <typename List>
struct sources_of<List, true> {
  using type = list_minus_t<List, model_list<window_mark>>;
};
template <typename List>
using sources_t = typename sources_of<List>::type;

}  // namespace ormc::detail
