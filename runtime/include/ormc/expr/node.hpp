// The type-erased form every typed expression is built into: a flat list of nodes in
// prefix order (an operator, then its operands) and the values they bind. The typed layer
// checks everything at compile time; this form is what statements store and what the
// SqlWriter renders, so that rendering is compiled once, in the library.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <string_view>
#include <utility>
#include <vector>

#include "ormc/value.hpp"

namespace ormc::detail {

enum class Op : std::uint8_t {
  // Leaves.
  column,      //!< "table"."name"
  excluded,    //!< excluded."name", in an upsert's DO UPDATE
  value,       //!< a bound value: values[value_index]
  count_star,  //!< COUNT(*)
  // One operand.
  logical_not,
  negate,
  is_null,
  is_not_null,
  asc,
  desc,
  count,
  count_distinct,
  sum,
  avg,
  min,
  max,
  // Two operands.
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  logical_and,
  logical_or,
  add,
  subtract,
  multiply,
  divide,
  like,
  ilike,
  // 1 + n operands: the tested expression, then the list.
  in,
  not_in,
  // Three operands: x BETWEEN low AND high.
  between,
  // One operand, assigned to a decimal(precision, scale) column: the value that column
  // stores (PostgreSQL rounds to the scale by itself; SQLite calls ormc_dec_fit).
  fit_decimal,
  // Statements inside expressions (ormc/query/subquery.hpp): value_index is the index of
  // the SELECT in ExprData::selects.
  subquery,    //!< leaf: (SELECT ...), a scalar subquery
  exists,      //!< leaf: EXISTS (SELECT ...)
  not_exists,  //!< leaf: NOT EXISTS (SELECT ...)
  in_select,   //!< one operand, the tested expression: x IN (SELECT ...)
  not_in_select,
  // One operand named `name`: "expr AS name" in a select list, "name" in ORDER BY, the
  // expression itself elsewhere (expr.as("n")).
  label,
  // SQL functions, CASE, CAST and window functions: rendered by render_functions.cpp
  // (see ormc/expr/function_node.hpp for what precision and scale hold for them).
  round,              //!< x [, digits]
  abs,                //!< x
  coalesce,           //!< a, b, ...
  nullif,             //!< a, b
  lower,              //!< s
  upper,              //!< s
  length,             //!< s
  trim,               //!< s
  ltrim,              //!< s
  rtrim,              //!< s
  substr,             //!< s, start [, length]
  replace,            //!< s, from, to
  concat,             //!< a, b, ...: a || b || ...
  cast,               //!< x
  current_date,       //!< no operand
  current_timestamp,  //!< no operand
  extract,            //!< a date, time or timestamp
  add_days,           //!< a date or timestamp, a number of days
  add_seconds,        //!< a timestamp, a number of seconds
  days_between,       //!< two dates: a - b in days
  case_when,          //!< condition, value, condition, value, ... [, else value]
  string_agg,         //!< s, separator
  row_number,         //!< no operand; only under window_over
  rank,               //!< no operand; only under window_over
  dense_rank,         //!< no operand; only under window_over
  window_over,        //!< function, partition items..., order items...
};

//! The first of the operators render_functions.cpp renders.
inline constexpr Op first_function_op = Op::round;

//! One node. Strings point at storage that outlives every statement: the descriptors'
//! names and model_traits' table names are string literals in generated code.
struct Node {
  Op op{};
  std::uint32_t operands = 0;  //!< how many subtrees follow this node
  //! Op::value: the index into ExprData::values; subquery nodes: into ExprData::selects.
  std::uint32_t value_index = 0;
  std::string_view table;  //!< Op::column
  std::string_view name;   //!< Op::column, Op::excluded
  //! The node's value is a Decimal (a decimal column, arithmetic or an aggregate giving
  //! one), or it compares Decimals: SQLite renders such nodes with ormc's exact decimal
  //! functions and collation (sqlite/decimal_functions.hpp).
  bool decimal = false;
  std::int16_t precision = 0;  //!< Op::fit_decimal: the column's decimal(precision, scale)
  std::int16_t scale = 0;      //!< Op::fit_decimal
};

//! A sequence of expression trees (one for a condition, several for a column list) and the
//! values they bind. An empty ExprData is "no expression": an empty Condition.
struct SelectData;

struct ExprData {
  std::vector<Node> nodes;
  std::vector<Value> values;
  //! The statements of subquery nodes, shared: a statement is immutable once used inside
  //! another, and copying an expression does not copy its subqueries.
  std::vector<std::shared_ptr<const SelectData>> selects;

