// Pass 1: namespaces, the global names of models, tables and enums, the names of their
// members, and attribute lists checked against what each position allows.
#include <algorithm>
#include <limits>

#include "check/header_macros.hpp"
#include "check/names.hpp"
#include "check/schema_checker.hpp"

namespace ormc::check_detail {
namespace {

constexpr std::size_t any = std::numeric_limits<std::size_t>::max();
constexpr AttributeRule header_rules[] = {{"renamed_from", 1, 1}};

std::string file_stem(const std::string& path) {
  std::size_t slash = path.find_last_of('/');
  std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  std::size_t dot = name.find('.');
  return dot == std::string::npos ? name : name.substr(0, dot);
}

}  // namespace

const ast::Attribute* AttributeMap::find(std::string_view name) const {
  for (const ast::Attribute* attribute : attributes_) {
    if (attribute->name.text == name) return attribute;
  }
  return nullptr;
}

std::optional<ast::Name> name_argument(const ast::Expr& expr, DiagnosticEngine& diagnostics,
                                       std::string_view attribute) {
  if (expr.kind == ast::ExprKind::name && expr.path.size() == 1) return expr.path.front();
  diagnostics.report(DiagCode::attribute_arguments, expr.span,
                     std::string(attribute) + "(...) expects a name here");
  return std::nullopt;
}

SchemaChecker::SchemaChecker(const std::vector<const ast::File*>& files,
                             const SourceManager& sources, DiagnosticEngine& diagnostics)
    : files_(files), sources_(sources), diagnostics_(diagnostics) {}

std::optional<model::Schema> SchemaChecker::run() {
  declare_files();
  for (model::ModelId id = 0; id < schema_.models.size(); ++id) declare_members(id);
  for (model::ModelId id = 0; id < schema_.models.size(); ++id) resolve_columns(id);
  for (model::ModelId id = 0; id < schema_.models.size(); ++id) resolve_primary_key(id);
  for (model::ModelId id = 0; id < schema_.models.size(); ++id) resolve_indexes(id);
  for (model::ModelId id = 0; id < schema_.models.size(); ++id) resolve_foreign_keys(id);
  for (model::ModelId id = 0; id < schema_.models.size(); ++id) resolve_version(id);
  for (model::ModelId id = 0; id < schema_.models.size(); ++id) resolve_checks(id);
  resolve_relations();
  for (model::ModelId id = 0; id < schema_.models.size(); ++id) {
    warn_unindexed_foreign_keys(id);
    warn_redundant_indexes(id);
  }
  check_sql_names();
  check_generated_cpp_names();
  check_database_limits();
  check_renames();
  if (diagnostics_.has_errors()) return std::nullopt;
  return std::move(schema_);
}

bool SchemaChecker::check_identifier(const ast::Name& name, std::string_view what) {
  if (!is_ascii_identifier(name.text)) {
    diagnostics_.report(DiagCode::invalid_name, name.span,
                        std::string(what) + " name '" + name.text +
                            "' is not an ASCII identifier; names become C++ and SQL "
                            "identifiers (a different SQL name can be given with map(\"...\") "
                            "or `table \"...\";`)");
    return false;
  }
  if (is_cpp_keyword(name.text)) {
    std::string keep_sql_name;
    if (what == "column")
      keep_sql_name = " (its SQL name can stay with map(\"" + name.text + "\"))";
    if (what == "model")
      keep_sql_name = " (its table can keep the name with `table " + name.text + ";`)";
    diagnostics_.report(DiagCode::reserved_name, name.span,
                        std::string(what) + " name '" + name.text +
                            "' is a C++ keyword; rename it" + keep_sql_name);
    return false;
  }
  if (is_cpp_reserved(name.text)) {
    diagnostics_.report(DiagCode::reserved_name, name.span,
                        std::string(what) + " name '" + name.text +
                            "' is reserved in C++ (a double underscore, or an underscore "
                            "followed by a capital letter)");
    return false;
  }
  // A relation is not generated as C++ yet (only named in a comment); a table block's C++
  // names are derived from its name (check_generated_cpp_names checks those).
  if (what == "relation" || what == "table") return true;
  return check_not_macro(name.text, name.span, what, name.text);
}

std::string SchemaChecker::file_namespace(const ast::File& file) {
  const ast::Namespace* found = nullptr;
  SourceSpan found_span;
  for (const ast::Declaration& declaration : file.declarations) {
    const auto* space = std::get_if<ast::Namespace>(&declaration.node);
    if (space == nullptr) continue;
    if (found != nullptr) {
      diagnostics_
          .report(DiagCode::namespace_invalid, declaration.span,
                  "a file declares its namespace once")
          .note(found_span, "namespace first declared here");
      continue;
    }
    found = space;
    found_span = declaration.span;
  }
  if (found != nullptr) {
    std::string result;
    for (const ast::Name& part : found->parts) {
      if (check_identifier(part, "namespace") && result.empty()) {
        check_top_namespace(part.text, part.span);
      }
      if (!result.empty()) result += "::";
      result += part.text;
    }
    return result;
  }
  std::string stem = file_stem(sources_.file(file.file).path());
  if (!is_ascii_identifier(stem) || is_cpp_keyword(stem) || is_cpp_reserved(stem) ||
      find_header_macro(stem) || reserved_top_namespace(stem)) {
    diagnostics_.report(DiagCode::namespace_invalid, {file.file, {}, {}},
                        "file has no namespace declaration and its name '" + stem +
                            "' is not a usable C++ namespace; add `namespace name;`");
    return "schema";
  }
  return stem;
}

void SchemaChecker::declare_files() {
  for (const ast::File* file : files_) {
    schema_.files.push_back(sources_.file(file->file).path());
    std::string cpp_namespace = file_namespace(*file);
    for (const ast::Declaration& declaration : file->declarations) {
      if (const auto* enumeration = std::get_if<ast::Enum>(&declaration.node)) {
        declare_enum(*enumeration, file->file, cpp_namespace, declaration.trivia);
      } else if (const auto* model = std::get_if<ast::Model>(&declaration.node)) {
        declare_model(*model, file->file, cpp_namespace, declaration.trivia);
      }
    }
  }
}

namespace {

std::string_view kind_word(bool is_table) { return is_table ? "table" : "model"; }

}  // namespace

void SchemaChecker::declare_enum(const ast::Enum& node, FileId file,
                                 const std::string& cpp_namespace, const ast::Trivia& trivia) {
  check_identifier(node.name, "enum");
  auto [it, inserted] = symbols_.try_emplace(
      node.name.text, Symbol{Symbol::Kind::enumeration,
                             static_cast<std::uint32_t>(schema_.enums.size()), node.name.span});
  if (!inserted) {
    diagnostics_
        .report(DiagCode::duplicate_declaration, node.name.span,
                "'" + node.name.text + "' is already declared")
        .note(it->second.span, "'" + node.name.text + "' first declared here");
    return;
  }
  model::Enum result;
  result.name = node.name.text;
  result.sql_name = snake_case(node.name.text);
  result.cpp_from_string = snake_case(node.name.text) + "_from_string";
  result.cpp_namespace = cpp_namespace;
  result.doc = ast::doc_text(trivia);
  result.file = file;
  result.span = node.name.span;
  AttributeMap attributes = validate_attributes(node.attributes, header_rules, "an enum");
  if (const ast::Attribute* renamed = attributes.find("renamed_from")) {
    if (auto old = name_argument(*renamed->args[0], diagnostics_, "renamed_from")) {
      result.renamed_from = old->text;
    }
  }
  if (node.values.empty()) {
    diagnostics_.report(DiagCode::empty_enum, node.name.span,
                        "enum '" + node.name.text + "' has no values");
  }
  std::unordered_map<std::string, SourceSpan> seen;
  for (const ast::EnumValue& value : node.values) {
    check_identifier(value.name, "enum value");
    auto [previous, fresh] = seen.try_emplace(value.name.text, value.name.span);
    if (!fresh) {
      diagnostics_
          .report(DiagCode::duplicate_enum_value, value.name.span,
                  "enum '" + node.name.text + "' already has the value '" + value.name.text + "'")
          .note(previous->second, "'" + value.name.text + "' first listed here");
      continue;
    }
    result.values.push_back({value.name.text, ast::doc_text(value.trivia), value.name.span});
  }
  schema_.enums.push_back(std::move(result));
}

void SchemaChecker::declare_model(const ast::Model& node, FileId file,
                                  const std::string& cpp_namespace, const ast::Trivia& trivia) {
  check_identifier(node.name, kind_word(node.is_table));
  auto [it, inserted] = symbols_.try_emplace(
      node.name.text, Symbol{node.is_table ? Symbol::Kind::table : Symbol::Kind::model,
                             static_cast<std::uint32_t>(schema_.models.size()), node.name.span});
  if (!inserted) {
    diagnostics_
        .report(DiagCode::duplicate_declaration, node.name.span,
                "'" + node.name.text + "' is already declared")
        .note(it->second.span, "'" + node.name.text + "' first declared here");
    return;
  }
  model::Model result;
  result.name = node.name.text;
  result.is_table = node.is_table;
  result.table_name = node.is_table ? node.name.text : snake_case(node.name.text);
  result.cpp_struct = node.is_table ? pascal_case(node.name.text) : node.name.text;
  result.cpp_columns = snake_case(node.name.text);
  if (is_cpp_keyword(result.cpp_columns)) result.cpp_columns += '_';
  result.cpp_namespace = cpp_namespace;
  result.doc = ast::doc_text(trivia);
  result.file = file;
  result.span = node.name.span;
  AttributeMap attributes =
      validate_attributes(node.attributes, header_rules, node.is_table ? "a table" : "a model");
  if (const ast::Attribute* renamed = attributes.find("renamed_from")) {
    if (auto old = name_argument(*renamed->args[0], diagnostics_, "renamed_from")) {
      result.renamed_from = old->text;
    }
  }
  schema_.models.push_back(std::move(result));
  syntax_.emplace_back().node = &node;
}

namespace {

constexpr AttributeRule column_rules[] = {
    {"primary", 0, 0},   {"auto", 0, 0},         {"unique", 0, 0}, {"index", 0, 0},
    {"default", 1, 1},   {"on_update", 1, 1},    {"check", 1, 1},  {"references", 1, 1},
    {"on_delete", 1, 1}, {"renamed_from", 1, 1}, {"map", 1, 1},    {"version", 0, 0}};

constexpr AttributeRule relation_rules[] = {
    {"by", 1, any}, {"back", 1, 1}, {"through", 1, 1}, {"cascade", 1, any}, {"load", 1, 1}};

}  // namespace

void SchemaChecker::declare_members(model::ModelId id) {
  model::Model& model = schema_.models[id];
  ModelSyntax& syntax = syntax_[id];
  std::unordered_map<std::string, SourceSpan> seen;
  const ast::TableName* table_name = nullptr;
  SourceSpan table_name_span;
  auto claim = [&](const ast::Name& name) {
    auto [previous, fresh] = seen.try_emplace(name.text, name.span);
    if (fresh) return true;
    diagnostics_
        .report(DiagCode::duplicate_member, name.span,
                std::string(kind_word(model.is_table)) + " '" + model.name +
                    "' already has a member named '" + name.text + "'")
        .note(previous->second, "'" + name.text + "' first declared here");
    return false;
  };
  for (const ast::Member& member : syntax.node->members) {
    if (const auto* column = std::get_if<ast::Column>(&member.node)) {
      check_identifier(column->name, "column");
      if (!claim(column->name)) continue;
      model::Column result;
      result.name = column->name.text;
      result.sql_name = column->name.text;
      result.nullable = column->nullable;
      result.doc = ast::doc_text(member.trivia);
      result.span = column->name.span;
      model.columns.push_back(std::move(result));
      syntax.columns.push_back(
          {column, validate_attributes(column->attributes, column_rules, "a column")});
    } else if (const auto* relation = std::get_if<ast::Relation>(&member.node)) {
      if (model.is_table) {
        diagnostics_.report(DiagCode::relation_in_table, relation->name.span,
                            "table '" + model.name +
                                "' cannot declare relations; declare it as a model, or "
                                "declare the relation on the models it joins with through(" +
                                model.name + ")");
        continue;
      }
      check_identifier(relation->name, "relation");
      if (!claim(relation->name)) continue;
      model::Relation result;
      result.name = relation->name.text;
      result.many = relation->cardinality == ast::Cardinality::many;
      result.optional = relation->cardinality == ast::Cardinality::optional;
      result.doc = ast::doc_text(member.trivia);
      result.span = relation->name.span;
      model.relations.push_back(std::move(result));
      syntax.relations.push_back(relation);
      syntax.relation_attributes.push_back(
          validate_attributes(relation->attributes, relation_rules, "a relation"));
      syntax.relation_state.push_back(RelationState::pending);
    } else if (const auto* table = std::get_if<ast::TableName>(&member.node)) {
      if (table_name != nullptr) {
        diagnostics_
            .report(DiagCode::duplicate_attribute, member.span,
                    "the table name of '" + model.name + "' is already given")
            .note(table_name_span, "first given here");
        continue;
      }
      table_name = table;
      table_name_span = member.span;
      if (table->name.text.empty()) {
        diagnostics_.report(DiagCode::invalid_name, table->name.span, "table name is empty");
        continue;
      }
      model.table_name = table->name.text;
    }
  }
}

AttributeMap SchemaChecker::validate_attributes(const std::vector<ast::Attribute>& attributes,
                                                std::span<const AttributeRule> rules,
                                                std::string_view where) {
  AttributeMap result;
  for (const ast::Attribute& attribute : attributes) {
    auto rule = std::find_if(rules.begin(), rules.end(), [&](const AttributeRule& candidate) {
      return candidate.name == attribute.name.text;
    });
    if (rule == rules.end()) {
      std::vector<std::string> names;
      for (const AttributeRule& candidate : rules) names.emplace_back(candidate.name);
      std::string message =
          "unknown attribute '" + attribute.name.text + "' on " + std::string(where);
      auto suggestion = suggest(attribute.name.text, names);
      if (suggestion) message += "; did you mean '" + *suggestion + "'?";
      auto builder = diagnostics_.report(DiagCode::unknown_attribute, attribute.name.span, message);
      if (suggestion) builder.fixit(*suggestion);
      result.had_errors = true;
      continue;
    }
    if (const ast::Attribute* previous = result.find(attribute.name.text)) {
      diagnostics_
          .report(DiagCode::duplicate_attribute, attribute.span,
                  "attribute '" + attribute.name.text + "' is given twice")
          .note(previous->span, "first given here");
      result.had_errors = true;
      continue;
    }
    std::size_t count = attribute.args.size();
    if (count < rule->min_args || count > rule->max_args) {
      std::string expected = rule->max_args == 0 ? "takes no arguments"
                             : rule->min_args == rule->max_args
                                 ? "takes " + std::to_string(rule->min_args) +
                                       (rule->min_args == 1 ? " argument" : " arguments")
                                 : "takes at least " + std::to_string(rule->min_args) +
                                       (rule->min_args == 1 ? " argument" : " arguments");
      diagnostics_.report(
          DiagCode::attribute_arguments, attribute.span,
          "'" + attribute.name.text + "' " + expected + ", not " + std::to_string(count));
      // Surplus arguments are ignored rather than the attribute, so that `primary(1)` does
      // not also read as "no primary key"; missing ones leave nothing to use.
      if (count < rule->min_args) {
        result.had_errors = true;
        continue;
      }
    }
    result.add(&attribute);
  }
  return result;
}

std::vector<std::string> SchemaChecker::symbol_names(bool models, bool tables, bool enums) const {
  std::vector<std::string> names;
  for (const auto& [name, symbol] : symbols_) {
    if ((symbol.kind == Symbol::Kind::model && models) ||
        (symbol.kind == Symbol::Kind::table && tables) ||
        (symbol.kind == Symbol::Kind::enumeration && enums)) {
      names.push_back(name);
    }
  }
  std::sort(names.begin(), names.end());  // deterministic suggestions
  return names;
}

void SchemaChecker::report_unknown_model(const ast::Name& name, bool allow_tables) {
  auto suggestion = suggest(name.text, symbol_names(true, allow_tables, false));
  std::string message =
      "unknown " + std::string(allow_tables ? "model or table" : "model") + " '" + name.text + "'";
  if (suggestion) message += "; did you mean '" + *suggestion + "'?";
  auto builder = diagnostics_.report(DiagCode::unknown_model, name.span, message);
  if (suggestion) {
    builder.fixit(*suggestion);
    builder.note(symbols_.at(*suggestion).span, "'" + *suggestion + "' declared here");
  }
}

}  // namespace ormc::check_detail
