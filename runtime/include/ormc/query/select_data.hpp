// A SELECT without its types: what the typed builders store and render_select() turns into
// SQL. One struct for plain selects, compound selects (UNION ...), and the statements of
// subqueries, derived tables and common table expressions inside them.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "ormc/expr/node.hpp"
#include "ormc/expr/sql_writer.hpp"

namespace ormc::detail {

enum class JoinKind : std::uint8_t { from, inner, left, right, full, cross };
enum class SetOperator : std::uint8_t { union_distinct, union_all, intersect, except };
enum class LockStrength : std::uint8_t { none, update, share };
enum class LockWait : std::uint8_t { wait, nowait, skip_locked };

//! One item of the FROM clause: the first (JoinKind::from) or a join. Strings point at
//! static storage (model_traits' table names, alias and CTE names given as literals).
struct FromItem {
  JoinKind kind = JoinKind::from;
  std::string_view table;  //!< the table's SQL name; empty for a derived table
  std::string_view name;   //!< what its columns are qualified with: table, alias, CTE name
  std::shared_ptr<const SelectData> derived;  //!< a derived table: (SELECT ...) AS "name"
  ExprData on;                                //!< a join's condition (none for from, cross)
};

//! WITH [RECURSIVE] "name"("col", ...) AS (SELECT ...).
struct CommonTable {
  std::string_view name;
  std::vector<std::string_view> columns;
  std::shared_ptr<const SelectData> select;
  bool recursive = false;
};

//! One member of a compound select and the operator that joins it to the ones before.
struct SetPart {
  SetOperator op = SetOperator::union_distinct;  //!< ignored on the first part
  std::shared_ptr<const SelectData> select;
};

struct SelectData {
  std::vector<CommonTable> with;
  ExprData columns;  //!< one tree per selected item
  std::vector<FromItem> from;
  //! `from` lists the models of the selected columns (select(user::name)); the first
  //! select_from() or join() replaces it with the FROM the caller names.
  bool implicit_from = false;
  ExprData where;
  ExprData group_by;  //!< one tree per item
  ExprData having;
  ExprData order_by;  //!< one tree per item, asc/desc at the root when given
  std::optional<std::int64_t> limit;
  std::optional<std::int64_t> offset;
  bool distinct = false;
  ExprData distinct_on;  //!< PostgreSQL's DISTINCT ON (...): one tree per item
  //! A compound select (UNION, INTERSECT, EXCEPT): its members, in order. columns, from,
  //! where, group_by and having are then empty; order_by, limit and offset apply to the
  //! whole.
  std::vector<SetPart> parts;
  LockStrength lock = LockStrength::none;
  LockWait lock_wait = LockWait::wait;
};

//! Appends the statement to w (its placeholders numbered after w's). `output_names`: when
//! the statement is a derived table, the names its columns must have (an item not already
//! named so gets "AS name").
void write_select(SqlWriter& w, const SelectData& select,
                  const std::vector<std::string_view>* output_names = nullptr);

[[nodiscard]] RenderedStatement render_select(const SelectData& select, const Dialect& dialect);

//! The name of each column of the statement's result, as a derived table or a CTE shows
//! it: an item's label, a column's name, else "c<n>" (1-based); a name used twice gets
//! "c<n>" too. Compound selects name theirs after the first member.
[[nodiscard]] std::vector<std::string_view> output_names(const SelectData& select);

}  // namespace ormc::detail
