// Expressions, attributes and string literals printed back as .orm text.
#include "format/format_expr.hpp"

#include <cassert>

#include "support/schema_string.hpp"

namespace ormc::format_detail {
namespace {

void append_expr(std::string& out, const ast::Expr& expr);

void append_list(std::string& out, const std::vector<ast::ExprPtr>& operands, std::size_t from) {
  for (std::size_t i = from; i < operands.size(); ++i) {
    if (i > from) out += ", ";
    append_expr(out, *operands[i]);
  }
}

void append_path(std::string& out, const std::vector<ast::Name>& path) {
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (i > 0) out += '.';
    out += path[i].text;
  }
}

void append_expr(std::string& out, const ast::Expr& expr) {
  const auto& operands = expr.operands;
  switch (expr.kind) {
    case ast::ExprKind::integer:
    case ast::ExprKind::decimal:
    case ast::ExprKind::boolean: out += expr.text; return;
    case ast::ExprKind::string: out += quote_schema_string(expr.text); return;
    case ast::ExprKind::null: out += "null"; return;
    case ast::ExprKind::name: append_path(out, expr.path); return;
    case ast::ExprKind::call:
      append_path(out, expr.path);
      out += '(';
      append_list(out, operands, 0);
      out += ')';
      return;
    case ast::ExprKind::unary:
      assert(operands.size() == 1);
      out += expr.text;
      if (expr.text == "not") out += ' ';
      append_expr(out, *operands[0]);
      return;
    case ast::ExprKind::binary:
      assert(operands.size() == 2);
      append_expr(out, *operands[0]);
      out += ' ';
      out += expr.text;
      out += ' ';
      append_expr(out, *operands[1]);
      return;
    case ast::ExprKind::is_null:
      assert(operands.size() == 1);
      append_expr(out, *operands[0]);
      out += expr.negated ? " is not null" : " is null";
      return;
    case ast::ExprKind::in_list:
      assert(!operands.empty());
      append_expr(out, *operands[0]);
      out += expr.negated ? " not in (" : " in (";
      append_list(out, operands, 1);
      out += ')';
      return;
    case ast::ExprKind::between:
      assert(operands.size() == 3);
      append_expr(out, *operands[0]);
      out += expr.negated ? " not between " : " between ";
      append_expr(out, *operands[1]);
      out += " and ";
      append_expr(out, *operands[2]);
      return;
    case ast::ExprKind::like:
      assert(operands.size() == 2);
      append_expr(out, *operands[0]);
      out += expr.negated ? " not like " : " like ";
      append_expr(out, *operands[1]);
      return;
    case ast::ExprKind::paren:
      assert(operands.size() == 1);
      out += '(';
      append_expr(out, *operands[0]);
      out += ')';
      return;
  }
}

}  // namespace

std::string format_expr(const ast::Expr& expr) {
  std::string out;
  append_expr(out, expr);
  return out;
}

std::string format_attribute(const ast::Attribute& attribute) {
  std::string out = attribute.name.text;
  if (attribute.has_parens || !attribute.args.empty()) {
    out += '(';
    append_list(out, attribute.args, 0);
    out += ')';
  }
  return out;
}

std::string format_attributes(const std::vector<ast::Attribute>& attributes) {
  std::string out;
  for (const ast::Attribute& attribute : attributes) {
    if (!out.empty()) out += ' ';
    out += format_attribute(attribute);
  }
  return out;
}

std::string join_names(const std::vector<ast::Name>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ", ";
    out += names[i].text;
  }
  return out;
}

}  // namespace ormc::format_detail
