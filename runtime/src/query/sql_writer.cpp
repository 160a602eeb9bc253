// SqlWriter: the one place expression trees become SQL text (see ormc/expr/sql_writer.hpp).
#include "ormc/expr/sql_writer.hpp"

#include <cassert>
#include <string>
#include <utility>

#include "ormc/query/select_data.hpp"
#include "query/render_functions.hpp"

namespace ormc {
namespace {

using detail::Op;

// Binding strength, loosest first; the order SQLite and PostgreSQL share. Comparisons
// are one level here: they never chain without parentheses in what ormc writes.
constexpr int or_level = 1;
constexpr int and_level = 2;
constexpr int not_level = 3;
constexpr int comparison_level = 4;
constexpr int additive_level = 5;
constexpr int multiplicative_level = 6;
constexpr int unary_level = 7;
constexpr int primary_level = 8;

int precedence(Op op) {
  switch (op) {
    case Op::logical_or: return or_level;
    case Op::logical_and: return and_level;
    case Op::logical_not: return not_level;
    case Op::eq:
    case Op::ne:
    case Op::lt:
    case Op::le:
    case Op::gt:
    case Op::ge:
    case Op::like:
    case Op::ilike:
    case Op::in:
    case Op::not_in:
    case Op::between:
    case Op::is_null:
    case Op::is_not_null: return comparison_level;
    case Op::add:
    case Op::subtract: return additive_level;
    case Op::multiply:
    case Op::divide: return multiplicative_level;
    case Op::negate: return unary_level;
    case Op::in_select:
    case Op::not_in_select: return comparison_level;
    case Op::asc:
    case Op::desc: return 0;  // only ever at the top of an ORDER BY item
    default: return primary_level;
  }
}

std::string_view binary_operator(Op op) {
  switch (op) {
    case Op::eq: return " = ";
    case Op::ne: return " <> ";
    case Op::lt: return " < ";
    case Op::le: return " <= ";
    case Op::gt: return " > ";
    case Op::ge: return " >= ";
    case Op::logical_and: return " AND ";
    case Op::logical_or: return " OR ";
    case Op::add: return " + ";
    case Op::subtract: return " - ";
    case Op::multiply: return " * ";
    case Op::divide: return " / ";
    case Op::like: return " LIKE ";
    default: return " ? ";
  }
}

std::string_view function_name(Op op) {
  switch (op) {
    case Op::count:
    case Op::count_distinct: return "COUNT(";
    case Op::sum: return "SUM(";
    case Op::avg: return "AVG(";
    case Op::min: return "MIN(";
    case Op::max: return "MAX(";
    default: return "(";
  }
}

using detail::skip_tree;

std::string_view decimal_function(Op op) {
  switch (op) {
    case Op::add: return "ormc_dec_add(";
    case Op::subtract: return "ormc_dec_sub(";
    case Op::multiply: return "ormc_dec_mul(";
    case Op::divide: return "ormc_dec_div(";
    case Op::negate: return "ormc_dec_neg(";
    case Op::sum: return "ormc_dec_sum(";
    case Op::avg: return "ormc_dec_avg(";
    case Op::min: return "MIN(";
    case Op::max: return "MAX(";
    case Op::fit_decimal: return "ormc_dec_fit(";
    default: return {};
  }
}

bool is_comparison(Op op) {
  return op == Op::eq || op == Op::ne || op == Op::lt || op == Op::le || op == Op::gt ||
         op == Op::ge || op == Op::between;
}

//! Whether every operand of the tree at pos is a decimal or a bound value: then SQLite's
//! comparison (of TEXT, by the ormc_decimal collation) is exact and can use an index.
bool decimal_operands(const detail::ExprData& data, std::size_t pos) {
  const std::uint32_t operands = data.nodes[pos].operands;
  std::size_t at = pos + 1;
  for (std::uint32_t i = 0; i < operands; ++i) {
    const detail::Node& operand = data.nodes[at];
    if (!operand.decimal && operand.op != Op::value) return false;
    skip_tree(data, at);
  }
  return true;
}

constexpr std::string_view decimal_collation = " COLLATE ormc_decimal";

}  // namespace

SqlWriter& SqlWriter::identifier(std::string_view name) {
  dialect_->append_identifier(out_.sql, name);
  return *this;
}

SqlWriter& SqlWriter::qualified(std::string_view table, std::string_view column) {
  dialect_->append_identifier(out_.sql, table);
  out_.sql += '.';
  dialect_->append_identifier(out_.sql, column);
  return *this;
}

SqlWriter& SqlWriter::bind(Value value) {
  out_.values.push_back(std::move(value));
  dialect_->append_placeholder(out_.sql, unbound_ + out_.values.size());
  return *this;
}

SqlWriter& SqlWriter::unbound_placeholders(std::size_t count) {
  // The caller binds them as parameters 1..unbound_count(), before every bound value.
  assert(out_.values.empty());
  for (std::size_t i = 0; i < count; ++i) {
    if (i != 0) out_.sql += ", ";
    dialect_->append_placeholder(out_.sql, unbound_ + out_.values.size() + 1);
    ++unbound_;
  }
  return *this;
}

SqlWriter& SqlWriter::expression(const detail::ExprData& data) {
  std::size_t pos = 0;
  if (!data.nodes.empty()) node(data, pos, 0, false);
  return *this;
}

std::size_t SqlWriter::expression_at(const detail::ExprData& data, std::size_t pos) {
  node(data, pos, 0, false);
  return pos;
}

SqlWriter& SqlWriter::expression_list(const detail::ExprData& data) {
  std::size_t pos = 0;
  while (pos < data.nodes.size()) {
    if (pos != 0) out_.sql += ", ";
    node(data, pos, 0, false);
  }
  return *this;
}

SqlWriter& SqlWriter::select_list(const detail::ExprData& data) {
  std::size_t pos = 0;
  while (pos < data.nodes.size()) {
    if (pos != 0) out_.sql += ", ";
    const detail::Node& n = data.nodes[pos];
    if (n.op == Op::label) {
      ++pos;
      node(data, pos, 0, false);
      out_.sql += " AS ";
      identifier(n.name);
    } else {
      node(data, pos, 0, false);
    }
  }
  return *this;
}

namespace {

//! Whether the select list has an item labelled `name` (at its top, not inside another).
bool selects_label(const detail::ExprData& select_list, std::string_view name) {
  for (std::size_t at = 0; at < select_list.nodes.size(); skip_tree(select_list, at)) {
    const detail::Node& n = select_list.nodes[at];
    if (n.op == Op::label && n.name == name) return true;
  }
  return false;
}

}  // namespace

SqlWriter& SqlWriter::order_list(const detail::ExprData& data,
                                 const detail::ExprData& select_list) {
  std::size_t pos = 0;
  while (pos < data.nodes.size()) {
    if (pos != 0) out_.sql += ", ";
    const detail::Node& n = data.nodes[pos];
    const bool ordered = n.op == Op::asc || n.op == Op::desc;
    const detail::Node& item = data.nodes[ordered ? pos + 1 : pos];
    if (item.op == Op::label && selects_label(select_list, item.name)) {
      // ORDER BY "n": the selected item, not its expression again.
      identifier(item.name);
      skip_tree(data, pos);
      if (ordered) out_.sql += n.op == Op::asc ? " ASC" : " DESC";
    } else {
      node(data, pos, 0, false);
    }
  }
  return *this;
}

SqlWriter& SqlWriter::identifier_list(const std::vector<std::string_view>& names) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i != 0) out_.sql += ", ";
    identifier(names[i]);
  }
  return *this;
}

