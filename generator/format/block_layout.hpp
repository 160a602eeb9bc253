// Lays out the items of one block (the file, a model, an enum): blank lines, comments,
// column alignment within sections and aligned trailing comments.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "parse/ast.hpp"

namespace ormc::format_detail {

//! One item of a block as fmt prints it: leading comments on their own lines, then the
//! item's lines, the last of which may carry the trailing comment.
struct BlockItem {
  const ast::Trivia* trivia = nullptr;  //!< comments of the item (never null when written)
  bool blank_line_before = false;       //!< ignored for the first item of a block
  //! Items align only with neighbours of the same class; a change of class starts a section.
  int align_class = 0;
  //! Lines above the last one, for items printed on several lines; indented relative to
  //! the item; "" is a blank line.
  std::vector<std::string> head_lines;
  //! The last line in cells: within a section cell k is padded to the widest cell k of
  //! the section when the item has a further cell. Empty cells at the end are dropped.
  std::vector<std::string> cells;
  std::string terminator;  //!< appended to the last cell: ";", "," or ""
  //! Source lines of the item (0 = unknown), to keep a blank line between its comments
  //! and it, or between it and a block's end comments, where the source had one.
  std::uint32_t first_line = 0;
  std::uint32_t last_line = 0;
};

//! Appends `items` then `end_comments` to `out`, each line indented by 2 * `depth` spaces
//! and ended by '\n'. A section is a maximal run of items of one align_class with no blank
//! line between them or above them among their comments (comment lines alone do not break
//! it); cells and trailing comments align within a section.
void write_block(std::string& out, const std::vector<BlockItem>& items,
                 const std::vector<ast::Comment>& end_comments, std::size_t depth);

//! Width of `text` in columns (code points).
[[nodiscard]] std::size_t text_width(const std::string& text);

}  // namespace ormc::format_detail
