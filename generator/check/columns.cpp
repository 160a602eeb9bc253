// Pass 2: column types, SQL names, defaults and on_update(now).
#include <algorithm>
#include <array>

#include "check/names.hpp"
#include "check/schema_checker.hpp"

namespace ormc::check_detail {
namespace {

using model::TypeKind;

struct BuiltinType {
  std::string_view name;
  TypeKind kind;
};

constexpr std::array builtin_types = {
    BuiltinType{"bool", TypeKind::boolean},
    BuiltinType{"int16", TypeKind::int16},
    BuiltinType{"int32", TypeKind::int32},
    BuiltinType{"int64", TypeKind::int64},
    BuiltinType{"float32", TypeKind::float32},
    BuiltinType{"float64", TypeKind::float64},
    BuiltinType{"decimal", TypeKind::decimal},
    BuiltinType{"string", TypeKind::string},
    BuiltinType{"text", TypeKind::text},
    BuiltinType{"bytes", TypeKind::bytes},
    BuiltinType{"date", TypeKind::date},
    BuiltinType{"time", TypeKind::time},
    BuiltinType{"timestamp", TypeKind::timestamp},
    BuiltinType{"timestamptz", TypeKind::timestamptz},
    BuiltinType{"uuid", TypeKind::uuid},
    BuiltinType{"json", TypeKind::json},
};

constexpr std::uint64_t max_string_length = 10485760;  // PostgreSQL's varchar limit
constexpr std::uint64_t max_decimal_precision = 1000;  // PostgreSQL's numeric limit

}  // namespace

std::optional<model::ColumnType> SchemaChecker::resolve_type(const ast::TypeRef& type) {
  const std::string& name = type.name.text;
  const auto* builtin =
      std::find_if(builtin_types.begin(), builtin_types.end(),
                   [&](const BuiltinType& candidate) { return candidate.name == name; });
  if (builtin == builtin_types.end()) {
    auto symbol = symbols_.find(name);
    if (symbol != symbols_.end() && symbol->second.kind == Symbol::Kind::enumeration) {
      if (type.has_parens) {
        diagnostics_.report(DiagCode::type_arguments, type.span,
                            "enum type '" + name + "' takes no arguments");
        return std::nullopt;
      }
      return model::ColumnType{TypeKind::enumeration, 0, 0, 0, symbol->second.id};
    }
    if (symbol != symbols_.end()) {
      diagnostics_.report(DiagCode::unknown_type, type.name.span,
                          "'" + name + "' is a " +
                              (symbol->second.kind == Symbol::Kind::model ? "model" : "table") +
                              ", not a column type; to point at it, declare a foreign key "
                              "column (`" +
                              snake_case(name) + "_id int64 references(" + name +
                              ".id);`) and a relation (`" + snake_case(name) + " -> " + name +
                              ";`)");
      return std::nullopt;
    }
    std::vector<std::string> candidates;
    candidates.reserve(builtin_types.size());
    for (const BuiltinType& candidate : builtin_types) candidates.emplace_back(candidate.name);
    for (const std::string& enum_name : symbol_names(false, false, true)) {
      candidates.push_back(enum_name);
    }
    auto suggestion = suggest(name, candidates);
    std::string message = "unknown type '" + name + "'";
    if (suggestion) message += "; did you mean '" + *suggestion + "'?";
    auto builder = diagnostics_.report(DiagCode::unknown_type, type.name.span, message);
    if (suggestion) builder.fixit(*suggestion);
    return std::nullopt;
  }

  model::ColumnType result;
  result.kind = builtin->kind;
  for (const ast::TypeArgument& argument : type.args) {
    if (argument.overflow) {
      diagnostics_.report(DiagCode::number_out_of_range, argument.span,
                          "'" + argument.text + "' is too large");
      return std::nullopt;
    }
  }
  std::size_t count = type.args.size();
  switch (result.kind) {
    case TypeKind::string: {
      if (count != 1) {
        diagnostics_.report(DiagCode::type_arguments, type.span,
                            count == 0 ? "string needs a maximum length, as in string(80); use "
                                         "text for strings without a limit"
                                       : "string takes one argument, its maximum length");
        return std::nullopt;
      }
      std::uint64_t length = type.args[0].value;
      if (length < 1 || length > max_string_length) {
        diagnostics_.report(DiagCode::length_out_of_range, type.args[0].span,
                            "string length " + type.args[0].text + " is out of range 1.." +
                                std::to_string(max_string_length) +
                                "; use text for longer strings");
        return std::nullopt;
      }
      result.length = static_cast<std::uint32_t>(length);
      return result;
    }
    case TypeKind::decimal: {
      if (count < 1 || count > 2) {
        diagnostics_.report(DiagCode::type_arguments, type.span,
                            "decimal needs a precision and an optional scale, as in "
                            "decimal(10, 2)");
        return std::nullopt;
      }
      std::uint64_t precision = type.args[0].value;
      std::uint64_t scale = count == 2 ? type.args[1].value : 0;
      if (precision < 1 || precision > max_decimal_precision) {
        diagnostics_.report(DiagCode::decimal_out_of_range, type.args[0].span,
                            "decimal precision " + type.args[0].text + " is out of range 1.." +
                                std::to_string(max_decimal_precision));
        return std::nullopt;
      }
      if (scale > precision) {
        diagnostics_.report(DiagCode::decimal_out_of_range, type.args[1].span,
                            "decimal scale " + type.args[1].text +
                                " is larger than its precision " + type.args[0].text);
        return std::nullopt;
      }
      result.precision = static_cast<std::uint32_t>(precision);
      result.scale = static_cast<std::uint32_t>(scale);
      return result;
    }
    default:
      if (type.has_parens) {
        diagnostics_.report(DiagCode::type_arguments, type.span,
                            "type '" + name + "' takes no arguments");
        return std::nullopt;
      }
      return result;
  }
}

void SchemaChecker::resolve_columns(model::ModelId id) {
  model::Model& model = schema_.models[id];
  for (model::ColumnId column_id = 0; column_id < model.columns.size(); ++column_id) {
    model::Column& column = model.columns[column_id];
    const ColumnSyntax& syntax = syntax_[id].columns[column_id];
    auto type = resolve_type(syntax.node->type);
    if (!type) continue;
    column.type = *type;
    if (const ast::Attribute* map = syntax.attributes.find("map")) {
      const ast::Expr& argument = *map->args[0];
      if (argument.kind != ast::ExprKind::string || argument.text.empty()) {
        diagnostics_.report(DiagCode::attribute_arguments, argument.span,
                            "map(...) takes the column's SQL name as a non-empty string, as "
                            "in map(\"class\")");
      } else {
        column.sql_name = argument.text;
      }
    }
    if (const ast::Attribute* renamed = syntax.attributes.find("renamed_from")) {
      if (auto old = name_argument(*renamed->args[0], diagnostics_, "renamed_from")) {
        column.renamed_from = old->text;
      }
    }
    column.unique = syntax.attributes.has("unique");
    if (const ast::Attribute* value = syntax.attributes.find("default")) {
      resolve_default(column, *value);
    }
    resolve_on_update(id, column_id);
  }
}

void SchemaChecker::resolve_on_update(model::ModelId id, model::ColumnId column_id) {
  model::Column& column = schema_.models[id].columns[column_id];
  const ColumnSyntax& syntax = syntax_[id].columns[column_id];
  const ast::Attribute* on_update = syntax.attributes.find("on_update");
  if (on_update == nullptr) return;
  auto word = name_argument(*on_update->args[0], diagnostics_, "on_update");
  if (!word) return;
  if (word->text == "now") {
    if (!model::is_temporal(column.type.kind)) {
      diagnostics_.report(DiagCode::on_update_invalid, on_update->span,
                          "on_update(now) needs a date or time column; '" + column.name + "' is " +
                              model::type_kind_name(column.type.kind));
      return;
    }
    column.on_update_now = true;
    return;
  }
  // Otherwise it is a foreign-key action, resolved with references(...) in keys.cpp.
  if (!syntax.attributes.has("references")) {
    diagnostics_.report(DiagCode::attribute_conflict, on_update->span,
                        "on_update(" + word->text + ") is a foreign-key action, but column '" +
                            column.name +
                            "' has no references(...); on_update(now) is the only other form");
  }
}

void SchemaChecker::resolve_default(model::Column& column, const ast::Attribute& attribute) {
  const ast::Expr* value = attribute.args[0].get();
  bool negative = false;
  if (value->kind == ast::ExprKind::unary && (value->text == "-" || value->text == "+") &&
      (value->operands[0]->kind == ast::ExprKind::integer ||
       value->operands[0]->kind == ast::ExprKind::decimal)) {
    negative = value->text == "-";
    value = value->operands[0].get();
  }
  const model::ColumnType& type = column.type;
  model::Expr result;
  result.span = attribute.args[0]->span;
  auto mismatch = [&](const std::string& what) {
    std::string type_name = type.kind == TypeKind::enumeration
                                ? "enum " + schema_.enums[type.enum_id].name
                                : model::type_kind_name(type.kind);
    diagnostics_.report(
        DiagCode::default_type_mismatch, attribute.args[0]->span,
        "default " + what + " does not match column '" + column.name + "' of type " + type_name);
  };

  switch (value->kind) {
    case ast::ExprKind::null:
      if (!column.nullable) {
        diagnostics_.report(DiagCode::default_type_mismatch, value->span,
                            "default(null) on column '" + column.name +
                                "', which is not nullable; write its type with '?'");
        return;
      }
      result.kind = model::ExprKind::null;
      break;
    case ast::ExprKind::boolean:
      if (type.kind != TypeKind::boolean) return mismatch("'" + value->text + "'");
      result.kind = model::ExprKind::boolean;
      result.text = value->text;
      break;
    case ast::ExprKind::integer:
    case ast::ExprKind::decimal:
      if (!model::is_numeric(type.kind)) {
        return mismatch("'" + std::string(negative ? "-" : "") + value->text + "'");
      }
      if (!check_literal_fits(type, *value, negative, column.name)) return;
      result.kind = value->kind == ast::ExprKind::integer ? model::ExprKind::integer
                                                          : model::ExprKind::decimal;
      result.text = (negative ? "-" : "") + value->text;
      break;
    case ast::ExprKind::string:
      if (!model::is_textual(type.kind) && type.kind != TypeKind::json &&
          type.kind != TypeKind::uuid && type.kind != TypeKind::bytes &&
          !model::is_temporal(type.kind)) {
        return mismatch("string \"" + value->text + "\"");
      }
      if (!check_literal_fits(type, *value, false, column.name)) return;
      result.kind = model::ExprKind::string;
      result.text = value->text;
      break;
    case ast::ExprKind::name: {
      const auto& path = value->path;
      if (type.kind == TypeKind::enumeration) {
        const model::Enum& enumeration = schema_.enums[type.enum_id];
        if (path.size() == 2 && path[0].text != enumeration.name) {
          return mismatch("'" + path[0].text + "." + path[1].text + "'");
        }
        if (path.size() <= 2) {
          const ast::Name& name = path.back();
          std::vector<std::string> values;
          for (std::uint32_t i = 0; i < enumeration.values.size(); ++i) {
            if (enumeration.values[i].name == name.text) {
              result.kind = model::ExprKind::enum_value;
              result.enum_id = type.enum_id;
              result.value_index = i;
              column.default_value = model::DefaultValue{std::move(result)};
              return;
            }
            values.push_back(enumeration.values[i].name);
          }
          auto suggestion = suggest(name.text, values);
          std::string message =
              "'" + name.text + "' is not a value of enum '" + enumeration.name + "'";
          if (suggestion) message += "; did you mean '" + *suggestion + "'?";
          auto builder = diagnostics_.report(DiagCode::unknown_enum_value, name.span, message);
          if (suggestion) builder.fixit(*suggestion);
          builder.note(enumeration.span, "enum '" + enumeration.name + "' declared here");
          return;
        }
      }
      if (path.size() == 1 && path[0].text == "now") {
        if (!model::is_temporal(type.kind)) return mismatch("now");
        result.kind = model::ExprKind::now;
        break;
      }
      return mismatch("'" + path.back().text + "'");
    }
    default:
      diagnostics_.report(DiagCode::default_type_mismatch, attribute.args[0]->span,
                          "a default must be a literal, now, or an enum value");
      return;
  }
  column.default_value = model::DefaultValue{std::move(result)};
}

}  // namespace ormc::check_detail
