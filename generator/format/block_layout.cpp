// Block layout for `ormc fmt`: sections, cell alignment, comments and blank lines.
#include "format/block_layout.hpp"

#include <algorithm>
#include <cassert>

#include "support/utf8.hpp"

namespace ormc::format_detail {
namespace {

// The item's cells without empty cells at the end.
std::size_t cell_count(const BlockItem& item) {
  std::size_t count = item.cells.size();
  while (count > 0 && item.cells[count - 1].empty()) --count;
  return count;
}

// Whether the source had a blank line between a thing ending on `above` and one starting on
// `below` (lines 0 are unknown: no blank line).
bool gap_between(std::uint32_t above, std::uint32_t below) {
  return above != 0 && below != 0 && below > above + 1;
}

void write_line(std::string& out, std::size_t depth, const std::string& text) {
  if (!text.empty()) {
    out.append(2 * depth, ' ');
    out += text;
  }
  out += '\n';
}

// Comments on their own lines; one blank line kept where the source had a gap between them.
void write_comments(std::string& out, const std::vector<ast::Comment>& comments,
                    std::size_t depth) {
  for (std::size_t i = 0; i < comments.size(); ++i) {
    if (i > 0 && gap_between(comments[i - 1].span.end.line, comments[i].span.begin.line)) {
      out += '\n';
    }
    write_line(out, depth, comments[i].text);
  }
}

// The last line of `item` with its cells padded to the section's `widths`.
std::string last_line_code(const BlockItem& item, const std::vector<std::size_t>& widths) {
  std::string code;
  std::size_t count = cell_count(item);
  for (std::size_t k = 0; k < count; ++k) {
    code += item.cells[k];
    if (k + 1 < count) code.append(widths[k] - text_width(item.cells[k]) + 1, ' ');
  }
  code += item.terminator;
  return code;
}

// Writes items [begin, end), one section, with cells and trailing comments aligned.
void write_section(std::string& out, const std::vector<BlockItem>& items, std::size_t begin,
                   std::size_t end, std::size_t depth) {
  std::vector<std::size_t> widths;
  for (std::size_t i = begin; i < end; ++i) {
    std::size_t count = cell_count(items[i]);
    if (widths.size() < count) widths.resize(count, 0);
    for (std::size_t k = 0; k < count; ++k) {
      widths[k] = std::max(widths[k], text_width(items[i].cells[k]));
    }
  }
  std::vector<std::string> codes;
  std::size_t comment_column = 0;
  for (std::size_t i = begin; i < end; ++i) {
    codes.push_back(last_line_code(items[i], widths));
    if (items[i].trivia->trailing) {
      comment_column = std::max(comment_column, text_width(codes.back()) + 2);
    }
  }

  for (std::size_t i = begin; i < end; ++i) {
    const BlockItem& item = items[i];
    if (i > 0 && item.blank_line_before) out += '\n';
    const auto& leading = item.trivia->leading;
    write_comments(out, leading, depth);
    if (!leading.empty() && gap_between(leading.back().span.end.line, item.first_line)) {
      out += '\n';
    }
    for (const std::string& line : item.head_lines) write_line(out, depth, line);
    std::string line = std::move(codes[i - begin]);
    if (item.trivia->trailing) {
      line.append(comment_column - text_width(line), ' ');
      line += item.trivia->trailing->text;
    }
    write_line(out, depth, line);
  }
}

// Whether a blank line is printed between the item's comments or between them and the item.
bool blank_line_in_comments(const BlockItem& item) {
  const auto& leading = item.trivia->leading;
  for (std::size_t i = 1; i < leading.size(); ++i) {
    if (gap_between(leading[i - 1].span.end.line, leading[i].span.begin.line)) return true;
  }
  return !leading.empty() && gap_between(leading.back().span.end.line, item.first_line);
}

std::uint32_t last_source_line(const BlockItem& item) {
  std::uint32_t line = item.last_line;
  if (item.trivia->trailing) line = std::max(line, item.trivia->trailing->span.end.line);
  return line;
}

}  // namespace

std::size_t text_width(const std::string& text) { return utf8::count_code_points(text); }

void write_block(std::string& out, const std::vector<BlockItem>& items,
                 const std::vector<ast::Comment>& end_comments, std::size_t depth) {
  std::size_t begin = 0;
  assert(std::all_of(items.begin(), items.end(),
                     [](const BlockItem& item) { return item.trivia != nullptr; }));
  for (std::size_t i = 1; i <= items.size(); ++i) {
    if (i == items.size() || items[i].blank_line_before || blank_line_in_comments(items[i]) ||
        items[i].align_class != items[i - 1].align_class) {
      write_section(out, items, begin, i, depth);
      begin = i;
    }
  }
  if (!items.empty() && !end_comments.empty() &&
      gap_between(last_source_line(items.back()), end_comments.front().span.begin.line)) {
    out += '\n';
  }
  write_comments(out, end_comments, depth);
}

}  // namespace ormc::format_detail
