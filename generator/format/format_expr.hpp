// Expressions, attributes and string literals of the AST printed back as .orm text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "parse/ast.hpp"

namespace ormc::format_detail {

//! One expression, printed from the tree: single spaces around binary operators and
//! keywords, parentheses exactly where the tree has ExprKind::paren nodes.
[[nodiscard]] std::string format_expr(const ast::Expr& expr);

//! `name` or `name(arg, arg)`.
[[nodiscard]] std::string format_attribute(const ast::Attribute& attribute);

//! Attributes separated by single spaces ("" when there are none).
[[nodiscard]] std::string format_attributes(const std::vector<ast::Attribute>& attributes);

//! Names joined by ", ".
[[nodiscard]] std::string join_names(const std::vector<ast::Name>& names);

}  // namespace ormc::format_detail
