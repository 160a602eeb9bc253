// Subquery loading (ormc::subquery, the schema's load(subquery); SQLAlchemy's subqueryload):
// one statement per relation that repeats the query of the parents as a subquery of their
// keys, joined to the related rows. And the object side of joined loading (join_object).
// Included by ormc/session/session_model_impl.hpp after the relation handlers: compiled
// once per schema.
#pragma once

#include <algorithm>
#include <cstddef>
#include <map>
#include <memory>
#include <span>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "ormc/query/select.hpp"
#include "ormc/session/joined_load.hpp"
#include "ormc/session/relation_handler.hpp"

namespace ormc::detail {

//! The subquery statement of relation R and its reading.
template <const auto& R>
struct SubqueryLoad {
  using H = RelationHandler<R>;
  using D = typename H::D;
  using M = typename H::M;
  using T = typename H::T;
  using From = typename first_hop_t<D>::from_columns;  //!< M's columns the relation joins on
  using To = typename first_hop_t<D>::to_columns;      //!< their partners, in where_table()
  using Key = decltype(H::template key_values<From>(std::declval<const M&>()));

  //! The derived table of the parents' keys, and the one it wraps when it must be distinct.
  static constexpr std::string_view parents_name = "ormc_parent";
  static constexpr std::string_view rows_name = "ormc_rows";

  //! The statement of the parents' keys: `parent_query` selecting M's columns `From`
  //! (every column when it is DISTINCT, whose ORDER BY must be selected), its ORDER BY,
  //! LIMIT and OFFSET kept when it has LIMIT or OFFSET, with M's primary key appended to
  //! the ORDER BY: without a total order, LIMIT may pick other rows than the first
  //! statement did (SQLAlchemy's documented subqueryload bug); without LIMIT the order is
  //! dropped. Made DISTINCT unless each row is one parent with its own key (`root`: the
  //! query's own statement, and M's key columns are the relation's).
  static SelectData parent_keys(const SelectData& parent_query, bool root) {
    const std::string_view table(model_traits<M>::table_name);
    SelectData inner = parent_query;
    const bool limited = parent_query.limit.has_value() || parent_query.offset.has_value();
    if (limited) {
      append_key_order<M>(inner.order_by);
    } else {
      inner.order_by = {};
    }
    const bool keys_only = !parent_query.distinct;
    if (keys_only) {
      inner.columns = {};
      listed<From>::each([&](const auto& column) { inner.columns.add_column(table, column.name); });
    }
    if (root && !owns_key_v<D>) return inner;
    if (keys_only && !limited) {
      inner.distinct = true;
      return inner;
    }
    SelectData keys;  // SELECT DISTINCT keys FROM (ordered, limited rows)
    listed<From>::each(
        [&](const auto& column) { keys.columns.add_column(rows_name, column.name); });
    keys.from.push_back(FromItem{
        JoinKind::from, {}, rows_name, std::make_shared<const SelectData>(std::move(inner)), {}});
    keys.distinct = true;
    return keys;
  }

  //! SELECT where_table's key columns, T's columns FROM T [JOIN association] JOIN
  //! (parent keys) AS ormc_parent ON ... ORDER BY T's primary key: the key first, to group
  //! rows by parent, as selectin's statement has it.
  static SelectData statement(const SelectData& parent_query, bool root) {
    const std::string_view table(model_traits<T>::table_name);
    const std::string_view where_table = H::where_table();
    SelectData s;
    listed<To>::each([&](const auto& column) { s.columns.add_column(where_table, column.name); });
    append_columns_as<T>(s.columns, table);
    s.from.push_back(FromItem{JoinKind::from, table, table, nullptr, {}});
    if constexpr (D::path::size == 2) {
      using Last = last_hop_t<D>;
      FromItem through{JoinKind::inner, where_table, where_table, nullptr, {}};
      through.on =
          hop_condition(static_cast<typename Last::from_columns*>(nullptr),
                        static_cast<typename Last::to_columns*>(nullptr), where_table, table);
      s.from.push_back(std::move(through));
    }
    FromItem parents{JoinKind::inner,
                     {},
                     parents_name,
                     std::make_shared<const SelectData>(parent_keys(parent_query, root)),
                     {}};
    parents.on = hop_condition(static_cast<From*>(nullptr), static_cast<To*>(nullptr), parents_name,
                               where_table);
    s.from.push_back(std::move(parents));
    for (std::size_t key_column : model_traits<T>::primary_key) {
      for_each_column<T>([&](const auto& column) {
        if (std::remove_cvref_t<decltype(column)>::index == key_column) {
          s.order_by.add_column(table, column.name);
        }
      });
    }
    return s;
  }

