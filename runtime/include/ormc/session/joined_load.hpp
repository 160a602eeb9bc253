// The statement side of joined loading (ormc::joined): the joins a loading path adds to a
// query's SELECT, under an alias when the statement reads the target's table already (a
// relation of a model to itself, a path that comes back to a model), INNER or LEFT as the
// foreign key allows; the limited query wrapped as a derived table so that LIMIT and
// OFFSET count objects, not joined rows; and what a result's rows fill, once each.
#pragma once

#include <array>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "ormc/error.hpp"
#include "ormc/query/select.hpp"
#include "ormc/relation.hpp"

namespace ormc::detail {

//! The names the tables of one joined statement go by: a table's own name the first time,
//! then "ormc_j1", "ormc_j2", ... (FromItem names must outlive the statement: literals).
class JoinNames {
 public:
  explicit JoinNames(std::string_view root) { used_.push_back(root); }

  //! The name for a new occurrence of `table` in the statement.
  std::string_view take(std::string_view table) {
    static constexpr std::array<std::string_view, 16> aliases{
        "ormc_j1",  "ormc_j2",  "ormc_j3",  "ormc_j4",  "ormc_j5",  "ormc_j6",
        "ormc_j7",  "ormc_j8",  "ormc_j9",  "ormc_j10", "ormc_j11", "ormc_j12",
        "ormc_j13", "ormc_j14", "ormc_j15", "ormc_j16"};
    bool taken = false;
    for (std::string_view name : used_) taken = taken || name == table;
    if (!taken) {
      used_.push_back(table);
      return table;
    }
    if (next_alias_ == aliases.size()) {
      throw InvalidRequestError(
          "ormc: joined loading: more than 16 joins of tables the statement "
          "reads already (while joining " +
          std::string(table) + "); load the deeper levels with ormc::selectin");
    }
    return aliases[next_alias_++];
  }

 private:
  std::vector<std::string_view> used_;
  std::size_t next_alias_ = 0;
};

//! The columns of M, qualified with `name` (its table's name or an alias), in model order.
template <Model M>
void append_columns_as(ExprData& out, std::string_view name) {
  for_each_column<M>([&](const auto& column) { out.add_column(name, column.name); });
}

//! Appends M's primary key columns to `order` (an ORDER BY) unless it ends with them
//! already: under LIMIT or OFFSET, a total order makes two statements pick the same rows.
template <Model M>
void append_key_order(ExprData& order) {
  const std::string_view table(model_traits<M>::table_name);
  constexpr auto& key = model_traits<M>::primary_key;
  std::vector<std::string_view> names;
  for (std::size_t key_column : key) {
    for_each_column<M>([&](const auto& column) {
      if (std::remove_cvref_t<decltype(column)>::index == key_column) names.push_back(column.name);
    });
  }
  // The order's items (trees), a column or col.asc() / col.desc() each for the key.
  std::vector<const Node*> items;
  for (std::size_t pos = 0; pos < order.nodes.size(); skip_tree(order, pos)) {
    const Node& node = order.nodes[pos];
    const bool ordered =
        (node.op == Op::asc || node.op == Op::desc) && pos + 1 < order.nodes.size();
    items.push_back(ordered ? &order.nodes[pos + 1] : &node);
  }
  if (items.size() >= names.size()) {
    bool ends_with_key = true;
    const std::size_t start = items.size() - names.size();
    for (std::size_t i = 0; i < names.size(); ++i) {
      const Node& node = *items[start + i];
      ends_with_key =
          ends_with_key && node.op == Op::column && node.table == table && node.name == names[i];
    }
    if (ends_with_key) return;
  }
  for (std::string_view name : names) order.add_column(table, name);
}

//! Joins relation D's hops to `data`, starting from D's model read as `from_name`: INNER
//! when `inner` (D's rows cannot be missing, and no outer join comes before it on the
//! path), LEFT otherwise. Returns the name D's target goes by in the statement.
template <typename D, typename Hop, typename... Hops>
std::string_view join_hops(SelectData& data, JoinNames& names, std::string_view from_name,
                           bool inner, relation_path<Hop, Hops...>* /*path*/) {
  using To = typename Hop::target;
  const std::string_view table(model_traits<To>::table_name);
  const std::string_view to_name = names.take(table);
  FromItem item{inner ? JoinKind::inner : JoinKind::left, table, to_name, nullptr, {}};
  item.on = hop_condition(static_cast<typename Hop::from_columns*>(nullptr),
                          static_cast<typename Hop::to_columns*>(nullptr), from_name, to_name);
  data.from.push_back(std::move(item));
  if constexpr (sizeof...(Hops) == 0) {
    return to_name;
  } else {
    return join_hops<D>(data, names, to_name, inner, static_cast<relation_path<Hops...>*>(nullptr));
  }
}

//! The query `statement` of M's rows (with its WHERE, ORDER BY, LIMIT and OFFSET) as a
//! derived table named after M's table, for joins to follow: SELECT M's columns FROM
//! (statement) AS "table" ... ORDER BY the statement's order. The joins then multiply the
//! limited rows, not the rows LIMIT counts (SQLAlchemy wraps a limited joinedload alike).
template <Model M>
SelectData wrap_limited(const SelectData& statement) {
  const std::string_view table(model_traits<M>::table_name);
  SelectData outer;
  append_columns_as<M>(outer.columns, table);
  outer.from.push_back(
      FromItem{JoinKind::from, {}, table, std::make_shared<const SelectData>(statement), {}});
  // The derived table has M's columns under their own names, so the order's expressions
  // over "table"."column" read the same values outside.
  outer.order_by = statement.order_by;
  return outer;
}

//! What the rows of one joined result filled so far.
struct JoinedRows {
  struct PairHash {
    std::size_t operator()(const std::pair<const void*, const void*>& p) const noexcept {
      return std::hash<const void*>()(p.first) * 31 ^ std::hash<const void*>()(p.second);
    }
  };
  //! Per relation handle: whether this result fills it (not when it was loaded before: a
  //! held object keeps what it has).
  std::unordered_map<const void*, bool> fill;
  //! (collection handle, object) pairs added: a row repeats them when another collection
  //! is joined beside or below.
  std::unordered_set<std::pair<const void*, const void*>, PairHash> added;
};

}  // namespace ormc::detail
