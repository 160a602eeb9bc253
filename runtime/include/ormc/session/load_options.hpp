// Loading strategies as query options, SQLAlchemy's loader options:
//
//   session.query<blog::User>()
//       .load(ormc::selectin(blog::user::posts).then(ormc::selectin(blog::post::comments)))
//       .all();          // 3 statements for users, their posts and the posts' comments
//
// A path is a chain of relations, each starting where the previous one ends: the chain is
// a type, so a wrong path does not compile. The loading itself is compiled once per schema
// (SessionModel<M>::select_in, in the generated <schema>.orm.cpp); an option costs the file
// that uses it one small function per path.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <type_traits>
#include <unordered_map>
#include <vector>

#include "ormc/query/select.hpp"
#include "ormc/relation.hpp"
#include "ormc/row.hpp"
#include "ormc/session/model_map.hpp"

namespace ormc {

class Session;

namespace detail {

//! The place of relation descriptor type D among its model's relations.
template <typename D, const auto&... R>
constexpr std::size_t relation_index_in(relation_list<R...>* /*unused*/) {
  constexpr std::array<bool, sizeof...(R)> same{
      std::is_same_v<D, std::remove_cvref_t<decltype(R)>>...};
  for (std::size_t i = 0; i < same.size(); ++i) {
    if (same[i]) return i;
  }
  return sizeof...(R);
}
template <typename D>
inline constexpr std::size_t relation_index =
    relation_index_in<D>(static_cast<relations_t<typename D::model_type>*>(nullptr));

//! Whether a relation of M says load(selectin) in the schema: queries of M then load it.
template <const auto&... R>
constexpr bool any_selectin_default(relation_list<R...>* /*unused*/) {
  return ((R.load == LoadStrategy::selectin) || ...);
}
template <std::size_t I, const auto& R0, const auto&... Rs>
constexpr const auto& nth_relation_of() {
  if constexpr (I == 0) {
    return R0;
  } else {
    return nth_relation_of<I - 1, Rs...>();
  }
}
//! The relation descriptor object of type D (its model's relations list it).
template <typename D, const auto&... R>
constexpr const D& relation_object_in(relation_list<R...>* /*unused*/) {
  constexpr std::size_t index = relation_index_in<D>(static_cast<relation_list<R...>*>(nullptr));
  return nth_relation_of<index, R...>();
}
template <typename D>
constexpr const D& relation_object() {
  return relation_object_in<D>(static_cast<relations_t<typename D::model_type>*>(nullptr));
}

template <typename M>
constexpr bool has_eager_default() {
  return any_selectin_default(static_cast<relations_t<M>*>(nullptr));
}

}  // namespace detail

//! One relation to load, how, and what to load from its objects next.
template <LoadStrategy S, typename D, typename... Next>
struct LoadOption {
  static_assert(RelationDescriptor<D>, "ormc: a loading option takes a relation descriptor");
  static_assert(D::member != nullptr,
                "ormc: this relation has no member in its model's struct to load into");
  using descriptor = D;
  static constexpr LoadStrategy strategy = S;

  //! Loads `next` from the objects this option loads: its relation must start at this
  //! one's target model.
  template <LoadStrategy S2, typename D2, typename... N2>
  [[nodiscard]] constexpr LoadOption<S, D, Next..., LoadOption<S2, D2, N2...>> then(
      LoadOption<S2, D2, N2...> /*next*/) const {
    static_assert(std::is_same_v<typename D2::model_type, typename D::target_type>,
                  "ormc: then(): the next relation must be one of the model the previous "
                  "relation leads to (a loading path follows relations end to start)");
    return {};
  }

  //! joined: adds the LEFT OUTER JOIN of D's target (and its association table) and the
  //! target's columns to the statement of D's model M.
  template <typename M>
  static void add_join(detail::SelectData& data) {
    static_assert(std::is_same_v<M, typename D::model_type>,
                  "ormc: load(): the relation is not one of the queried model's (a loading "
                  "path starts at the model the query returns)");
    static_assert(!std::is_same_v<typename D::target_type, M>,
                  "ormc: joined(): a relation of a model to itself needs an alias in the join; "
                  "load it with ormc::selectin");
    static_assert(sizeof...(Next) == 0,
                  "ormc: joined(...).then(...) is not supported yet: use selectin for the "
                  "next levels, or joined options side by side");
    auto joined = select<M>().left_join(detail::relation_object<D>());
    const detail::SelectData& with_join = joined.data();
    data.from.insert(data.from.end(), with_join.from.begin() + 1, with_join.from.end());
    detail::append_all_columns<typename D::target_type>(data.columns);
  }
  //! joined: takes the target's columns of one row, from `first_column` on, into
  //! `parent`'s relation. `fill`: per parent, whether this result fills its relation (not
  //! when the relation was loaded before: a held object keeps what it has).
  template <typename M>
  static void read_joined(Session& session, const Row& row, int first_column, M& parent,
                          std::unordered_map<const void*, bool>& fill) {
    auto [at, first_row] = fill.try_emplace(&parent, !(parent.*D::member).loaded());
    if (!at->second) return;
    detail::SessionModel<M>::join_row(session, row, first_column, detail::relation_index<D>, parent,
                                      first_row);
  }

