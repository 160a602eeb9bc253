// SqlWriter: builds one statement's text and its bound values for a dialect. Identifiers
// are always quoted; every value becomes a placeholder ("?1" on SQLite, "$1" on PostgreSQL),
// numbered in the order it appears in the text, and is never spliced into the SQL.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "ormc/dialect.hpp"
#include "ormc/expr/node.hpp"
#include "ormc/value.hpp"

namespace ormc {
namespace detail {
class FunctionRenderer;  // the SQL functions' rendering: runtime/src/query/render_functions.cpp
}  // namespace detail

//! What a statement builder renders to: the SQL text and the values its placeholders
//! bind, values[0] for placeholder 1.
struct RenderedStatement {
  std::string sql;
  std::vector<Value> values;
};

class SqlWriter {
 public:
  explicit SqlWriter(const Dialect& dialect) : dialect_(&dialect) {}

  [[nodiscard]] const Dialect& dialect() const { return *dialect_; }

  SqlWriter& text(std::string_view sql) {
    out_.sql += sql;
    return *this;
  }
  SqlWriter& identifier(std::string_view name);
  //! "table"."column"
  SqlWriter& qualified(std::string_view table, std::string_view column);
  //! A placeholder for value, which is bound at that position.
  SqlWriter& bind(Value value);
  //! `count` placeholders separated by ", " whose values the caller binds itself (an
  //! insert's objects, bound straight from their members); later bind()s number after them.
  SqlWriter& unbound_placeholders(std::size_t count);
  //! The first expression tree of data.
  SqlWriter& expression(const detail::ExprData& data);
  //! The tree of data that starts at node `pos`; returns the position after it.
  std::size_t expression_at(const detail::ExprData& data, std::size_t pos);
  //! Every tree of data, separated by ", ".
  SqlWriter& expression_list(const detail::ExprData& data);
  //! A select list: every tree of data, a label as "expr AS name".
  SqlWriter& select_list(const detail::ExprData& data);
  //! An ORDER BY list: every tree of data; a label (under ASC/DESC or not) as its name when
  //! `select_list` selects it (a label inside another item is its expression).
  SqlWriter& order_list(const detail::ExprData& data, const detail::ExprData& select_list);
  //! Identifiers separated by ", ".
  SqlWriter& identifier_list(const std::vector<std::string_view>& names);

  //! The common tables (WITH) the statements being written define, by their SELECT: a
  //! subquery that reads one reads the enclosing statement's instead of defining it again.
  [[nodiscard]] bool defines(const detail::SelectData* table) const {
    for (const detail::SelectData* t : defined_) {
      if (t == table) return true;
    }
    return false;
  }
  void define(const detail::SelectData* table) { defined_.push_back(table); }
  [[nodiscard]] std::size_t defined_count() const { return defined_.size(); }
  //! Leaves the scope of a statement: forgets the tables defined after the first `count`.
  void forget_defined(std::size_t count) { defined_.resize(count); }

  [[nodiscard]] std::size_t bound_count() const { return out_.values.size(); }
  //! Placeholders written by unbound_placeholders().
  [[nodiscard]] std::size_t unbound_count() const { return unbound_; }
  [[nodiscard]] RenderedStatement finish() && { return std::move(out_); }

 private:
  friend class detail::FunctionRenderer;
  //! Renders the tree at data.nodes[pos], advancing pos past it. A tree whose operator
  //! binds less tightly than its context (or as tightly, where `strict`) gets parentheses.
  void node(const detail::ExprData& data, std::size_t& pos, int context, bool strict);
  //! SQLite: a Node::decimal tree through ormc's decimal functions and collation
  //! (sqlite/decimal_functions.hpp). False when the tree is plain SQL after all (a decimal
  //! column, a comparison the collation decides), which node() then renders.
  void node_plain(const detail::ExprData& data, std::size_t& pos, int context, bool strict);
  bool sqlite_decimal(const detail::ExprData& data, std::size_t& pos, int context, bool strict);

  const Dialect* dialect_;
  RenderedStatement out_;
  //! Inside an SQLite comparison of decimals: integers are bound as decimal text, which the
  //! ormc_decimal collation compares (an INTEGER beside TEXT would compare as a type).
  bool decimal_text_ = false;
  std::size_t unbound_ = 0;
  std::vector<const detail::SelectData*> defined_;
};

}  // namespace ormc
