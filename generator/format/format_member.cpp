// Members of a model or table block printed as layout cells.
#include "format/format_member.hpp"

#include <cassert>
#include <optional>
#include <string>
#include <variant>

#include "format/format_expr.hpp"
#include "support/schema_string.hpp"

namespace ormc::format_detail {
namespace {

std::string type_text(const ast::TypeRef& type, bool nullable) {
  std::string text = type.name.text;
  if (type.has_parens || !type.args.empty()) {
    text += '(';
    for (std::size_t i = 0; i < type.args.size(); ++i) {
      if (i > 0) text += ", ";
      text += type.args[i].text;
    }
    text += ')';
  }
  if (nullable) text += '?';
  return text;
}

std::string optional_name(const std::optional<ast::Name>& name) {
  return name ? " " + name->text : std::string();
}

std::string with_attributes(std::string text, const std::vector<ast::Attribute>& attributes) {
  if (!attributes.empty()) text += " " + format_attributes(attributes);
  return text;
}

std::string index_columns(const std::vector<ast::IndexColumn>& columns) {
  std::string text;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) text += ", ";
    text += columns[i].name.text;
    if (columns[i].descending) {
      text += " desc";
    } else if (columns[i].explicit_order) {
      text += " asc";
    }
  }
  return text;
}

// Fills the cells and align class of one member kind.
struct MemberCells {
  BlockItem& item;

  void operator()(const ast::Column& column) const {
    item.align_class = align_column;
    item.cells = {column.name.text, type_text(column.type, column.nullable),
                  format_attributes(column.attributes)};
  }
  void operator()(const ast::Relation& relation) const {
    std::string target = "-> " + relation.target.text;
    if (relation.cardinality == ast::Cardinality::many) target += "[]";
    if (relation.cardinality == ast::Cardinality::optional) target += "?";
    item.align_class = align_relation;
    item.cells = {relation.name.text, std::move(target), format_attributes(relation.attributes)};
  }
  void operator()(const ast::TableName& table) const {
    item.cells = {"table " +
                  (table.quoted ? quote_schema_string(table.name.text) : table.name.text)};
  }
  void operator()(const ast::PrimaryKey& primary) const {
    item.cells = {"primary(" + join_names(primary.columns) + ")"};
  }
  void operator()(const ast::Index& index) const {
    std::string text = (index.unique ? "unique" : "index") + optional_name(index.name) + " (" +
                       index_columns(index.columns) + ")";
    item.cells = {with_attributes(std::move(text), index.attributes)};
  }
  void operator()(const ast::Check& check) const {
    assert(check.expr != nullptr);
    item.cells = {"check" + optional_name(check.name) + " (" + format_expr(*check.expr) + ")"};
  }
  void operator()(const ast::ForeignKey& key) const {
    std::string text =
        "foreign_key" + optional_name(key.name) + " (" + join_names(key.columns) + ")";
    item.cells = {with_attributes(std::move(text), key.attributes)};
  }
};

}  // namespace

BlockItem member_item(const ast::Member& member) {
  BlockItem item;
  item.trivia = &member.trivia;
  item.blank_line_before = member.trivia.blank_line_before;
  item.terminator = ";";
  item.first_line = member.span.begin.line;
  item.last_line = member.span.end.line;
  std::visit(MemberCells{item}, member.node);
  return item;
}

}  // namespace ormc::format_detail
