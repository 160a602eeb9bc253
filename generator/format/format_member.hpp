// Members of a model or table block as fmt lays them out (cells for alignment).
#pragma once

#include "format/block_layout.hpp"
#include "parse/ast.hpp"

namespace ormc::format_detail {

//! Align classes: columns align with columns, relations with relations, nothing else aligns.
enum AlignClass : int { align_none = 0, align_column = 1, align_relation = 2 };

//! The layout item of one member: `name type? attrs;`, `name -> Target[] attrs;`, or a
//! constraint / table-name line in a single cell.
[[nodiscard]] BlockItem member_item(const ast::Member& member);

}  // namespace ormc::format_detail
