// Pass 3: primary keys, unique constraints and indexes, foreign keys, check constraints.
#include <algorithm>
#include <limits>
#include <set>

#include "check/names.hpp"
#include "check/schema_checker.hpp"

namespace ormc::check_detail {
namespace {

constexpr AttributeRule index_rules[] = {{"unique", 0, 0}, {"where", 1, 1}};
constexpr AttributeRule unique_rules[] = {{"where", 1, 1}};
constexpr AttributeRule foreign_key_rules[] = {
    {"references", 1, std::numeric_limits<std::size_t>::max()},
    {"on_delete", 1, 1},
    {"on_update", 1, 1}};

std::string joined_columns(const model::Model& model, const std::vector<model::ColumnId>& ids) {
  std::string result;
  for (model::ColumnId id : ids) {
    if (!result.empty()) result += '_';
    result += model.columns[id].sql_name;
  }
  return result;
}

std::set<model::ColumnId> as_set(const std::vector<model::ColumnId>& ids) {
  return {ids.begin(), ids.end()};
}

}  // namespace

std::optional<model::ColumnId> SchemaChecker::find_column(model::ModelId id,
                                                          const ast::Name& name) {
  const model::Model& model = schema_.models[id];
  std::vector<std::string> names;
  for (model::ColumnId column = 0; column < model.columns.size(); ++column) {
    if (model.columns[column].name == name.text) return column;
    names.push_back(model.columns[column].name);
  }
  auto suggestion = suggest(name.text, names);
  bool is_relation = std::any_of(model.relations.begin(), model.relations.end(),
                                 [&](const model::Relation& r) { return r.name == name.text; });
  std::string message = "'" + model.name + "' has no column '" + name.text + "'";
  if (is_relation) {
    message += "; '" + name.text + "' is a relation, name its foreign key column instead";
  } else if (suggestion) {
    message += "; did you mean '" + *suggestion + "'?";
  }
  auto builder = diagnostics_.report(DiagCode::unknown_column, name.span, message);
  if (suggestion && !is_relation) builder.fixit(*suggestion);
  return std::nullopt;
}

std::optional<std::vector<model::ColumnId>> SchemaChecker::find_columns(
    model::ModelId id, const std::vector<ast::Name>& names) {
  std::vector<model::ColumnId> result;
  bool ok = true;
  for (const ast::Name& name : names) {
    auto column = find_column(id, name);
    if (!column) {
      ok = false;
      continue;
    }
    if (std::find(result.begin(), result.end(), *column) != result.end()) {
      diagnostics_.report(DiagCode::duplicate_column_in_key, name.span,
                          "column '" + name.text + "' is listed twice");
      ok = false;
      continue;
    }
    result.push_back(*column);
  }
  if (!ok) return std::nullopt;
  return result;
}

void SchemaChecker::resolve_primary_key(model::ModelId id) {
  model::Model& model = schema_.models[id];
  const ModelSyntax& syntax = syntax_[id];
  std::vector<model::ColumnId> marked;
  for (model::ColumnId column = 0; column < model.columns.size(); ++column) {
    if (syntax.columns[column].attributes.has("primary")) marked.push_back(column);
  }
  const ast::Member* composite = nullptr;
  for (const ast::Member& member : syntax.node->members) {
    if (!std::holds_alternative<ast::PrimaryKey>(member.node)) continue;
    if (composite != nullptr) {
      diagnostics_
          .report(DiagCode::multiple_primary_keys, member.span,
                  "'" + model.name + "' already has a primary key")
          .note(composite->span, "primary key declared here");
      continue;
    }
    composite = &member;
  }

  if (composite != nullptr && !marked.empty()) {
    diagnostics_
        .report(DiagCode::multiple_primary_keys, composite->span,
                "'" + model.name + "' declares primary(...) and also marks column '" +
                    model.columns[marked.front()].name + "' primary; keep one of them")
        .note(model.columns[marked.front()].span, "column marked primary here");
    return;
  }
  if (marked.size() > 1) {
    std::string list;
    for (model::ColumnId column : marked) {
      list += (list.empty() ? "" : ", ") + model.columns[column].name;
    }
    auto builder =
        diagnostics_.report(DiagCode::multiple_primary_keys, model.columns[marked[1]].span,
                            "several columns of '" + model.name +
                                "' are marked primary; a composite key is "
                                "written as one member: primary(" +
                                list + ");");
    builder.note(model.columns[marked[0]].span, "also marked primary here");
    return;
  }
  if (composite != nullptr) {
    auto columns = find_columns(id, std::get<ast::PrimaryKey>(composite->node).columns);
    if (!columns) return;
    marked = *columns;
  }
  bool attribute_errors =
      std::any_of(syntax.columns.begin(), syntax.columns.end(),
                  [](const ColumnSyntax& c) { return c.attributes.had_errors; });
  if (marked.empty() && !attribute_errors) {  // a misspelt `primary` is reported already
    if (model.is_table) {
      diagnostics_.report(
          DiagCode::table_without_key, model.span,
          "table '" + model.name +
              "' has no primary key, so duplicate rows are possible; for an "
              "association table add primary(" +
              (model.columns.size() >= 2 ? model.columns[0].name + ", " + model.columns[1].name
                                         : std::string("a, b")) +
              ");");
    } else {
      diagnostics_.report(
          DiagCode::missing_primary_key, model.span,
          "model '" + model.name + "' has no primary key; add one, e.g. `id int64 primary auto;`");
    }
  }
  for (model::ColumnId column : marked) {
    model.columns[column].primary_key = true;
    if (model.columns[column].nullable) {
      diagnostics_.report(DiagCode::nullable_primary_key, model.columns[column].span,
                          "primary key column '" + model.columns[column].name +
                              "' cannot be nullable; remove the '?'");
    }
  }
  model.primary_key = marked;

  for (model::ColumnId column = 0; column < model.columns.size(); ++column) {
    const ast::Attribute* automatic = syntax.columns[column].attributes.find("auto");
    if (automatic == nullptr) continue;
    const model::Column& c = model.columns[column];
    if (!c.primary_key) {
      diagnostics_.report(DiagCode::auto_not_integer_key, automatic->span,
                          "auto is only for the primary key; '" + c.name + "' is not primary");
    } else if (marked.size() != 1) {
      diagnostics_.report(
          DiagCode::auto_not_integer_key, automatic->span,
          "auto needs a single-column primary key; '" + model.name + "' has a composite key");
    } else if (!model::is_integer(c.type.kind)) {
      diagnostics_.report(DiagCode::auto_not_integer_key, automatic->span,
                          "auto needs an integer primary key; '" + c.name + "' is " +
                              (c.type.kind == model::TypeKind::enumeration
                                   ? std::string("an enum")
                                   : std::string(model::type_kind_name(c.type.kind))));
    } else {
      model.columns[column].autoincrement = true;
    }
  }
}

void SchemaChecker::resolve_indexes(model::ModelId id) {
  model::Model& model = schema_.models[id];
  const ModelSyntax& syntax = syntax_[id];
  for (model::ColumnId column = 0; column < model.columns.size(); ++column) {
    const AttributeMap& attributes = syntax.columns[column].attributes;
    SourceSpan span = model.columns[column].span;
    if (attributes.has("unique")) {
      model.indexes.push_back(
          {fit_sql_identifier("uq_" + model.table_name + "_" + model.columns[column].sql_name),
           {{column, false}},
           true,
           true,
           std::nullopt,
           span});
    }
    if (attributes.has("index")) {
      model.indexes.push_back(
          {fit_sql_identifier("ix_" + model.table_name + "_" + model.columns[column].sql_name),
           {{column, false}},
           false,
           false,
           std::nullopt,
           span});
    }
  }
  for (const ast::Member& member : syntax.node->members) {
    const auto* node = std::get_if<ast::Index>(&member.node);
    if (node == nullptr) continue;
    AttributeMap attributes =
        node->unique ? validate_attributes(node->attributes, unique_rules, "a unique constraint")
                     : validate_attributes(node->attributes, index_rules, "an index");
    std::vector<ast::Name> names;
    for (const ast::IndexColumn& column : node->columns) names.push_back(column.name);
    auto columns = find_columns(id, names);
    if (!columns) continue;
    model::Index index;
    index.span = member.span;
    index.unique = node->unique || attributes.has("unique");
    index.constraint = node->unique;
    for (std::size_t i = 0; i < columns->size(); ++i) {
      index.columns.push_back({(*columns)[i], node->columns[i].descending});
    }
    if (const ast::Attribute* where = attributes.find("where")) {
      auto condition = resolve_condition(id, *where->args[0], "an index's where(...)");
      if (!condition) continue;
      index.where = std::move(*condition);
      index.constraint = false;  // SQL has partial unique indexes, not partial constraints
    }
    index.name = node->name ? node->name->text
                            : fit_sql_identifier((index.unique ? "uq_" : "ix_") + model.table_name +
                                                 "_" + joined_columns(model, *columns));
    model.indexes.push_back(std::move(index));
  }
}

bool SchemaChecker::is_key(const model::Model& model,
                           const std::vector<model::ColumnId>& columns) const {
  auto wanted = as_set(columns);
  if (!model.primary_key.empty() && as_set(model.primary_key) == wanted) return true;
  return std::any_of(model.indexes.begin(), model.indexes.end(), [&](const model::Index& index) {
    if (!index.unique || index.where) return false;
    std::set<model::ColumnId> indexed;
    for (const model::IndexColumn& column : index.columns) indexed.insert(column.column);
    return indexed == wanted;
  });
}

std::optional<model::ReferentialAction> SchemaChecker::resolve_action(
    const ast::Attribute* attribute) {
  if (attribute == nullptr) return model::ReferentialAction::no_action;
  auto word = name_argument(*attribute->args[0], diagnostics_, attribute->name.text);
  if (!word) return std::nullopt;
  static const std::vector<std::string> actions = {"no_action", "restrict", "cascade", "set_null",
                                                   "set_default"};
  for (std::size_t i = 0; i < actions.size(); ++i) {
    if (word->text == actions[i]) return static_cast<model::ReferentialAction>(i);
  }
  std::string message = "unknown action '" + word->text + "' in " + attribute->name.text +
                        "(...); the actions are cascade, restrict, set_null, set_default and "
                        "no_action";
  auto suggestion = suggest(word->text, actions);
  if (suggestion) message += "; did you mean '" + *suggestion + "'?";
  auto builder = diagnostics_.report(DiagCode::unknown_option, word->span, message);
  if (suggestion) builder.fixit(*suggestion);
  return std::nullopt;
}

bool SchemaChecker::add_foreign_key(model::ModelId id, std::optional<ast::Name> name,
                                    const std::vector<model::ColumnId>& columns,
                                    const ast::Attribute& references,
                                    const AttributeMap& attributes, SourceSpan span) {
  // references(T), references(T.c) or references(T.a, T.b): one target model throughout.
  const ast::Name* target_name = nullptr;
  std::vector<ast::Name> target_columns;
  for (const ast::ExprPtr& argument : references.args) {
    if (argument->kind != ast::ExprKind::name || argument->path.size() > 2) {
      diagnostics_.report(DiagCode::attribute_arguments, argument->span,
                          "references(...) takes Model.column, or Model for its primary key");
      return false;
    }
    if (target_name != nullptr && argument->path[0].text != target_name->text) {
      diagnostics_.report(DiagCode::attribute_arguments, argument->span,
                          "a foreign key references one model; '" + argument->path[0].text +
                              "' differs from '" + target_name->text + "'");
      return false;
    }
    if (argument->path.size() == 1 && references.args.size() > 1) {
      diagnostics_.report(DiagCode::attribute_arguments, argument->span,
                          "name the referenced columns as Model.column");
      return false;
    }
    target_name = &argument->path[0];
    if (argument->path.size() == 2) target_columns.push_back(argument->path[1]);
  }
  if (target_name == nullptr) return false;  // validate_attributes guarantees an argument
  auto symbol = symbols_.find(target_name->text);
  if (symbol == symbols_.end() || symbol->second.kind == Symbol::Kind::enumeration) {
    report_unknown_model(*target_name, true);
    return false;
  }
  model::ModelId target_id = symbol->second.id;
  const model::Model& target = schema_.models[target_id];
  std::vector<model::ColumnId> target_ids;
  if (target_columns.empty()) {
    target_ids = target.primary_key;
    if (target_ids.empty()) return false;  // its missing key is reported on the target
  } else {
    auto found = find_columns(target_id, target_columns);
    if (!found) return false;
    target_ids = *found;
  }
  model::Model& model = schema_.models[id];
  if (columns.size() != target_ids.size()) {
    diagnostics_
        .report(DiagCode::foreign_key_arity, references.span,
                "foreign key has " + std::to_string(columns.size()) + " column" +
                    (columns.size() == 1 ? "" : "s") + " but references " +
                    std::to_string(target_ids.size()) + " column" +
                    (target_ids.size() == 1 ? "" : "s") + " of '" + target.name + "'")
        .note(target.span, "'" + target.name + "' declared here");
    return false;
  }
  if (!is_key(target, target_ids)) {
    std::string list;
    for (model::ColumnId column : target_ids) {
      list += (list.empty() ? "" : ", ") + target.columns[column].name;
    }
    diagnostics_
        .report(DiagCode::foreign_key_not_key, references.span,
                "a foreign key must reference a primary key or unique columns, but (" + list +
                    ") of '" + target.name + "' is neither; mark it unique")
        .note(target.columns[target_ids[0]].span,
              "'" + target.name + "." + target.columns[target_ids[0]].name + "' declared here");
    return false;
  }
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const model::Column& local = model.columns[columns[i]];
    const model::Column& remote = target.columns[target_ids[i]];
    bool same =
        local.type.kind == remote.type.kind && (local.type.kind != model::TypeKind::enumeration ||
                                                local.type.enum_id == remote.type.enum_id);
    if (!same) {
      auto describe = [&](const model::ColumnType& type) -> std::string {
        return type.kind == model::TypeKind::enumeration ? schema_.enums[type.enum_id].name
                                                         : model::type_kind_name(type.kind);
      };
      diagnostics_
          .report(DiagCode::foreign_key_type, local.span,
                  "foreign key column '" + local.name + "' is " + describe(local.type) +
                      " but references '" + target.name + "." + remote.name + "', which is " +
                      describe(remote.type))
          .note(remote.span, "'" + target.name + "." + remote.name + "' declared here");
      return false;
    }
  }
  auto on_delete = resolve_action(attributes.find("on_delete"));
  const ast::Attribute* on_update_attribute = attributes.find("on_update");
  if (on_update_attribute != nullptr && on_update_attribute->args[0]->kind == ast::ExprKind::name &&
      on_update_attribute->args[0]->path.size() == 1 &&
      on_update_attribute->args[0]->path[0].text == "now") {
    on_update_attribute = nullptr;  // on_update(now) is the column's, not the key's
  }
  auto on_update = resolve_action(on_update_attribute);
  if (!on_delete || !on_update) return false;
  for (auto [action, attribute] : {std::pair{*on_delete, attributes.find("on_delete")},
                                   std::pair{*on_update, on_update_attribute}}) {
    for (model::ColumnId column : columns) {
      const model::Column& c = model.columns[column];
      if (action == model::ReferentialAction::set_null && !c.nullable) {
        diagnostics_.report(DiagCode::set_null_not_nullable, attribute->span,
                            attribute->name.text + "(set_null) needs nullable columns, but '" +
                                c.name + "' is not nullable; write its type with '?'");
        return false;
      }
      if (action == model::ReferentialAction::set_default && !c.default_value) {
        diagnostics_.report(DiagCode::set_default_no_default, attribute->span,
                            attribute->name.text + "(set_default) needs a default on '" + c.name +
                                "'; add default(...)");
        return false;
      }
    }
  }
  model::ForeignKey key;
  key.name =
      name ? name->text
           : fit_sql_identifier("fk_" + model.table_name + "_" + joined_columns(model, columns));
  key.columns = columns;
  key.target = target_id;
  key.target_columns = target_ids;
  key.on_delete = *on_delete;
  key.on_update = *on_update;
  key.span = span;
  model.foreign_keys.push_back(std::move(key));
  return true;
}

