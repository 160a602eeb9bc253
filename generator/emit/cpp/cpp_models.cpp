// Models: the plain aggregate struct, its namespace of typed column descriptors, and the
// ormc::model_traits specialisation (docs/design/generated-code.md).
#include <algorithm>

#include "emit/cpp/cpp_sections.hpp"
#include "emit/cpp/cpp_values.hpp"

namespace ormc::cpp {
namespace {

std::string field_comment(const model::Column& column) {
  if (column.autoincrement) return "assigned by the database";
  if (column.version) return "version counter: the Session sets and checks it";
  bool now = column.default_value && column.default_value->expr.kind == model::ExprKind::now;
  if (now && column.on_update_now) return "default(now), on_update(now)";
  if (now) return "default(now)";
  if (column.on_update_now) return "on_update(now)";
  return {};
}

// The namespace the model's declarations name types from: its own, unless a column is
// named like the struct or like an enum of that namespace. The member (in the struct) and
// the descriptor (in the column namespace) would then hide the type for the lines after
// them, so every type is written fully qualified instead ("" qualifies everything).
std::string naming_scope(const model::Model& model, const model::Schema& schema) {
  for (const model::Column& column : model.columns) {
    if (column.name == model.cpp_struct) return {};
    for (const model::Enum& enumeration : schema.enums) {
      if (enumeration.cpp_namespace == model.cpp_namespace && enumeration.name == column.name)
        return {};
    }
  }
  return model.cpp_namespace;
}

std::string column_flags(const model::Column& column) {
  std::vector<std::string> set;
  if (column.nullable) set.emplace_back(".nullable = true");
  if (column.primary_key) set.emplace_back(".primary_key = true");
  if (column.autoincrement) set.emplace_back(".autoincrement = true");
  if (column.default_value && column.default_value->expr.kind != model::ExprKind::null) {
    set.emplace_back(".server_default = true");
  }
  if (column.default_value && column.default_value->expr.kind == model::ExprKind::now) {
    set.emplace_back(".default_now = true");
  }
  if (column.on_update_now) set.emplace_back(".on_update_now = true");
  if (column.type.kind == model::TypeKind::decimal) {
    set.emplace_back(".scale = " + std::to_string(column.type.scale));
    set.emplace_back(".precision = " + std::to_string(column.type.precision));
  }
  std::string out = "{";
  for (std::size_t i = 0; i < set.size(); ++i) out += (i > 0 ? ", " : "") + set[i];
  return out + "}";
}

void append_struct(std::string& out, const model::Model& model, const model::Schema& schema) {
  append_doc(out, model.doc);
  const std::string scope = naming_scope(model, schema);
  out += "struct " + model.cpp_struct + " {\n";
  std::vector<CommentedLine> lines;
  auto flush = [&] {
    append_aligned(out, lines);
    lines.clear();
  };
  for (const model::Column& column : model.columns) {
    if (!column.doc.empty()) {
      flush();
      append_doc(out, column.doc, "  ");
    }
    CommentedLine line{"  " + member_type(column, schema, scope) + " " + column.name +
                           member_initializer(column, schema, scope) + ";",
                       field_comment(column)};
    if (line.code.size() + (line.comment.empty() ? 0 : line.comment.size() + 4) > line_limit) {
      flush();
      if (!line.comment.empty()) out += "  // " + line.comment + "\n";
      out += wrap_code(line.code);
      continue;
    }
    lines.push_back(std::move(line));
  }
  flush();
  if (!model.relations.empty()) {
    out +=
        "\n  // Relations (ormc/relationship.hpp): loaded on first access, kept in sync both "
        "ways.\n";
    for (const model::Relation& relation : model.relations) {
      if (!relation.doc.empty()) append_doc(out, relation.doc, "  ");
      const model::Model& target = schema.models.at(relation.target);
      const std::string handle = relation.many ? "::ormc::ToMany<" : "::ormc::ToOne<";
      CommentedLine line{"  " + handle + "::" + target.cpp_namespace + "::" + target.cpp_struct +
                             "> " + relation.name + "{};",
                         relation_text(relation, model, schema, 0)};
      if (line.code.size() + line.comment.size() + 4 > line_limit) {
        out += "  // " + line.comment + "\n" + line.code + "\n";
      } else {
        lines.push_back(std::move(line));
      }
    }
    flush();
  }
  out += "};\n";
}

void append_columns(std::string& out, const model::Model& model, const model::Schema& schema) {
  const std::string scope = naming_scope(model, schema);
  const std::string type = qualified(model.cpp_namespace, model.cpp_struct, scope);
  out += "\n/// Typed descriptors of " + model.cpp_struct + "'s columns, for queries.\n";
  out += "namespace " + model.cpp_columns + " {\n";
  for (std::size_t i = 0; i < model.columns.size(); ++i) {
    const model::Column& column = model.columns[i];
    std::string head = "inline constexpr ::ormc::Column<" + type + ", " +
                       member_type(column, schema, scope) + ", " + std::to_string(i) + "> " +
                       column.name + "{";
    std::vector<std::string> arguments = {"&" + type + "::" + column.name,
                                          cpp_string_literal(column.sql_name)};
    std::string flags = column_flags(column);
    if (flags != "{}") arguments.push_back(flags);
    out += wrap_list("", head, arguments, "};");
  }
  out += "}  // namespace " + model.cpp_columns + "\n";
}

}  // namespace

std::string relation_text(const model::Relation& relation, const model::Model& model,
                          const model::Schema& schema, std::size_t name_width) {
  const model::Model& target = schema.models.at(relation.target);
  std::string out = relation.name;
  out.resize(std::max(name_width, out.size()), ' ');
  out += " -> " + target.name;
  if (relation.many) {
    out += "[]";
  } else if (relation.optional) {
    out += "?";
  }
  if (relation.through) {
    out += " through(" + schema.models.at(*relation.through).name + ")";
  } else if (relation.owns_foreign_key) {
    const model::ForeignKey& key = model.foreign_keys.at(relation.foreign_key);
    std::string columns;
    for (model::ColumnId id : key.columns) {
      columns += (columns.empty() ? "" : ", ") + model.columns.at(id).name;
    }
    out += " by(" + columns + ")";
  }
  if (relation.back) out += " back(" + target.relations.at(*relation.back).name + ")";
  if (relation.load != model::LoadStrategy::lazy) {
    out += " load(" + std::string(model::load_strategy_name(relation.load)) + ")";
  }
  return out;
}

void append_model(std::string& out, const model::Model& model, const model::Schema& schema) {
  append_struct(out, model, schema);
  if (!model.columns.empty()) append_columns(out, model, schema);
}

void append_model_traits(std::string& out, const model::Model& model, int dependency_rank) {
  const std::string qualified_struct = model.cpp_namespace + "::" + model.cpp_struct;
  const std::string columns_namespace = model.cpp_namespace + "::" + model.cpp_columns + "::";
  out += "template <>\nstruct ormc::model_traits<" + qualified_struct + "> {\n";
  out +=
      "  static constexpr ::std::string_view table_name = " + cpp_string_literal(model.table_name) +
      ";\n";
  out += "  static constexpr ::std::string_view model_name = " + cpp_string_literal(model.name) +
         ";\n";
  std::vector<std::string> columns;
  for (const model::Column& column : model.columns) {
    columns.push_back(columns_namespace + column.name);
  }
  out += wrap_list("  ", "using columns = ::ormc::column_list<", columns, ">;");
  std::vector<std::string> relations;
  for (const model::Relation& relation : model.relations) {
    relations.push_back(columns_namespace + relation.name);
  }
  out += wrap_list("  ", "using relations = ::ormc::relation_list<", relations, ">;");
  std::vector<std::string> key;
  for (model::ColumnId id : model.primary_key) key.push_back(std::to_string(id));
  out += wrap_list("  ",
                   "static constexpr ::std::array<::std::size_t, " + std::to_string(key.size()) +
                       "> primary_key{",
                   key, "};");
  int autoincrement = -1;
  for (std::size_t i = 0; i < model.columns.size(); ++i) {
    if (model.columns[i].autoincrement) autoincrement = static_cast<int>(i);
  }
  out += "  static constexpr int autoincrement = " + std::to_string(autoincrement) + ";\n";
  out += "  static constexpr int dependency_rank = " + std::to_string(dependency_rank) + ";\n";
  for (std::size_t i = 0; i < model.columns.size(); ++i) {
    if (model.columns[i].version) {
      out += "  static constexpr int version_column = " + std::to_string(i) + ";\n";
    }
  }
  out += "};\n";
}

}  // namespace ormc::cpp
