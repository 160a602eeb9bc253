// Pass 3, after the keys: the `version` column of a model (optimistic locking). The Session
// writes it on every UPDATE, matching the value it read, so it must be a plain integer it
// alone owns: not nullable, not in a key (identity and references must not move), not auto.
#include <algorithm>

#include "check/schema_checker.hpp"

namespace ormc::check_detail {

void SchemaChecker::resolve_version(model::ModelId id) {
  model::Model& model = schema_.models[id];
  const ModelSyntax& syntax = syntax_[id];
  const std::string owner =
      std::string(model.is_table ? "table" : "model") + " '" + model.name + "'";
  std::optional<model::ColumnId> first;
  for (model::ColumnId column_id = 0; column_id < model.columns.size(); ++column_id) {
    const ast::Attribute* version = syntax.columns[column_id].attributes.find("version");
    if (version == nullptr) continue;
    model::Column& column = model.columns[column_id];
    if (first) {
      diagnostics_
          .report(DiagCode::multiple_version_columns, version->span,
                  owner + " already has the version column '" + model.columns[*first].name +
                      "'; a model has at most one: remove `version` from '" + column.name + "'")
          .note(model.columns[*first].span,
                "'" + model.columns[*first].name + "' is the version column");
      continue;
    }
    first = column_id;
    if (!model::is_integer(column.type.kind)) {
      diagnostics_.report(DiagCode::version_not_integer, version->span,
                          "a version column counts updates, so it needs an integer type; '" +
                              column.name + "' is " +
                              (column.type.kind == model::TypeKind::enumeration
                                   ? std::string("an enum")
                                   : std::string(model::type_kind_name(column.type.kind))) +
                              ": declare it as `" + column.name + " int64 version;`");
      continue;
    }
    if (column.nullable) {
      diagnostics_.report(DiagCode::version_nullable, version->span,
                          "version column '" + column.name +
                              "' cannot be nullable (an UPDATE matches its old value); remove "
                              "the '?'");
      continue;
    }
    const bool in_foreign_key =
        std::any_of(model.foreign_keys.begin(), model.foreign_keys.end(),
                    [&](const model::ForeignKey& key) {
                      return std::find(key.columns.begin(), key.columns.end(), column_id) !=
                             key.columns.end();
                    }) ||
        syntax.columns[column_id].attributes.has("references");
    const char* role = column.primary_key ? "part of the primary key"
                       : column.autoincrement || syntax.columns[column_id].attributes.has("auto")
                           ? "assigned by the database (auto)"
                       : in_foreign_key ? "part of a foreign key"
                                        : nullptr;
    if (role != nullptr) {
      diagnostics_.report(DiagCode::version_on_key, version->span,
                          "version column '" + column.name + "' is " + role +
                              ", but the Session changes a version column at every update; "
                              "give the version a column of its own: `row_version int64 "
                              "version;`");
      continue;
    }
    column.version = true;
    // A row inserted without the Session (plain SQL) starts at version 1 too.
    if (!column.default_value) {
      model::Expr one;
      one.kind = model::ExprKind::integer;
      one.text = "1";
      one.span = version->span;
      column.default_value = model::DefaultValue{std::move(one)};
    }
  }
}

}  // namespace ormc::check_detail