  //! A joined option under LIMIT/OFFSET: loads as selectin would.
  template <typename M>
  static void run_as_selectin(Session& session, std::span<M* const> parents) {
    LoadOption<LoadStrategy::selectin, D, Next...>::template run<M>(session, parents);
  }

  //! Loads this option for `parents` (objects of D's model), then its next options.
  template <typename M>
  static void run(Session& session, std::span<M* const> parents) {
    static_assert(std::is_same_v<M, typename D::model_type>,
                  "ormc: load(): the relation is not one of the queried model's (a loading "
                  "path starts at the model the query returns)");
    constexpr std::size_t index = detail::relation_index<D>;
    using T = typename D::target_type;
    if constexpr (S == LoadStrategy::joined) {
      // Loaded with the query's own statement (add_join, read_joined).
    } else if constexpr (S == LoadStrategy::raise || S == LoadStrategy::noload ||
                         S == LoadStrategy::lazy || S == LoadStrategy::raise_on_sql) {
      detail::SessionModel<M>::set_strategy(parents, index, static_cast<std::uint8_t>(S));
    } else {
      std::vector<void*> related;
      detail::SessionModel<M>::select_in(session, parents, index, related);
      if constexpr (sizeof...(Next) > 0) {
        std::vector<T*> next;
        next.reserve(related.size());
        for (void* object : related) {
          T* item = static_cast<T*>(object);
          bool seen = false;  // each object once, in first-seen order
          for (T* held : next) seen = seen || held == item;
          if (!seen) next.push_back(item);
        }
        (Next::template run<T>(session, std::span<T* const>(next)), ...);
      }
    }
  }

  //! selectin of a collection, each parent's related objects in this order (and, with
  //! limit(n), the first n of them): an ormc::LimitedLoad (ormc/session/limited_load.hpp).
  template <typename... Xs>
  [[nodiscard]] auto order_by(Xs&&... items) const {
    return limited_load(*this).order_by(static_cast<Xs&&>(items)...);
  }
  [[nodiscard]] auto limit(std::int64_t n) const { return limited_load(*this).limit(n); }
};

//! Loads the relation for every object of the result in one more statement (per 500).
template <RelationDescriptor D>
[[nodiscard]] constexpr LoadOption<LoadStrategy::selectin, D> selectin(const D& /*relation*/) {
  return {};
}
//! Loads the relation in the query's own statement, by a LEFT OUTER JOIN: one statement
//! for the objects and their related objects (a collection repeats each object's row per
//! related object; the result holds each object once).
template <RelationDescriptor D>
[[nodiscard]] constexpr LoadOption<LoadStrategy::joined, D> joined(const D& /*relation*/) {
  return {};
}
//! Any read of the relation that is not loaded throws InvalidRequestError naming it and
//! the fix (SQLAlchemy's raiseload): for code that must not run lazy loads.
template <RelationDescriptor D>
[[nodiscard]] constexpr LoadOption<LoadStrategy::raise, D> raise(const D& /*relation*/) {
  return {};
}
//! As raise, but a read that needs no SQL is allowed: a many-to-one whose target the
//! session holds (SQLAlchemy's raiseload(..., sql_only=True)).
template <RelationDescriptor D>
[[nodiscard]] constexpr LoadOption<LoadStrategy::raise_on_sql, D> raise_on_sql(
    const D& /*relation*/) {
  return {};
}
//! The relation reads as empty and is never loaded.
template <RelationDescriptor D>
[[nodiscard]] constexpr LoadOption<LoadStrategy::noload, D> noload(const D& /*relation*/) {
  return {};
}
//! The default: each object loads the relation on first access.
template <RelationDescriptor D>
[[nodiscard]] constexpr LoadOption<LoadStrategy::lazy, D> lazy(const D& /*relation*/) {
  return {};
}

template <typename T>
struct is_load_option : std::false_type {};
template <LoadStrategy S, typename D, typename... N>
struct is_load_option<LoadOption<S, D, N...>> : std::true_type {};

//! contains_eager(relation): the query joins the relation's target itself
//! (session.query<Post>().join(post::author)); its columns fill the relation, in the same
//! statement. A collection holds the joined rows only: those the query's conditions keep.
template <typename D>
struct ContainsEager {
  static_assert(RelationDescriptor<D>, "ormc: contains_eager() takes a relation descriptor");
  static_assert(D::member != nullptr,
                "ormc: this relation has no member in its model's struct to load into");
  using descriptor = D;

  //! Adds the target's columns to the statement, which joins the target already.
  template <typename M>
  static void add_columns(detail::SelectData& data) {
    static_assert(std::is_same_v<M, typename D::model_type>,
                  "ormc: load(): the relation is not one of the queried model's (a loading "
                  "path starts at the model the query returns)");
    detail::append_all_columns<typename D::target_type>(data.columns);
  }
};

template <RelationDescriptor D>
[[nodiscard]] constexpr ContainsEager<D> contains_eager(const D& /*relation*/) {
  return {};
}

template <typename T>
struct is_contains_eager : std::false_type {};
template <typename D>
struct is_contains_eager<ContainsEager<D>> : std::true_type {};

}  // namespace ormc