bool SqlWriter::sqlite_decimal(const detail::ExprData& data, std::size_t& pos, int context,
                               bool strict) {
  const detail::Node& n = data.nodes[pos];
  if (is_comparison(n.op) || n.op == Op::in || n.op == Op::not_in) {
    if (n.op == Op::in || n.op == Op::not_in || decimal_operands(data, pos)) {
      // "price" = ?, "price" BETWEEN ? AND ?: the column's collation compares them.
      return false;
    }
    // A decimal beside an integer expression: SQLite would convert the text to a REAL.
    const bool parens = comparison_level < context || (strict && comparison_level == context);
    ++pos;
    if (parens) out_.sql += '(';
    if (n.op == Op::between) {
      const std::size_t tested = pos;
      out_.sql += "ormc_dec_cmp(";
      node(data, pos, 0, false);
      out_.sql += ", ";
      node(data, pos, 0, false);
      out_.sql += ") >= 0 AND ormc_dec_cmp(";
      std::size_t again = tested;
      node(data, again, 0, false);
      out_.sql += ", ";
      node(data, pos, 0, false);
      out_.sql += ") <= 0";
    } else {
      out_.sql += "ormc_dec_cmp(";
      node(data, pos, 0, false);
      out_.sql += ", ";
      node(data, pos, 0, false);
      out_.sql += ')';
      out_.sql += binary_operator(n.op);
      out_.sql += '0';
    }
    if (parens) out_.sql += ')';
    return true;
  }
  const std::string_view function = decimal_function(n.op);
  if (function.empty()) return false;  // a decimal column, excluded."col": plain SQL
  ++pos;
  out_.sql += function;
  for (std::uint32_t i = 0; i < n.operands; ++i) {
    if (i != 0) out_.sql += ", ";
    node(data, pos, 0, false);
  }
  if (n.op == Op::fit_decimal) {
    out_.sql += ", " + std::to_string(n.precision) + ", " + std::to_string(n.scale) + ')';
    return true;
  }
  out_.sql += ')';
  // The result is TEXT without a collation of its own: give it the decimal one, so that
  // comparisons, ORDER BY, MIN and MAX of it are numeric.
  out_.sql += decimal_collation;
  return true;
}

