// `ormc graph --mermaid`: the schema as a Mermaid erDiagram.
#include <ostream>
#include <string>
#include <vector>

#include "emit/graph.hpp"
#include "emit/graph_edges.hpp"

namespace ormc {
namespace {

using emit_detail::ReferenceEdge;

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

bool is_plain_name(std::string_view text) {
  if (text.empty() || (text.front() >= '0' && text.front() <= '9') || text.front() == '-') {
    return false;
  }
  for (char c : text) {
    if (!is_name_char(c)) return false;
  }
  return true;
}

// Mermaid strings have no escapes: a double quote cannot appear inside one.
std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (char c : text) out += c == '"' ? '\'' : c;
  out += '"';
  return out;
}

// Entity names and labels are quoted only when they are not a plain word.
std::string word_or_quoted(std::string_view text) {
  return is_plain_name(text) ? std::string(text) : quoted(text);
}

// Attribute names cannot be quoted: characters Mermaid does not accept become '_'.
std::string attribute_name(std::string_view text) {
  std::string out;
  if (text.empty() || (text.front() >= '0' && text.front() <= '9')) out += '_';
  for (char c : text) out += is_name_char(c) ? c : '_';
  return out;
}

// Mermaid attribute types cannot hold "(80)" or "(10,2)": the type's arguments and its
// nullability move into the attribute's comment.
void write_attribute(std::ostream& out, const model::Model& model, model::ColumnId id,
                     const model::Schema& schema) {
  const model::Column& column = model.columns[id];
  std::string type = emit_detail::column_type_text(column.type, schema);
  std::string comment;
  if (auto paren = type.find('('); paren != std::string::npos) {
    comment = type.substr(paren);
    type.erase(paren);
  }
  if (column.nullable) comment += comment.empty() ? "nullable" : " nullable";

  std::vector<const char*> markers;
  emit_detail::ColumnKeys keys = emit_detail::column_keys(model, id);
  if (keys.primary) markers.push_back("PK");
  if (keys.foreign) markers.push_back("FK");
  if (keys.unique) markers.push_back("UK");

  out << "    " << attribute_name(type) << ' ' << attribute_name(column.sql_name);
  for (std::size_t i = 0; i < markers.size(); ++i) out << (i == 0 ? " " : ", ") << markers[i];
  if (!comment.empty()) out << ' ' << quoted(comment);
  out << '\n';
}

void write_entity(std::ostream& out, const model::Model& model, const model::Schema& schema) {
  out << "  " << word_or_quoted(model.table_name) << " {\n";
  for (model::ColumnId id = 0; id < model.columns.size(); ++id) {
    write_attribute(out, model, id, schema);
  }
  out << "  }\n";
}

// Parent on the left: exactly one (`||`) or, with a nullable key, zero or one (`|o`);
// child on the right: zero or more (`o{`) or, when the key is unique, zero or one (`o|`).
void write_edge(std::ostream& out, const ReferenceEdge& edge, const model::Schema& schema) {
  out << "  " << word_or_quoted(schema.models[edge.parent].table_name) << ' '
      << (edge.parent_optional ? "|o" : "||") << "--" << (edge.child_at_most_one ? "o|" : "o{")
      << ' ' << word_or_quoted(schema.models[edge.child].table_name) << " : "
      << word_or_quoted(edge.label) << '\n';
}

}  // namespace

void write_mermaid(std::ostream& out, const model::Schema& schema) {
  out << "erDiagram\n";
  for (const model::Model& model : schema.models) write_entity(out, model, schema);
  for (const ReferenceEdge& edge : emit_detail::reference_edges(schema)) {
    write_edge(out, edge, schema);
  }
}

}  // namespace ormc
