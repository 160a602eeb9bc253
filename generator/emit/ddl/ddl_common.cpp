// The dialect-independent shape of the DDL: CREATE TABLE with its columns and constraints,
// CREATE INDEX, foreign keys (inline, or added afterwards when they point forward), drops.
#include "emit/ddl/ddl_common.hpp"

#include <cassert>

namespace ormc::ddl {
namespace {

const char* action_sql(model::ReferentialAction action) {
  switch (action) {
    case model::ReferentialAction::no_action: return "NO ACTION";
    case model::ReferentialAction::restrict: return "RESTRICT";
    case model::ReferentialAction::cascade: return "CASCADE";
    case model::ReferentialAction::set_null: return "SET NULL";
    case model::ReferentialAction::set_default: return "SET DEFAULT";
  }
  return "NO ACTION";
}

std::string index_column_list(const model::Model& model,
                              const std::vector<model::IndexColumn>& columns) {
  std::string out;
  for (const model::IndexColumn& column : columns) {
    if (!out.empty()) out += ", ";
    out += quote_identifier(model.columns.at(column.column).sql_name);
    if (column.descending) out += " DESC";
  }
  return out;
}

// A decimal literal as the text a decimal(p, s) column holds: "-3.2" -> "-3.20" for s = 2.
std::string decimal_text(std::string_view literal, std::uint32_t scale) {
  std::string text(literal.starts_with('+') ? literal.substr(1) : literal);
  const std::size_t dot = text.find('.');
  const std::size_t fraction = dot == std::string::npos ? 0 : text.size() - dot - 1;
  if (dot == std::string::npos && scale > 0) text += '.';
  if (fraction < scale) text.append(scale - fraction, '0');
  return text;
}

// UUIDs are stored in their canonical lower-case text form.
std::string lower_ascii(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

bool single_column_key(const model::Model& model, model::ColumnId id) {
  return model.primary_key.size() == 1 && model.primary_key.front() == id;
}

}  // namespace

std::string quote_identifier(std::string_view name) {
  std::string out = "\"";
  for (char c : name) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string quote_string(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string column_list(const model::Model& model, const std::vector<model::ColumnId>& columns) {
  std::string out;
  for (model::ColumnId column : columns) {
    if (!out.empty()) out += ", ";
    out += quote_identifier(model.columns.at(column).sql_name);
  }
  return out;
}

bool is_unique_constraint(const model::Index& index) {
  if (!index.unique || !index.constraint || index.where) return false;
  // PostgreSQL's UNIQUE constraint takes plain column names; a DESC makes it an index.
  for (const model::IndexColumn& column : index.columns) {
    if (column.descending) return false;
  }
  return true;
}

void DdlEmitter::type_checks(const model::Model&, const model::Column&,
                             std::vector<std::string>&) const {}

std::string DdlEmitter::temporal_literal(model::TypeKind, std::string_view text) const {
  return quote_string(text);
}

void DdlEmitter::create_prelude(const std::vector<model::EnumId>&,
                                std::vector<std::string>&) const {}

void DdlEmitter::drop_postlude(const std::vector<model::EnumId>&, std::vector<std::string>&) const {
}

std::string DdlEmitter::default_value(const model::Model& model, const model::Column& column,
                                      const model::Expr& value) const {
  switch (value.kind) {
    case model::ExprKind::now: return now_default(column.type.kind);
    case model::ExprKind::integer:
    case model::ExprKind::decimal:
      if (style_.decimal_functions && column.type.kind == model::TypeKind::decimal) {
        return quote_string(decimal_text(value.text, column.type.scale));
      }
      return expression(value, model);
    case model::ExprKind::string:
      if (column.type.kind == model::TypeKind::bytes) return bytes_literal(value.text);
      if (column.type.kind == model::TypeKind::uuid) return quote_string(lower_ascii(value.text));
      if (model::is_temporal(column.type.kind)) {
        return temporal_literal(column.type.kind, value.text);
      }
      return quote_string(value.text);
    default: return expression(value, model);
  }
}

std::string DdlEmitter::foreign_key_clause(const model::Model& model,
                                           const model::ForeignKey& key) const {
  const model::Model& target = schema_.models.at(key.target);
  std::string out = "CONSTRAINT " + quote_identifier(key.name) + " FOREIGN KEY (" +
                    column_list(model, key.columns) + ") REFERENCES " +
                    quote_identifier(target.table_name) + " (" +
                    column_list(target, key.target_columns) + ")";
  if (key.on_delete != model::ReferentialAction::no_action) {
    out += " ON DELETE ";
    out += action_sql(key.on_delete);
  }
  if (key.on_update != model::ReferentialAction::no_action) {
    out += " ON UPDATE ";
    out += action_sql(key.on_update);
  }
  return out;
}

std::string DdlEmitter::column_definition(const model::Model& model,
                                          const model::Column& column) const {
  const auto id = static_cast<model::ColumnId>(&column - model.columns.data());
  std::string out = quote_identifier(column.sql_name) + " ";
  if (column.autoincrement && single_column_key(model, id)) {
    return out + auto_key_definition(column);
  }
  out += column_type(column);
  if (single_column_key(model, id)) out += " PRIMARY KEY";
  if (!column.nullable) out += " NOT NULL";
  if (column.default_value)
    out += " DEFAULT " + default_value(model, column, column.default_value->expr);
  return out;
}

std::string DdlEmitter::create_table(const model::Model& model,
                                     const std::vector<bool>& created) const {
  std::vector<std::string> lines;
  for (const model::Column& column : model.columns) {
    lines.push_back(column_definition(model, column));
  }
  if (model.primary_key.size() > 1) {
    lines.push_back("PRIMARY KEY (" + column_list(model, model.primary_key) + ")");
  }
  for (const model::Index& index : model.indexes) {
    if (!is_unique_constraint(index)) continue;
    lines.push_back("CONSTRAINT " + quote_identifier(index.name) + " UNIQUE (" +
                    index_column_list(model, index.columns) + ")");
  }
  for (const model::Column& column : model.columns) type_checks(model, column, lines);
  for (const model::CheckConstraint& check : model.checks) {
    lines.push_back("CONSTRAINT " + quote_identifier(check.name) + " CHECK (" +
                    expression(check.expr, model) + ")");
  }
  const auto self = static_cast<model::ModelId>(&model - schema_.models.data());
  for (const model::ForeignKey& key : model.foreign_keys) {
    if (key.target == self || created.at(key.target) || allows_forward_references()) {
      lines.push_back(foreign_key_clause(model, key));
    }
  }
  std::string out = "CREATE TABLE IF NOT EXISTS " + quote_identifier(model.table_name) + " (\n";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out += "  " + lines[i] + (i + 1 < lines.size() ? ",\n" : "\n");
  }
  return out + ")";
}

void DdlEmitter::create_indexes(const model::Model& model, std::vector<std::string>& out) const {
  for (const model::Index& index : model.indexes) {
    if (is_unique_constraint(index)) continue;
    std::string statement = index.unique ? "CREATE UNIQUE INDEX" : "CREATE INDEX";
    statement += " IF NOT EXISTS " + quote_identifier(index.name) + " ON " +
                 quote_identifier(model.table_name) + " (" +
                 index_column_list(model, index.columns) + ")";
    if (index.where) statement += " WHERE " + expression(*index.where, model);
    out.push_back(std::move(statement));
  }
}

DdlStatements DdlEmitter::emit(const std::vector<model::ModelId>& tables,
                               const std::vector<model::EnumId>& enums) const {
  DdlStatements result;
  create_prelude(enums, result.create);
  // A foreign key to a table created later (a cycle between tables) is added once every
  // table exists, and dropped before any table is.
  std::vector<bool> created(schema_.models.size(), false);
  std::vector<std::pair<model::ModelId, const model::ForeignKey*>> deferred;
  for (model::ModelId id : tables) {
    const model::Model& model = schema_.models.at(id);
    result.create.push_back(create_table(model, created));
    for (const model::ForeignKey& key : model.foreign_keys) {
      if (key.target != id && !created.at(key.target) && !allows_forward_references()) {
        deferred.emplace_back(id, &key);
      }
    }
    created[id] = true;
  }
  for (auto [id, key] : deferred) {
    result.create.push_back(add_foreign_key(schema_.models.at(id), *key));
  }
  for (model::ModelId id : tables) create_indexes(schema_.models.at(id), result.create);

  for (auto [id, key] : deferred) {
    result.drop.push_back(drop_foreign_key(schema_.models.at(id), *key));
  }
  // Reverse iterators, not std::ranges::reverse_view: clang 14 (the ASan build) cannot
  // compile libstdc++ 12's <ranges>.
  for (auto it = tables.rbegin(); it != tables.rend(); ++it) {
    const model::ModelId id = *it;
    result.drop.push_back("DROP TABLE IF EXISTS " +
                          quote_identifier(schema_.models.at(id).table_name));
  }
  drop_postlude(enums, result.drop);
  return result;
}

}  // namespace ormc::ddl