void SqlWriter::node(const detail::ExprData& data, std::size_t& pos, int context, bool strict) {
  if (data.nodes[pos].op == Op::label) {
    ++pos;  // outside a select list and ORDER BY, a label is its expression
    node(data, pos, context, strict);
    return;
  }
  if (!data.nodes[pos].decimal || dialect_->kind() != DialectKind::sqlite) {
    node_plain(data, pos, context, strict);
    return;
  }
  const bool outer = decimal_text_;
  decimal_text_ = true;
  if (!sqlite_decimal(data, pos, context, strict)) node_plain(data, pos, context, strict);
  decimal_text_ = outer;
}

void SqlWriter::node_plain(const detail::ExprData& data, std::size_t& pos, int context,
                           bool strict) {
  if (data.nodes[pos].op >= detail::first_function_op) {
    detail::render_function(*this, data, pos);  // render_functions.cpp
    return;
  }
  const detail::Node& n = data.nodes[pos++];
  const int own = precedence(n.op);
  const bool parens = own < context || (strict && own == context);
  if (parens) out_.sql += '(';
  switch (n.op) {
    case Op::column: qualified(n.table, n.name); break;
    case Op::excluded:
      out_.sql += "excluded.";
      identifier(n.name);
      break;
    case Op::value:
      if (decimal_text_ && std::holds_alternative<std::int64_t>(data.values[n.value_index])) {
        bind(Value{Decimal(std::get<std::int64_t>(data.values[n.value_index]))});
      } else {
        bind(data.values[n.value_index]);
      }
      if (!n.name.empty() && dialect_->kind() == DialectKind::postgresql) {
        out_.sql += "::";  // a literal(): its type, where the context gives none
        out_.sql += n.name;
      }
      break;
    case Op::count_star: out_.sql += "COUNT(*)"; break;
    case Op::exists:
    case Op::not_exists:
      out_.sql += n.op == Op::exists ? "EXISTS " : "NOT EXISTS ";
      [[fallthrough]];
    case Op::subquery:
      out_.sql += '(';
      detail::write_select(*this, *data.selects[n.value_index]);
      out_.sql += ')';
      break;
    case Op::in_select:
    case Op::not_in_select:
      node(data, pos, comparison_level, true);
      out_.sql += n.op == Op::in_select ? " IN (" : " NOT IN (";
      detail::write_select(*this, *data.selects[n.value_index]);
      out_.sql += ')';
      break;
    case Op::logical_not:
      out_.sql += "NOT ";
      node(data, pos, primary_level, false);
      break;
    case Op::negate:
      out_.sql += '-';
      node(data, pos, primary_level, false);  // never "--": that starts an SQL comment
      break;
    case Op::is_null:
    case Op::is_not_null:
      node(data, pos, comparison_level, true);
      out_.sql += n.op == Op::is_null ? " IS NULL" : " IS NOT NULL";
      break;
    case Op::asc:
    case Op::desc:
      node(data, pos, 0, false);
      out_.sql += n.op == Op::asc ? " ASC" : " DESC";
      break;
    case Op::fit_decimal:
      // PostgreSQL's numeric(p, s) column rounds what is assigned to it by itself.
      node(data, pos, context, strict);
      break;
    case Op::sum:
    case Op::count:
    case Op::count_distinct:
    case Op::avg:
    case Op::min:
    case Op::max:
      out_.sql += function_name(n.op);
      if (n.op == Op::count_distinct) out_.sql += "DISTINCT ";
      node(data, pos, 0, false);
      out_.sql += ')';
      break;
    case Op::in:
    case Op::not_in:
      if (n.operands == 1) {
        // "x IN ()" is not portable: an empty list is simply false (true for NOT IN).
        skip_tree(data, pos);
        out_.sql += n.op == Op::in ? "1 = 0" : "1 = 1";
        break;
      }
      node(data, pos, comparison_level, true);
      out_.sql += n.op == Op::in ? " IN (" : " NOT IN (";
      for (std::uint32_t i = 1; i < n.operands; ++i) {
        if (i != 1) out_.sql += ", ";
        node(data, pos, 0, false);
      }
      out_.sql += ')';
      break;
    case Op::between:
      node(data, pos, comparison_level, true);
      out_.sql += " BETWEEN ";
      node(data, pos, comparison_level, true);
      out_.sql += " AND ";
      node(data, pos, comparison_level, true);
      break;
    case Op::logical_and:
    case Op::logical_or:
      node(data, pos, own, false);
      out_.sql += binary_operator(n.op);
      node(data, pos, own, false);
      break;
    default: {
      // Comparisons do not associate; arithmetic associates to the left.
      assert(n.operands == 2);
      node(data, pos, own, own == comparison_level);
      if (n.op == Op::ilike) {
        out_.sql += ' ';
        out_.sql += dialect_->ilike_operator();
        out_.sql += ' ';
      } else {
        out_.sql += binary_operator(n.op);
      }
      node(data, pos, own, true);
      break;
    }
  }
  if (parens) out_.sql += ')';
}

}  // namespace ormc
