// `ormc dump --json`: the resolved schema as JSON, in the format of docs/dump-format.md.
#include "emit/json_dump.hpp"

#include "emit/expr_text.hpp"
#include "support/json_writer.hpp"

namespace ormc {
namespace {

using model::Model;
using model::Schema;

void optional_string(JsonWriter& json, std::string_view name,
                     const std::optional<std::string>& text) {
  json.key(name);
  if (text) {
    json.value(*text);
  } else {
    json.null();
  }
}

void column_names(JsonWriter& json, const Model& model, const std::vector<model::ColumnId>& ids) {
  json.begin_array();
  for (model::ColumnId id : ids) json.value(model.columns[id].name);
  json.end_array();
}

void write_type(JsonWriter& json, const model::ColumnType& type, const Schema& schema) {
  json.begin_object();
  json.field("kind", model::type_kind_name(type.kind));
  if (type.kind == model::TypeKind::string) json.field("length", type.length);
  if (type.kind == model::TypeKind::decimal) {
    json.field("precision", type.precision);
    json.field("scale", type.scale);
  }
  if (type.kind == model::TypeKind::enumeration) {
    json.field("enum", schema.enums[type.enum_id].name);
  }
  json.end_object();
}

// A default as {kind, value}: value is the literal's text, the enum value's name, or the
// kind itself for null and now, so readers that only display it need no special cases.
void write_default(JsonWriter& json, const model::Expr& expr, const Model& model,
                   const Schema& schema) {
  using model::ExprKind;
  std::string_view kind;
  std::string value = expr.text;
  switch (expr.kind) {
    case ExprKind::integer: kind = "integer"; break;
    case ExprKind::decimal: kind = "decimal"; break;
    case ExprKind::string: kind = "string"; break;
    case ExprKind::boolean: kind = "boolean"; break;
    case ExprKind::null:
      kind = "null";
      value = "null";
      break;
    case ExprKind::now:
      kind = "now";
      value = "now";
      break;
    case ExprKind::enum_value:
      kind = "enum_value";
      value = schema.enums[expr.enum_id].values[expr.value_index].name;
      break;
    default:
      // The checker admits only literals, now and enum values; anything else is printed
      // as .orm text so that a newer checker cannot make the dump lose information.
      kind = "expression";
      value = expr_to_schema_text(expr, model, schema);
      break;
  }
  json.begin_object();
  json.field("kind", kind);
  json.field("value", value);
  json.end_object();
}

void write_column(JsonWriter& json, const model::Column& column, const Model& model,
                  const Schema& schema) {
  json.begin_object();
  json.field("name", column.name);
  json.field("sql_name", column.sql_name);
  json.key("type");
  write_type(json, column.type, schema);
  json.field("nullable", column.nullable);
  json.field("primary_key", column.primary_key);
  json.field("autoincrement", column.autoincrement);
  json.field("unique", column.unique);
  json.key("default");
  if (column.default_value) {
    write_default(json, column.default_value->expr, model, schema);
  } else {
    json.null();
  }
  json.field("on_update_now", column.on_update_now);
  optional_string(json, "renamed_from", column.renamed_from);
  json.field("doc", column.doc);
  json.end_object();
}

void write_foreign_key(JsonWriter& json, const model::ForeignKey& key, const Model& model,
                       const Schema& schema) {
  const Model& target = schema.models[key.target];
  json.begin_object();
  json.field("name", key.name);
  json.key("columns");
  column_names(json, model, key.columns);
  json.field("target", target.name);
  json.field("target_table", target.table_name);
  json.key("target_columns");
  column_names(json, target, key.target_columns);
  json.field("on_delete", model::action_name(key.on_delete));
  json.field("on_update", model::action_name(key.on_update));
  json.end_object();
}

void write_index(JsonWriter& json, const model::Index& index, const Model& model,
                 const Schema& schema) {
  json.begin_object();
  json.field("name", index.name);
  json.key("columns");
  json.begin_array();
  for (const model::IndexColumn& column : index.columns) {
    json.begin_object();
    json.field("name", model.columns[column.column].name);
    json.field("descending", column.descending);
    json.end_object();
  }
  json.end_array();
  json.field("unique", index.unique);
  json.field("constraint", index.constraint);
  json.key("where");
  if (index.where) {
    json.value(expr_to_schema_text(*index.where, model, schema));
  } else {
    json.null();
  }
  json.end_object();
}

void write_check(JsonWriter& json, const model::CheckConstraint& check, const Model& model,
                 const Schema& schema) {
  json.begin_object();
  json.field("name", check.name);
  json.key("column");
  if (check.column) {
    json.value(model.columns[*check.column].name);
  } else {
    json.null();
  }
  json.field("expression", expr_to_schema_text(check.expr, model, schema));
  json.end_object();
}

void write_cascade(JsonWriter& json, const model::Cascade& cascade) {
  json.begin_array();
  if (cascade.save_update) json.value("save_update");
  if (cascade.merge) json.value("merge");
  if (cascade.refresh_expire) json.value("refresh_expire");
  if (cascade.expunge) json.value("expunge");
  if (cascade.delete_) json.value("delete");
  if (cascade.delete_orphan) json.value("delete_orphan");
  json.end_array();
}

void write_relation(JsonWriter& json, const model::Relation& relation, const Schema& schema) {
  const Model& target = schema.models[relation.target];
  const Model& owner = schema.models[relation.fk_owner];
  json.begin_object();
  json.field("name", relation.name);
  json.field("kind", model::relation_kind_name(relation.kind));
  json.field("target", target.name);
  json.field("many", relation.many);
  json.field("optional", relation.optional);
  json.key("foreign_key");
  json.begin_object();
  json.field("owner", owner.name);
  json.field("name", owner.foreign_keys[relation.foreign_key].name);
  json.key("columns");
  column_names(json, owner, owner.foreign_keys[relation.foreign_key].columns);
  json.end_object();
  json.key("through");
  if (relation.through) {
    const Model& table = schema.models[*relation.through];
    json.begin_object();
    json.field("table", table.name);
    json.key("local_columns");
    column_names(json, table, table.foreign_keys[relation.through_local].columns);
    json.key("remote_columns");
    column_names(json, table, table.foreign_keys[relation.through_remote].columns);
    json.end_object();
  } else {
    json.null();
  }
  json.key("back");
  if (relation.back) {
    json.value(target.relations[*relation.back].name);
  } else {
    json.null();
  }
  json.key("cascade");
  write_cascade(json, relation.cascade);
  json.field("load", model::load_strategy_name(relation.load));
  json.field("doc", relation.doc);
  json.end_object();
}

void write_model(JsonWriter& json, const Model& model, const Schema& schema) {
  json.begin_object();
  json.field("name", model.name);
  json.field("kind", model.is_table ? "table" : "model");
  json.field("table", model.table_name);
  json.field("namespace", model.cpp_namespace);
  json.field("doc", model.doc);
  optional_string(json, "renamed_from", model.renamed_from);
  json.key("columns");
  json.begin_array();
  for (const model::Column& column : model.columns) write_column(json, column, model, schema);
  json.end_array();
  json.key("primary_key");
  column_names(json, model, model.primary_key);
  json.key("foreign_keys");
  json.begin_array();
  for (const auto& key : model.foreign_keys) write_foreign_key(json, key, model, schema);
  json.end_array();
  json.key("indexes");
  json.begin_array();
  for (const auto& index : model.indexes) write_index(json, index, model, schema);
  json.end_array();
  json.key("checks");
  json.begin_array();
  for (const auto& check : model.checks) write_check(json, check, model, schema);
  json.end_array();
  json.key("relations");
  json.begin_array();
  for (const auto& relation : model.relations) write_relation(json, relation, schema);
  json.end_array();
  json.end_object();
}

void write_enum(JsonWriter& json, const model::Enum& enumeration) {
  json.begin_object();
  json.field("name", enumeration.name);
  json.field("sql_name", enumeration.sql_name);
  json.field("namespace", enumeration.cpp_namespace);
  json.key("values");
  json.begin_array();
  for (const model::EnumValue& value : enumeration.values) {
    json.begin_object();
    json.field("name", value.name);
    json.field("doc", value.doc);
    json.end_object();
  }
  json.end_array();
  optional_string(json, "renamed_from", enumeration.renamed_from);
  json.field("doc", enumeration.doc);
  json.end_object();
}

}  // namespace

void write_schema_json(std::ostream& out, const Schema& schema) {
  JsonWriter json(out);
  json.begin_object();
  json.field("format_version", schema_dump_format_version);
  json.key("files");
  json.begin_array();
  for (const std::string& file : schema.files) json.value(file);
  json.end_array();
  json.key("enums");
  json.begin_array();
  for (const model::Enum& enumeration : schema.enums) write_enum(json, enumeration);
  json.end_array();
  json.key("models");
  json.begin_array();
  for (const Model& model : schema.models) write_model(json, model, schema);
  json.end_array();
  json.key("dependency_order");
  json.begin_array();
  for (model::ModelId id : schema.dependency_order()) json.value(schema.models[id].name);
  json.end_array();
  json.end_object();
}

}  // namespace ormc
