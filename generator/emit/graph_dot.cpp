// `ormc graph --dot`: the schema as a Graphviz digraph with HTML-table nodes.
#include <ostream>
#include <string>

#include "emit/graph.hpp"
#include "emit/graph_edges.hpp"

namespace ormc {
namespace {

using emit_detail::ReferenceEdge;

// Text inside an HTML-like label or attribute value.
std::string html_escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c; break;
    }
  }
  return out;
}

std::string dot_string(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  out += '"';
  return out;
}

bool is_dot_keyword(std::string_view text) {
  std::string lower;
  for (char c : text) lower += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return lower == "node" || lower == "edge" || lower == "graph" || lower == "digraph" ||
         lower == "subgraph" || lower == "strict";
}

// A DOT ID: bare when it is a plain identifier, quoted otherwise.
std::string dot_id(std::string_view text) {
  bool plain =
      !text.empty() && !(text.front() >= '0' && text.front() <= '9') && !is_dot_keyword(text);
  for (char c : text) {
    bool word =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    plain = plain && word;
  }
  return plain ? std::string(text) : dot_string(text);
}

std::string key_markers(const model::Model& model, model::ColumnId id) {
  emit_detail::ColumnKeys keys = emit_detail::column_keys(model, id);
  std::string out;
  auto add = [&](bool set, const char* marker) {
    if (!set) return;
    if (!out.empty()) out += ' ';
    out += marker;
  };
  add(keys.primary, "PK");
  add(keys.foreign, "FK");
  add(keys.unique, "UK");
  return out;
}

// Each row has two ports: edges arrive at the column's name cell (left) and leave from its
// last cell (right), so that with rankdir=LR no edge is drawn across its own table. A '.'
// cannot occur in a column name, so the two never collide.
std::string outgoing_port(const model::Column& column) { return column.sql_name + ".out"; }

void write_node(std::ostream& out, const model::Model& model, const model::Schema& schema) {
  out << "  " << dot_id(model.table_name) << " [label=<\n"
      << R"(    <table border="0" cellborder="1" cellspacing="0" cellpadding="4">)" << '\n'
      << R"(      <tr><td colspan="3" bgcolor="lightgrey"><b>)" << html_escaped(model.table_name)
      << "</b></td></tr>\n";
  for (model::ColumnId id = 0; id < model.columns.size(); ++id) {
    const model::Column& column = model.columns[id];
    std::string type = emit_detail::column_type_text(column.type, schema);
    if (column.nullable) type += '?';
    out << R"(      <tr><td port=")" << html_escaped(column.sql_name) << R"(" align="left">)"
        << html_escaped(column.sql_name) << R"(</td><td align="left">)" << html_escaped(type)
        << R"(</td><td port=")" << html_escaped(outgoing_port(column)) << R"(">)"
        << key_markers(model, id) << "</td></tr>\n";
  }
  out << "    </table>>];\n";
}

// From the child's first key column to the parent's first referenced column. Arrow shapes
// list the symbol nearest the table first: the parent end is "exactly one" (teetee) or
// "zero or one" (teeodot); the child end "zero or more" (crowodot) or "zero or one".
void write_edge(std::ostream& out, const ReferenceEdge& edge, const model::Schema& schema) {
  const model::Model& child = schema.models[edge.child];
  const model::Model& parent = schema.models[edge.parent];
  const model::ForeignKey& key = child.foreign_keys[edge.foreign_key];
  out << "  " << dot_id(child.table_name) << ':'
      << dot_id(outgoing_port(child.columns[key.columns.front()])) << " -> "
      << dot_id(parent.table_name) << ':'
      << dot_id(parent.columns[key.target_columns.front()].sql_name)
      << " [dir=both arrowtail=" << (edge.child_at_most_one ? "teeodot" : "crowodot")
      << " arrowhead=" << (edge.parent_optional ? "teeodot" : "teetee")
      << " label=" << dot_string(edge.label) << "];\n";
}

}  // namespace

void write_dot(std::ostream& out, const model::Schema& schema) {
  out << "digraph schema {\n"
      << "  rankdir=LR;\n"
      << "  node [shape=plaintext];\n";
  for (const model::Model& model : schema.models) write_node(out, model, schema);
  out << '\n';
  for (const ReferenceEdge& edge : emit_detail::reference_edges(schema)) {
    write_edge(out, edge, schema);
  }
  out << "}\n";
}

}  // namespace ormc