  static void load(Session& session, std::span<M* const> parents, const SelectData& parent_query,
                   bool root, std::vector<void*>& related, SelectData& level) {
    level = statement(parent_query, root);
    // The parents to fill, grouped by the key their related rows name (as select_in).
    std::map<Key, std::vector<M*>> by_key;
    for (M* parent : parents) {
      auto& h = H::handle(*parent);
      if (RelationAccess::state(h) != HandleState::unloaded) {
        if (RelationAccess::state(h) == HandleState::loaded) H::collect(h, related);
        continue;
      }
      if (!columns_present<From>(*parent)) {
        H::finish(h, related);
        continue;
      }
      by_key[H::template key_values<From>(*parent)].push_back(parent);
    }
    if (by_key.empty()) return;
    session.autoflush();
    Connection& connection = session.connection();
    RenderedStatement rendered = render_select(level, connection.dialect());
    Statement prepared = connection.prepare(rendered.sql);
    prepared.bind_values(rendered.values);
    Result result = prepared.query();
    constexpr int width = static_cast<int>(std::tuple_size_v<Key>);
    while (result.next()) {
      const Row& row = result.row();
      Key key{};
      [&]<std::size_t... I>(std::index_sequence<I...>) {
        (row.visit([&](const auto& reader) {
          read_column(reader, static_cast<int>(I), std::get<I>(key));
        }),
         ...);
      }
      (std::make_index_sequence<std::tuple_size_v<Key>>{});
      T* item = SessionModel<T>::take_row(session, row, width);
      auto found = by_key.find(key);
      if (item == nullptr || found == by_key.end()) continue;
      for (M* parent : found->second) {
        auto& h = H::handle(*parent);
        if constexpr (H::many) {
          RelationAccess::items(h).push_back(item);
        } else {
          RelationAccess::target(h) = item;
        }
      }
    }
    for (auto& [key, owners] : by_key) {
      for (M* parent : owners) H::finish(H::handle(*parent), related);
    }
  }
};

template <Model M>
void SessionModel<M>::select_subquery(Session& session, std::span<M* const> parents,
                                      std::size_t relation, const SelectData& parent_query,
                                      bool root, std::vector<void*>& related, SelectData& level) {
  for_each_relation<M>([&](auto descriptor, std::size_t index) {
    if (index == relation) {
      SubqueryLoad<decltype(descriptor)::value>::load(session, parents, parent_query, root, related,
                                                      level);
    }
  });
}

template <Model M>
void SessionModel<M>::load_subquery_defaults(Session& session, std::span<M* const> objects,
                                             std::span<const std::size_t> skip,
                                             const SelectData& query) {
  for_each_relation<M>([&](auto descriptor, std::size_t index) {
    if constexpr (decltype(descriptor)::value.load == LoadStrategy::subquery) {
      if (std::find(skip.begin(), skip.end(), index) != skip.end()) return;
      std::vector<void*> related;
      SelectData level;
      SubqueryLoad<decltype(descriptor)::value>::load(session, objects, query, true, related,
                                                      level);
    }
  });
}

template <Model M>
void SessionModel<M>::join_object(Session& session, M& parent, std::size_t relation, void* related,
                                  bool first_row) {
  for_each_relation<M>([&](auto descriptor, std::size_t index) {
    if (index != relation) return;
    using H = RelationHandler<decltype(descriptor)::value>;
    auto& h = H::handle(parent);
    if (first_row) {
      H::finish_empty(h);
      LoadTracking<decltype(descriptor)::value>::joined(session, parent);
    }
    if (related == nullptr) return;
    if constexpr (H::many) {
      RelationAccess::items(h).push_back(related);
    } else {
      RelationAccess::target(h) = static_cast<typename H::T*>(related);
    }
  });
}

}  // namespace ormc::detail
