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
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "ormc/query/select.hpp"
#include "ormc/relation.hpp"
#include "ormc/row.hpp"
#include "ormc/session/joined_load.hpp"
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

//! Whether a relation of M says load(subquery) in the schema.
template <const auto&... R>
constexpr bool any_subquery_default(relation_list<R...>* /*unused*/) {
  return ((R.load == LoadStrategy::subquery) || ...);
}
template <typename M>
constexpr bool has_subquery_default() {
  return any_subquery_default(static_cast<relations_t<M>*>(nullptr));
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

  //! Whether the rows of a joined statement repeat per object of this path (a collection
  //! in it): LIMIT and OFFSET then need the query wrapped (detail::wrap_limited).
  static constexpr bool multiplies_rows =
      D::many || ((Next::strategy == LoadStrategy::joined && Next::multiplies_rows) || ...);

  //! joined: adds the join of D's target (and its association table), and the joins of
  //! the joined options under this one, with their columns, to the statement of D's model
  //! M, whose rows it reads as `from_name`. INNER JOIN when D's foreign key is NOT NULL
  //! and no outer join comes before it (`inner_so_far`), else LEFT OUTER JOIN; the target
  //! under an alias when the statement reads its table already (a relation to itself).
  template <typename M>
  static void add_join(detail::SelectData& data, detail::JoinNames& names,
                       std::string_view from_name, bool inner_so_far) {
    static_assert(std::is_same_v<M, typename D::model_type>,
                  "ormc: load(): the relation is not one of the queried model's (a loading "
                  "path starts at the model the query returns)");
    const bool inner = inner_so_far && !D::nullable;
    const std::string_view name = detail::join_hops<D>(data, names, from_name, inner,
                                                       static_cast<typename D::path*>(nullptr));
    detail::append_columns_as<typename D::target_type>(data.columns, name);
    (add_next_join<Next>(data, names, name, inner), ...);
  }
  template <typename N>
  static void add_next_join(detail::SelectData& data, detail::JoinNames& names,
                            std::string_view from_name, bool inner) {
    if constexpr (N::strategy == LoadStrategy::joined) {
      N::template add_join<typename D::target_type>(data, names, from_name, inner);
    }
  }

  //! joined: takes the target's columns of one row, from `column` on, into `parent`'s
  //! relation (parent nullptr: the row has none, an outer join above left it missing),
  //! then the columns of the joined options under this one. Returns the column after.
  template <typename M>
  static int read_joined(Session& session, const Row& row, int column, M* parent,
                         detail::JoinedRows& rows) {
    using T = typename D::target_type;
    T* related = nullptr;
    if (parent != nullptr) {
      related = detail::SessionModel<T>::take_row(session, row, column);
      auto& handle = parent->*D::member;
      auto [at, first_row] = rows.fill.try_emplace(&handle, !handle.loaded());
      if (at->second) {
        void* added = related;
        if (D::many && related != nullptr && !rows.added.emplace(&handle, related).second) {
          added = nullptr;  // repeated by a collection joined beside or below
        }
        if (first_row || added != nullptr) {
          detail::SessionModel<M>::join_object(session, *parent, detail::relation_index<D>, added,
                                               first_row);
        }
      }
    }
    column += static_cast<int>(model_column_count<T>);
    ((column = read_next<Next>(session, row, column, related, rows)), ...);
    return column;
  }
  template <typename N>
  static int read_next(Session& session, const Row& row, int column,
                       typename D::target_type* parent, detail::JoinedRows& rows) {
    if constexpr (N::strategy == LoadStrategy::joined) {
      return N::template read_joined<typename D::target_type>(session, row, column, parent, rows);
    } else {
      return column;
    }
  }

  //! joined, after its statement: runs the options under this one that are not joined
  //! (selectin, subquery, raise, ...) on the objects the statement loaded.
  template <typename M>
  static void run_after_join(Session& session, std::span<M* const> parents) {
    if constexpr (sizeof...(Next) > 0) {
      std::vector<typename D::target_type*> next = targets_of(parents);
      (run_next_after_join<Next>(session, next), ...);
    }
  }
  template <typename N>
  static void run_next_after_join(Session& session,
                                  std::span<typename D::target_type* const> next) {
    if constexpr (N::strategy == LoadStrategy::joined) {
      N::template run_after_join<typename D::target_type>(session, next);
    } else {
      N::template run<typename D::target_type>(session, next);
    }
  }
  //! Whether a joined path has options under it that are not joined (run_after_join).
  static constexpr bool runs_after_join =
      ((Next::strategy != LoadStrategy::joined || Next::runs_after_join) || ...);

  //! The loaded targets of D in `parents`, each once, in first-seen order.
  template <typename M>
  static std::vector<typename D::target_type*> targets_of(std::span<M* const> parents) {
    using T = typename D::target_type;
    std::vector<T*> out;
    std::unordered_set<const T*> seen;
    for (M* parent : parents) {
      auto& handle = parent->*D::member;
      if (!handle.loaded()) continue;
      if constexpr (D::many) {
        for (T& item : handle) {
          if (seen.insert(&item).second) out.push_back(&item);
        }
      } else if (T* target = handle.get()) {
        if (seen.insert(target).second) out.push_back(target);
      }
    }
    return out;
  }

  //! subquery: loads D for `parents`, the objects `parent_query` returned, with one
  //! statement that repeats parent_query as a subquery of their keys joined to D's
  //! target; its options under it that are subquery too repeat this statement in turn.
  //! `root`: parent_query is the query's own (one row per object).
  template <typename M>
  static void run_subquery(Session& session, std::span<M* const> parents,
                           const detail::SelectData& parent_query, bool root) {
    static_assert(std::is_same_v<M, typename D::model_type>,
                  "ormc: load(): the relation is not one of the queried model's (a loading "
                  "path starts at the model the query returns)");
    std::vector<void*> related;
    detail::SelectData level;
    detail::SessionModel<M>::select_subquery(session, parents, detail::relation_index<D>,
                                             parent_query, root, related, level);
    if constexpr (sizeof...(Next) > 0) {
      using T = typename D::target_type;
      std::vector<T*> next = unique_targets<T>(related);
      (run_next_after_subquery<Next>(session, next, level), ...);
    }
  }
  template <typename N>
  static void run_next_after_subquery(Session& session,
                                      std::span<typename D::target_type* const> next,
                                      const detail::SelectData& level) {
    if constexpr (N::strategy == LoadStrategy::subquery) {
      N::template run_subquery<typename D::target_type>(session, next, level, false);
    } else {
      N::template run<typename D::target_type>(session, next);
    }
  }
  template <typename T>
  static std::vector<T*> unique_targets(const std::vector<void*>& related) {
    std::vector<T*> next;
    next.reserve(related.size());
    std::unordered_set<const void*> seen;
    for (void* object : related) {
      if (seen.insert(object).second) next.push_back(static_cast<T*>(object));
    }
    return next;
  }

  //! Loads this option for `parents` (objects of D's model), then its next options.
  template <typename M>
  static void run(Session& session, std::span<M* const> parents) {
    static_assert(std::is_same_v<M, typename D::model_type>,
                  "ormc: load(): the relation is not one of the queried model's (a loading "
                  "path starts at the model the query returns)");
    constexpr std::size_t index = detail::relation_index<D>;
    using T = typename D::target_type;
    if constexpr (S == LoadStrategy::raise || S == LoadStrategy::noload ||
                  S == LoadStrategy::lazy || S == LoadStrategy::raise_on_sql) {
      detail::SessionModel<M>::set_strategy(parents, index, static_cast<std::uint8_t>(S));
    } else {
      // selectin; a joined or subquery option under a selectin level (no statement to
      // join to or repeat) loads as selectin too: one statement per level all the same.
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
//! Loads the relation in the query's own statement, by a JOIN (INNER for a to-one whose
//! foreign key is NOT NULL, else LEFT OUTER; under an alias for a relation of a model to
//! itself): one statement for the objects and their related objects (a collection repeats
//! each object's row per related object; the result holds each object once; under LIMIT
//! or OFFSET the limited query is wrapped so that the limit counts objects). then()
//! nests joined options in the same statement; other options under it run after it.
template <RelationDescriptor D>
[[nodiscard]] constexpr LoadOption<LoadStrategy::joined, D> joined(const D& /*relation*/) {
  return {};
}
//! Loads the relation for every object of the result in one more statement that repeats
//! the query (its FROM, WHERE, ORDER BY, LIMIT and OFFSET) as a subquery of the objects'
//! keys, joined to the related rows (SQLAlchemy's subqueryload). Under LIMIT or OFFSET the
//! subquery orders by the query's ORDER BY and then the key, so that it picks the very
//! objects the query returned.
template <RelationDescriptor D>
[[nodiscard]] constexpr LoadOption<LoadStrategy::subquery, D> subquery(const D& /*relation*/) {
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

  //! Adds the target's columns to the statement, which joins the target already (under
  //! its table's name, which joined options of the same statement then leave to it).
  template <typename M>
  static void add_columns(detail::SelectData& data, detail::JoinNames& names) {
    static_assert(std::is_same_v<M, typename D::model_type>,
                  "ormc: load(): the relation is not one of the queried model's (a loading "
                  "path starts at the model the query returns)");
    (void)names.take(model_traits<typename D::target_type>::table_name);
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