  [[nodiscard]] bool empty() const { return nodes.empty(); }

  void add_column(std::string_view table, std::string_view name, bool decimal = false) {
    nodes.push_back(Node{Op::column, 0, 0, table, name, decimal});
  }
  void add_value(Value value) {
    nodes.push_back(Node{Op::value, 0, static_cast<std::uint32_t>(values.size()), {}, {}});
    values.push_back(std::move(value));
  }
  void add_operator(Op op, std::uint32_t operands) {
    nodes.push_back(Node{op, operands, 0, {}, {}});
  }
  //! A subquery node (Op::subquery, exists, not_exists; in_select with its one operand).
  void add_select(Op op, std::shared_ptr<const SelectData> select, std::uint32_t operands = 0) {
    nodes.push_back(Node{op, operands, static_cast<std::uint32_t>(selects.size()), {}, {}});
    selects.push_back(std::move(select));
  }
  //! Appends other's trees after ours, renumbering its values.
  void append(const ExprData& other) {
    append_nodes(other);
    values.insert(values.end(), other.values.begin(), other.values.end());
    selects.insert(selects.end(), other.selects.begin(), other.selects.end());
  }
  void append(ExprData&& other) {
    if (nodes.empty() && values.empty() && selects.empty()) {
      *this = std::move(other);
      return;
    }
    append_nodes(other);
    values.insert(values.end(), std::make_move_iterator(other.values.begin()),
                  std::make_move_iterator(other.values.end()));
    selects.insert(selects.end(), std::make_move_iterator(other.selects.begin()),
                   std::make_move_iterator(other.selects.end()));
  }

  //! Whether a node refers to ExprData::selects (else value_index indexes values).
  [[nodiscard]] static bool refers_to_select(Op op) {
    return op == Op::subquery || op == Op::exists || op == Op::not_exists || op == Op::in_select ||
           op == Op::not_in_select;
  }

 private:
  //! Appends other's nodes, renumbered to follow our values and subqueries.
  void append_nodes(const ExprData& other) {
    const auto value_offset = static_cast<std::uint32_t>(values.size());
    const auto select_offset = static_cast<std::uint32_t>(selects.size());
    nodes.reserve(nodes.size() + other.nodes.size());
    for (Node node : other.nodes) {
      if (node.op == Op::value) node.value_index += value_offset;
      if (refers_to_select(node.op)) node.value_index += select_offset;
      nodes.push_back(node);
    }
  }
};

//! Moves pos past the tree that starts at nodes[pos].
inline void skip_tree(const ExprData& data, std::size_t& pos) {
  std::size_t pending = 1;  // trees still to pass
  while (pending > 0) {
    pending += data.nodes[pos++].operands;
    --pending;
  }
}

//! target = target AND condition; an empty side is no condition (where() called again, or
//! with an empty Condition).
inline void and_into(ExprData& target, ExprData&& condition) {
  if (condition.empty()) return;
  if (target.empty()) {
    target = std::move(condition);
    return;
  }
  ExprData both;
  both.add_operator(Op::logical_and, 2);
  both.append(std::move(target));
  both.append(std::move(condition));
  target = std::move(both);
}

}  // namespace ormc::detail
