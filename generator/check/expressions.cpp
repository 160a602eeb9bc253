// Expressions of check(...) and index where(...): names resolved to columns and enum
// values, functions checked against a small portable set, operand types compared.
#include <algorithm>
#include <array>
#include <charconv>

#include "check/names.hpp"
#include "check/schema_checker.hpp"

namespace ormc::check_detail {
namespace {

using Class = ExprType::Class;

struct FunctionRule {
  std::string_view name;
  std::size_t min_args;
  std::size_t max_args;
  Class argument;  //!< unknown: any
  Class result;    //!< unknown: the first argument's type
};

// Functions that mean the same on SQLite and PostgreSQL.
constexpr std::array functions = {
    FunctionRule{"length", 1, 1, Class::text, Class::numeric},
    FunctionRule{"lower", 1, 1, Class::text, Class::text},
    FunctionRule{"upper", 1, 1, Class::text, Class::text},
    FunctionRule{"trim", 1, 1, Class::text, Class::text},
    FunctionRule{"abs", 1, 1, Class::numeric, Class::numeric},
    FunctionRule{"round", 1, 2, Class::numeric, Class::numeric},
    FunctionRule{"coalesce", 2, 16, Class::unknown, Class::unknown},
};

Class class_of(model::TypeKind kind) {
  using model::TypeKind;
  if (kind == TypeKind::boolean) return Class::boolean;
  if (model::is_numeric(kind)) return Class::numeric;
  if (model::is_textual(kind)) return Class::text;
  if (model::is_temporal(kind)) return Class::temporal;
  switch (kind) {
    case TypeKind::bytes: return Class::bytes;
    case TypeKind::uuid: return Class::uuid;
    case TypeKind::json: return Class::json;
    case TypeKind::enumeration: return Class::enumeration;
    default: return Class::unknown;
  }
}

bool is_comparison(const std::string& op) {
  return op == "=" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=";
}

}  // namespace

namespace {

std::string describe(const ExprType& type, const model::Schema& schema) {
  switch (type.value_class) {
    case Class::boolean: return "a boolean";
    case Class::numeric: return "a number";
    case Class::text: return "a string";
    case Class::temporal: return "a date or time";
    case Class::bytes: return "bytes";
    case Class::uuid: return "a uuid";
    case Class::json: return "json";
    case Class::enumeration: return "a value of enum " + schema.enums[type.enum_id].name;
    case Class::null: return "null";
    case Class::unknown: break;
  }
  return "a value";
}

}  // namespace

bool SchemaChecker::require_comparable(const ExprType& left, const ExprType& right,
                                       const ast::Expr& where) {
  auto loose = [](Class c) { return c == Class::unknown || c == Class::null; };
  if (loose(left.value_class) || loose(right.value_class)) return true;
  if (left.value_class == right.value_class) {
    if (left.value_class != Class::enumeration || left.enum_id == right.enum_id) return true;
  }
  // Strings stand for dates, times, uuids and json in SQL literals.
  auto textual_stand_in = [](Class a, Class b) {
    return a == Class::text && (b == Class::temporal || b == Class::uuid || b == Class::json);
  };
  if (textual_stand_in(left.value_class, right.value_class) ||
      textual_stand_in(right.value_class, left.value_class)) {
    return true;
  }
  diagnostics_.report(
      DiagCode::expression_type_mismatch, where.span,
      "cannot compare " + describe(left, schema_) + " with " + describe(right, schema_));
  return false;
}

std::optional<model::Expr> SchemaChecker::resolve_operand_against(model::ModelId scope,
                                                                  const ast::Expr& expr,
                                                                  const ExprType& other,
                                                                  ExprType& type) {
  if (other.value_class != Class::enumeration) return resolve_expr(scope, expr, type);
  // Against an enum column, a bare name or a string names one of the enum's values.
  const ast::Name* word = nullptr;
  if (expr.kind == ast::ExprKind::name && expr.path.size() == 1 &&
      schema_.models[scope].find_column(expr.path[0].text) == nullptr) {
    word = &expr.path[0];
  }
  if (expr.kind != ast::ExprKind::string && word == nullptr) return resolve_expr(scope, expr, type);
  std::string text = word != nullptr ? word->text : expr.text;
  const model::Enum& enumeration = schema_.enums[other.enum_id];
  std::vector<std::string> values;
  for (std::uint32_t i = 0; i < enumeration.values.size(); ++i) {
    if (enumeration.values[i].name == text) {
      type = other;
      model::Expr result;
      result.kind = model::ExprKind::enum_value;
      result.enum_id = other.enum_id;
      result.value_index = i;
      result.span = expr.span;
      return result;
    }
    values.push_back(enumeration.values[i].name);
  }
  auto suggestion = suggest(text, values);
  std::string message = "'" + text + "' is not a value of enum '" + enumeration.name + "'";
  if (suggestion) message += "; did you mean '" + *suggestion + "'?";
  auto builder = diagnostics_.report(DiagCode::unknown_enum_value, expr.span, message);
  if (suggestion) builder.fixit(*suggestion);
  builder.note(enumeration.span, "enum '" + enumeration.name + "' declared here");
  return std::nullopt;
}

std::optional<model::Expr> SchemaChecker::resolve_expr(model::ModelId scope, const ast::Expr& expr,
                                                       ExprType& type) {
  model::Expr result;
  result.span = expr.span;
  result.text = expr.text;
  result.negated = expr.negated;
  type = {};
  switch (expr.kind) {
    case ast::ExprKind::integer: {
      std::int64_t value = 0;
      auto [end, error] =
          std::from_chars(expr.text.data(), expr.text.data() + expr.text.size(), value);
      if (error != std::errc{}) {
        diagnostics_.report(DiagCode::number_out_of_range, expr.span,
                            "'" + expr.text + "' is too large for a 64-bit integer");
        return std::nullopt;
      }
      result.kind = model::ExprKind::integer;
      type.value_class = Class::numeric;
      return result;
    }
    case ast::ExprKind::decimal:
      result.kind = model::ExprKind::decimal;
      type.value_class = Class::numeric;
      return result;
    case ast::ExprKind::string:
      result.kind = model::ExprKind::string;
      type.value_class = Class::text;
      return result;
    case ast::ExprKind::boolean:
      result.kind = model::ExprKind::boolean;
      type.value_class = Class::boolean;
      return result;
    case ast::ExprKind::null:
      result.kind = model::ExprKind::null;
      type.value_class = Class::null;
      return result;
    case ast::ExprKind::paren: {
      auto inner = resolve_expr(scope, *expr.operands[0], type);
      if (inner) inner->parenthesized = true;
      return inner;
    }
    case ast::ExprKind::name: {
      const model::Model& model = schema_.models[scope];
      const auto& path = expr.path;
      if (path.size() == 2) {
        auto symbol = symbols_.find(path[0].text);
        if (symbol != symbols_.end() && symbol->second.kind == Symbol::Kind::enumeration) {
          ExprType enum_type{Class::enumeration, symbol->second.id};
          ast::Expr bare;
          bare.kind = ast::ExprKind::name;
          bare.span = expr.span;
          bare.path.push_back(path[1]);
          return resolve_operand_against(scope, bare, enum_type, type);
        }
        if (path[0].text != model.name) {
          diagnostics_.report(DiagCode::unknown_column, expr.span,
                              "an expression here may use only the columns of '" + model.name +
                                  "', not '" + path[0].text + "." + path[1].text + "'");
          return std::nullopt;
        }
      } else if (path.size() > 2) {
        diagnostics_.report(DiagCode::unknown_column, expr.span,
                            "expected a column name or Enum.value");
        return std::nullopt;
      }
      auto column = find_column(scope, path.back());
      if (!column) return std::nullopt;
      const model::Column& c = model.columns[*column];
      result.kind = model::ExprKind::column;
      result.column = *column;
      type.value_class = class_of(c.type.kind);
      type.enum_id = c.type.enum_id;
      return result;
    }
    case ast::ExprKind::call: {
      const ast::Name& name = expr.path.front();
      const auto* rule = std::find_if(functions.begin(), functions.end(),
                                      [&](const FunctionRule& f) { return f.name == name.text; });
      if (rule == functions.end()) {
        std::vector<std::string> names;
        names.reserve(functions.size());
        for (const FunctionRule& f : functions) names.emplace_back(f.name);
        auto suggestion = suggest(name.text, names);
        std::string message = "unknown function '" + name.text +
                              "'; the portable functions are "
                              "length, lower, upper, trim, abs, round and coalesce";
        if (suggestion)
          message = "unknown function '" + name.text + "'; did you mean '" + *suggestion + "'?";
        auto builder = diagnostics_.report(DiagCode::unknown_function, name.span, message);
        if (suggestion) builder.fixit(*suggestion);
        return std::nullopt;
      }
      std::size_t count = expr.operands.size();
      if (count < rule->min_args || count > rule->max_args) {
        diagnostics_.report(
            DiagCode::attribute_arguments, expr.span,
            "function '" + name.text + "' takes " +
                (rule->min_args == rule->max_args
                     ? std::to_string(rule->min_args)
                     : std::to_string(rule->min_args) + " to " + std::to_string(rule->max_args)) +
                (rule->max_args == 1 ? " argument" : " arguments") + ", not " +
                std::to_string(count));
        return std::nullopt;
      }
      result.kind = model::ExprKind::call;
      result.text = name.text;
      bool ok = true;
      ExprType first;
      for (std::size_t i = 0; i < count; ++i) {
        ExprType argument_type;
        auto argument = resolve_expr(scope, *expr.operands[i], argument_type);
        if (!argument) {
          ok = false;
          continue;
        }
        if (rule->argument != Class::unknown && argument_type.value_class != rule->argument &&
            argument_type.value_class != Class::unknown &&
            argument_type.value_class != Class::null &&
            !(rule->argument == Class::text && argument_type.value_class == Class::bytes &&
              name.text == "length")) {
          diagnostics_.report(DiagCode::expression_type_mismatch, expr.operands[i]->span,
                              "function '" + name.text + "' expects " +
                                  describe(ExprType{rule->argument, 0}, schema_) + ", not " +
                                  describe(argument_type, schema_));
          ok = false;
        }
        if (i == 0) first = argument_type;
        result.operands.push_back(std::move(*argument));
      }
      if (!ok) return std::nullopt;
      type = rule->result == Class::unknown ? first : ExprType{rule->result, 0};
      return result;
    }
    case ast::ExprKind::unary: {
      ExprType operand_type;
      auto operand = resolve_expr(scope, *expr.operands[0], operand_type);
      if (!operand) return std::nullopt;
      Class wanted = expr.text == "not" ? Class::boolean : Class::numeric;
      if (operand_type.value_class != wanted && operand_type.value_class != Class::unknown) {
        diagnostics_.report(DiagCode::expression_type_mismatch, expr.span,
                            "'" + expr.text + "' needs " + describe(ExprType{wanted, 0}, schema_) +
                                ", not " + describe(operand_type, schema_));
        return std::nullopt;
      }
      result.kind = model::ExprKind::unary;
      result.operands.push_back(std::move(*operand));
      type.value_class = wanted;
      return result;
    }
    case ast::ExprKind::binary: {
      ExprType left_type;
      ExprType right_type;
      auto left = resolve_expr(scope, *expr.operands[0], left_type);
      if (!left) return std::nullopt;
      auto right = resolve_operand_against(scope, *expr.operands[1], left_type, right_type);
      if (!right) return std::nullopt;
      result.kind = model::ExprKind::binary;
      if (is_comparison(expr.text)) {
        if (!require_comparable(left_type, right_type, expr)) return std::nullopt;
        type.value_class = Class::boolean;
      } else {
        Class wanted = expr.text == "and" || expr.text == "or" ? Class::boolean : Class::numeric;
        for (const ExprType* operand : {&left_type, &right_type}) {
          if (operand->value_class != wanted && operand->value_class != Class::unknown &&
              operand->value_class != Class::null) {
            diagnostics_.report(DiagCode::expression_type_mismatch, expr.span,
                                "'" + expr.text + "' needs " +
                                    describe(ExprType{wanted, 0}, schema_) +
                                    " on both sides, not " + describe(*operand, schema_));
            return std::nullopt;
          }
        }
        type.value_class = wanted;
      }
      result.operands.push_back(std::move(*left));
      result.operands.push_back(std::move(*right));
      return result;
    }
    case ast::ExprKind::is_null:
    case ast::ExprKind::in_list:
    case ast::ExprKind::between:
    case ast::ExprKind::like: {
      ExprType subject_type;
      auto subject = resolve_expr(scope, *expr.operands[0], subject_type);
      if (!subject) return std::nullopt;
      result.kind = expr.kind == ast::ExprKind::is_null   ? model::ExprKind::is_null
                    : expr.kind == ast::ExprKind::in_list ? model::ExprKind::in_list
                    : expr.kind == ast::ExprKind::between ? model::ExprKind::between
                                                          : model::ExprKind::like;
      result.operands.push_back(std::move(*subject));
      for (std::size_t i = 1; i < expr.operands.size(); ++i) {
        ExprType operand_type;
        auto operand =
            resolve_operand_against(scope, *expr.operands[i], subject_type, operand_type);
        if (!operand) return std::nullopt;
        if (expr.kind == ast::ExprKind::like) {
          for (const ExprType* t : {&subject_type, &operand_type}) {
            if (t->value_class != Class::text && t->value_class != Class::unknown) {
              diagnostics_.report(DiagCode::expression_type_mismatch, expr.span,
                                  "like needs strings, not " + describe(*t, schema_));
              return std::nullopt;
            }
          }
        } else if (!require_comparable(subject_type, operand_type, *expr.operands[i])) {
          return std::nullopt;
        }
        result.operands.push_back(std::move(*operand));
      }
      type.value_class = Class::boolean;
      return result;
    }
  }
  return std::nullopt;
}

std::optional<model::Expr> SchemaChecker::resolve_condition(model::ModelId scope,
                                                            const ast::Expr& expr,
                                                            std::string_view what) {
  ExprType type;
  auto result = resolve_expr(scope, expr, type);
  if (!result) return std::nullopt;
  if (type.value_class != Class::boolean && type.value_class != Class::unknown) {
    diagnostics_.report(DiagCode::expression_type_mismatch, expr.span,
                        std::string(what) + " needs a condition (true or false), but this is " +
                            describe(type, schema_));
    return std::nullopt;
  }
  return result;
}

}  // namespace ormc::check_detail
