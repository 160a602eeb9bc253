// SqlWriter: the one place expression trees become SQL text (see ormc/expr/sql_writer.hpp).
#include "ormc/expr/sql_writer.hpp"

#include <cassert>
#include <string>
#include <utility>

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

//! Moves pos past the tree at pos without rendering it.
void skip(const detail::ExprData& data, std::size_t& pos) {
  const std::uint32_t operands = data.nodes[pos].operands;
  ++pos;
  for (std::uint32_t i = 0; i < operands; ++i) skip(data, pos);
}

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
  dialect_->append_placeholder(out_.sql, out_.values.size());
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

SqlWriter& SqlWriter::identifier_list(const std::vector<std::string_view>& names) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i != 0) out_.sql += ", ";
    identifier(names[i]);
  }
  return *this;
}

void SqlWriter::node(const detail::ExprData& data, std::size_t& pos, int context, bool strict) {
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
    case Op::value: bind(data.values[n.value_index]); break;
    case Op::count_star: out_.sql += "COUNT(*)"; break;
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
    case Op::sum:
      if (n.scale >= 0 && dialect().kind() == DialectKind::sqlite) {
        // SQLite sums decimals as doubles; a sum of s-digit decimals has s digits.
        out_.sql += "ROUND(SUM(";
        node(data, pos, 0, false);
        out_.sql += "), " + std::to_string(n.scale) + ')';
        break;
      }
      [[fallthrough]];
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
        skip(data, pos);
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
