// The canonical .orm layout printed by `ormc fmt`: declarations and blocks.
//
// Layout rules (canonical form; format_file(parse(format_file(x))) == format_file(x)):
// - 2-space indentation, LF line endings, no trailing spaces, exactly one final newline
//   (an empty file stays empty).
// - Top level: `namespace a::b;` and `import "x.orm";` on single lines. One blank line
//   between declarations where the source had at least one, none otherwise; a block printed
//   on several lines (model, table, enum) always has one blank line before and after it.
// - `model Name attrs {` / `table name attrs {`, members one per line, `}`; a block with
//   neither members nor comments prints `model X {}`.
// - Members keep one blank line where the source had one, never right after `{`.
//   A section is a run of columns (or of relations) with no blank line between them;
//   comment lines do not break it. In a section names are padded to the widest name and
//   `type?` (or `-> Target[]`) to the widest one, the padding only written when attributes
//   follow; attributes are separated by single spaces.
// - Other members: `table users;` / `table "a b";`, `primary(a, b);`,
//   `unique name? (a, b desc) attrs;`, `index name? (a asc) attrs;`, `check name? (expr);`,
//   `foreign_key name? (a, b) attrs;` (`asc` only where it was written).
// - `enum Name attrs { a, b, c }` on one line when no value and no end of the block has a
//   comment and the line fits in 100 columns; otherwise one value per line, each with ','.
// - Comments: leading comments on their own lines above the item, at its indentation;
//   a trailing comment after the item, at least two spaces after the code and aligned with
//   the other trailing comments of its section; end-of-block comments before `}`, end-of-file
//   comments last. A blank line is kept between two comments, between comments and their
//   item, and before end comments where the source had one.
// - Expressions as in format_expr.hpp: single spaces around binary operators, parentheses
//   exactly where the source had them.
#include "format/formatter.hpp"

#include <string_view>
#include <variant>

#include "format/block_layout.hpp"
#include "format/format_expr.hpp"
#include "format/format_member.hpp"
#include "support/schema_string.hpp"

namespace ormc {
namespace {

using format_detail::BlockItem;

constexpr std::size_t max_line_width = 100;

// Splits text written by write_block into lines (without their '\n').
std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    std::size_t end = text.find('\n');
    lines.emplace_back(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return lines;
}

std::string header(std::string_view keyword, const ast::Name& name,
                   const std::vector<ast::Attribute>& attributes) {
  std::string text(keyword);
  text += ' ';
  text += name.text;
  if (!attributes.empty()) text += " " + format_detail::format_attributes(attributes);
  return text;
}

bool enum_has_comments(const ast::Enum& enumeration) {
  if (!enumeration.end_comments.empty()) return true;
  for (const ast::EnumValue& value : enumeration.values) {
    if (!value.trivia.leading.empty() || value.trivia.trailing) return true;
  }
  return false;
}

// A block body: `head {`, the items one level deeper, `}` (the last line, left to the caller).
void set_block(BlockItem& item, std::string head, const std::vector<BlockItem>& items,
               const std::vector<ast::Comment>& end_comments) {
  std::string body;
  format_detail::write_block(body, items, end_comments, 1);
  item.head_lines.push_back(std::move(head) + " {");
  for (std::string& line : split_lines(body)) item.head_lines.push_back(std::move(line));
  item.cells = {"}"};
}

void lay_out(BlockItem& item, const ast::Enum& enumeration) {
  std::string head = header("enum", enumeration.name, enumeration.attributes);
  if (!enum_has_comments(enumeration)) {
    std::string line = head + " {";
    for (std::size_t i = 0; i < enumeration.values.size(); ++i) {
      line += i == 0 ? " " : ", ";
      line += enumeration.values[i].name.text;
    }
    line += enumeration.values.empty() ? "}" : " }";
    if (format_detail::text_width(line) <= max_line_width) {
      item.cells = {std::move(line)};
      return;
    }
  }
  std::vector<BlockItem> values;
  for (const ast::EnumValue& value : enumeration.values) {
    BlockItem value_item;
    value_item.trivia = &value.trivia;
    value_item.blank_line_before = value.trivia.blank_line_before;
    value_item.cells = {value.name.text};
    value_item.terminator = ",";
    value_item.first_line = value.name.span.begin.line;
    value_item.last_line = value.name.span.end.line;
    values.push_back(std::move(value_item));
  }
  set_block(item, std::move(head), values, enumeration.end_comments);
}

void lay_out(BlockItem& item, const ast::Model& model) {
  std::string head = header(model.is_table ? "table" : "model", model.name, model.attributes);
  if (model.members.empty() && model.end_comments.empty()) {
    item.cells = {head + " {}"};
    return;
  }
  std::vector<BlockItem> members;
  members.reserve(model.members.size());
  for (const ast::Member& member : model.members) {
    members.push_back(format_detail::member_item(member));
  }
  set_block(item, std::move(head), members, model.end_comments);
}

void lay_out(BlockItem& item, const ast::Namespace& name_space) {
  std::string text = "namespace ";
  for (std::size_t i = 0; i < name_space.parts.size(); ++i) {
    if (i > 0) text += "::";
    text += name_space.parts[i].text;
  }
  item.cells = {text + ";"};
}

void lay_out(BlockItem& item, const ast::Import& import) {
  item.cells = {"import " + quote_schema_string(import.path) + ";"};
}

BlockItem declaration_item(const ast::Declaration& declaration) {
  BlockItem item;
  item.trivia = &declaration.trivia;
  item.blank_line_before = declaration.trivia.blank_line_before;
  item.first_line = declaration.span.begin.line;
  item.last_line = declaration.span.end.line;
  std::visit([&item](const auto& node) { lay_out(item, node); }, declaration.node);
  return item;
}

}  // namespace

std::string format_file(const ast::File& file) {
  std::vector<BlockItem> items;
  items.reserve(file.declarations.size());
  for (const ast::Declaration& declaration : file.declarations) {
    items.push_back(declaration_item(declaration));
  }
  // A declaration printed on several lines stands apart from its neighbours.
  for (std::size_t i = 1; i < items.size(); ++i) {
    if (!items[i].head_lines.empty() || !items[i - 1].head_lines.empty()) {
      items[i].blank_line_before = true;
    }
  }
  std::string out;
  format_detail::write_block(out, items, file.end_comments, 0);
  return out;
}

}  // namespace ormc