void SchemaChecker::record_broken_key(model::ModelId id,
                                      const std::vector<model::ColumnId>& columns,
                                      const ast::Attribute& references) {
  ModelSyntax& syntax = syntax_[id];
  syntax.broken_key_columns.insert(syntax.broken_key_columns.end(), columns.begin(), columns.end());
  for (const ast::ExprPtr& argument : references.args) {
    if (argument->kind == ast::ExprKind::name && !argument->path.empty()) {
      syntax.broken_key_targets.push_back(argument->path[0].text);
    }
  }
}

bool SchemaChecker::has_broken_key_to(model::ModelId owner, model::ModelId target) const {
  const auto& targets = syntax_[owner].broken_key_targets;
  return std::find(targets.begin(), targets.end(), schema_.models[target].name) != targets.end();
}

void SchemaChecker::resolve_foreign_keys(model::ModelId id) {
  model::Model& model = schema_.models[id];
  const ModelSyntax& syntax = syntax_[id];
  for (model::ColumnId column = 0; column < model.columns.size(); ++column) {
    const AttributeMap& attributes = syntax.columns[column].attributes;
    if (const ast::Attribute* references = attributes.find("references")) {
      if (!add_foreign_key(id, std::nullopt, {column}, *references, attributes, references->span)) {
        record_broken_key(id, {column}, *references);
      }
    } else if (const ast::Attribute* on_delete = attributes.find("on_delete")) {
      diagnostics_.report(DiagCode::attribute_conflict, on_delete->span,
                          "on_delete(...) is a foreign-key action, but column '" +
                              model.columns[column].name + "' has no references(...)");
    }
  }
  for (const ast::Member& member : syntax.node->members) {
    const auto* node = std::get_if<ast::ForeignKey>(&member.node);
    if (node == nullptr) continue;
    AttributeMap attributes =
        validate_attributes(node->attributes, foreign_key_rules, "a foreign key");
    const ast::Attribute* references = attributes.find("references");
    if (references == nullptr) {
      diagnostics_.report(DiagCode::attribute_arguments, member.span,
                          "foreign_key(...) needs references(Model.column, ...)");
      continue;
    }
    auto columns = find_columns(id, node->columns);
    if (!columns ||
        !add_foreign_key(id, node->name, *columns, *references, attributes, member.span)) {
      std::vector<model::ColumnId> known;
      for (const ast::Name& name : node->columns) {
        if (const auto* c = model.find_column(name.text)) {
          known.push_back(static_cast<model::ColumnId>(c - model.columns.data()));
        }
      }
      record_broken_key(id, known, *references);
    }
  }
}

void SchemaChecker::resolve_checks(model::ModelId id) {
  model::Model& model = schema_.models[id];
  const ModelSyntax& syntax = syntax_[id];
  for (model::ColumnId column = 0; column < model.columns.size(); ++column) {
    const ast::Attribute* check = syntax.columns[column].attributes.find("check");
    if (check == nullptr) continue;
    auto condition = resolve_condition(id, *check->args[0], "check(...)");
    if (!condition) continue;
    model.checks.push_back(
        {fit_sql_identifier("ck_" + model.table_name + "_" + model.columns[column].sql_name),
         std::move(*condition), column, check->span});
  }
  std::size_t counter = 0;
  for (const ast::Member& member : syntax.node->members) {
    const auto* node = std::get_if<ast::Check>(&member.node);
    if (node == nullptr) continue;
    ++counter;
    auto condition = resolve_condition(id, *node->expr, "check(...)");
    if (!condition) continue;
    std::string name =
        node->name ? node->name->text
                   : fit_sql_identifier("ck_" + model.table_name + "_" + std::to_string(counter));
    model.checks.push_back({std::move(name), std::move(*condition), std::nullopt, member.span});
  }
}

}  // namespace ormc::check_detail
