// C++ member types and default initializers of columns.
#include "emit/cpp/cpp_values.hpp"

#include <cstdio>
#include <vector>

namespace ormc::cpp {
namespace {

using model::TypeKind;

// The number in text[at, at + count) (digits only: the checker validated the literal).
int number_at(std::string_view text, std::size_t at, std::size_t count) {
  int value = 0;
  for (std::size_t i = at; i < at + count && i < text.size(); ++i)
    value = value * 10 + (text[i] - '0');
  return value;
}

// "std::chrono::year{2024} / 2 / 29" for "2024-02-29".
std::string date_expression(std::string_view text) {
  return "::std::chrono::year{" + std::to_string(number_at(text, 0, 4)) + "} / " +
         std::to_string(number_at(text, 5, 2)) + " / " + std::to_string(number_at(text, 8, 2));
}

// The non-zero parts of "HH:MM[:SS[.ffffff]]" as chrono durations, e.g.
// {"std::chrono::hours{12}", "std::chrono::minutes{30}"}; `length` gets the text consumed.
std::vector<std::string> time_terms(std::string_view text, std::size_t& length) {
  std::vector<std::string> terms;
  auto add = [&](const char* unit, int value) {
    if (value != 0)
      terms.push_back("::std::chrono::" + std::string(unit) + "{" + std::to_string(value) + "}");
  };
  add("hours", number_at(text, 0, 2));
  add("minutes", number_at(text, 3, 2));
  length = 5;
  if (text.size() > 5 && text[5] == ':') {
    add("seconds", number_at(text, 6, 2));
    length = 8;
    if (text.size() > 8 && text[8] == '.') {
      std::size_t end = 9;
      while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
      std::string digits(text.substr(9, end - 9));
      digits.resize(6, '0');
      add("microseconds", number_at(digits, 0, 6));
      length = end;
    }
  }
  return terms;
}

std::string join_terms(const std::vector<std::string>& terms) {
  std::string out;
  for (const std::string& term : terms) {
    if (!out.empty()) out += " + ";
    out += term;
  }
  return out;
}

// "2024-01-01 08:30+02:00" as a sum of chrono terms in UTC (the offset subtracted).
std::string timestamp_expression(std::string_view text) {
  std::string out = "::std::chrono::sys_days{" + date_expression(text) + "}";
  std::size_t length = 0;
  for (const std::string& term : time_terms(text.substr(11), length)) out += " + " + term;
  std::string_view zone = text.substr(11 + length);
  if (zone.size() >= 3 && (zone[0] == '+' || zone[0] == '-')) {
    // Local time = UTC + offset, so UTC = local - offset.
    const char* sign = zone[0] == '+' ? " - " : " + ";
    int hours = number_at(zone, 1, 2);
    int minutes = zone.size() > 3 ? number_at(zone, zone[3] == ':' ? 4 : 3, 2) : 0;
    if (hours != 0)
      out += sign + std::string("::std::chrono::hours{") + std::to_string(hours) + "}";
    if (minutes != 0) {
      out += sign + std::string("::std::chrono::minutes{") + std::to_string(minutes) + "}";
    }
  }
  return out;
}

std::string hex_byte(unsigned value) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "0x%02x", value & 0xFFu);
  return buffer;
}

std::string uuid_expression(std::string_view text) {
  std::string out = "::ormc::Uuid{{";
  int count = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] == '-') continue;
    auto digit = [](char c) {
      return static_cast<unsigned>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    };
    if (count++ > 0) out += ", ";
    out += hex_byte(digit(text[i]) * 16 + digit(text[i + 1]));
    ++i;
  }
  return out + "}}";
}

std::string bytes_expression(std::string_view text) {
  std::string out = "::ormc::Bytes{";
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i > 0) out += ", ";
    out += "::std::byte{" + hex_byte(static_cast<unsigned char>(text[i])) + "}";
  }
  return out + "}";
}

std::string integer_literal(const std::string& text) {
  // -9223372036854775808 is not a literal: 9223372036854775808 does not fit any integer type.
  if (text == "-9223372036854775808") return "-9223372036854775807 - 1";
  return text;
}

std::string float_literal(const model::Expr& value, bool single) {
  std::string text = value.text;
  if (value.kind == model::ExprKind::integer) text += ".0";
  return single ? text + "f" : text;
}

bool fits_int64(const std::string& text) {
  std::string_view digits = text;
  bool negative = digits.starts_with('-');
  if (negative) digits.remove_prefix(1);
  std::string_view limit = negative ? "9223372036854775808" : "9223372036854775807";
  return digits.size() < limit.size() || (digits.size() == limit.size() && digits <= limit);
}

}  // namespace

std::string qualified(std::string_view name_namespace, std::string_view name,
                      std::string_view from_namespace) {
  if (name_namespace == from_namespace) return std::string(name);
  return "::" + std::string(name_namespace) + "::" + std::string(name);
}

std::string value_type(const model::ColumnType& type, const model::Schema& schema,
                       std::string_view from_namespace) {
  switch (type.kind) {
    case TypeKind::boolean: return "bool";
    case TypeKind::int16: return "::std::int16_t";
    case TypeKind::int32: return "::std::int32_t";
    case TypeKind::int64: return "::std::int64_t";
    case TypeKind::float32: return "float";
    case TypeKind::float64: return "double";
    case TypeKind::decimal: return "::ormc::Decimal";
    case TypeKind::string:
    case TypeKind::text: return "::std::string";
    case TypeKind::bytes: return "::ormc::Bytes";
    case TypeKind::date: return "::ormc::Date";
    case TypeKind::time: return "::ormc::Time";
    case TypeKind::timestamp:
    case TypeKind::timestamptz: return "::ormc::Timestamp";
    case TypeKind::uuid: return "::ormc::Uuid";
    case TypeKind::json: return "::ormc::Json";
    case TypeKind::enumeration: {
      const model::Enum& enumeration = schema.enums.at(type.enum_id);
      return qualified(enumeration.cpp_namespace, enumeration.name, from_namespace);
    }
  }
  return "void";
}

std::string member_type(const model::Column& column, const model::Schema& schema,
                        std::string_view from_namespace) {
  std::string type = value_type(column.type, schema, from_namespace);
  return column.nullable ? "::std::optional<" + type + ">" : type;
}

std::string member_initializer(const model::Column& column, const model::Schema& schema,
                               std::string_view from_namespace) {
  const TypeKind kind = column.type.kind;
  // Every member gets an initializer: GCC's -Wmissing-field-initializers (in -Wextra) flags
  // a designated initializer that skips a member without one, even a std::string.
  constexpr const char* empty = "{}";
  if (!column.default_value) return empty;
  const model::Expr& value = column.default_value->expr;
  const std::string type = value_type(column.type, schema, from_namespace);
  // A class-type value: `{args}` on a plain member, ` = Type{args}` inside std::optional.
  auto construct = [&](const std::string& arguments) {
    return column.nullable ? " = " + type + "{" + arguments + "}" : "{" + arguments + "}";
  };
  switch (value.kind) {
    case model::ExprKind::null:
    case model::ExprKind::now: return empty;
    case model::ExprKind::boolean: return " = " + value.text;
    case model::ExprKind::enum_value: {
      const model::Enum& enumeration = schema.enums.at(value.enum_id);
      return " = " + type + "::" + enumeration.values.at(value.value_index).name;
    }
    case model::ExprKind::integer:
    case model::ExprKind::decimal:
      if (kind == TypeKind::float32 || kind == TypeKind::float64) {
        return " = " + float_literal(value, kind == TypeKind::float32);
      }
      if (kind == TypeKind::decimal) {
        // Decimal(std::int64_t) is implicit; other values keep their exact text.
        if (value.kind == model::ExprKind::integer && fits_int64(value.text)) {
          return " = " + value.text;
        }
        return construct(cpp_string_literal(value.text));
      }
      return " = " + integer_literal(value.text);
    case model::ExprKind::string:
      switch (kind) {
        case TypeKind::date: return " = " + date_expression(value.text);
        case TypeKind::time: {
          std::size_t length = 0;
          std::vector<std::string> terms = time_terms(value.text, length);
          if (terms.empty()) return column.nullable ? " = ::ormc::Time{}" : empty;
          return " = " + join_terms(terms);
        }
        case TypeKind::timestamp:
        case TypeKind::timestamptz: return " = " + timestamp_expression(value.text);
        case TypeKind::uuid: return " = " + uuid_expression(value.text);
        case TypeKind::bytes: return " = " + bytes_expression(value.text);
        case TypeKind::json: return " = ::ormc::Json{" + cpp_string_literal(value.text) + "}";
        default: return " = " + cpp_string_literal(value.text);
      }
    default: return empty;
  }
}

std::string cpp_string_literal(std::string_view value) {
  std::string out = "\"";
  for (char c : value) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          // Octal escapes stop after three digits, whatever character follows.
          char buffer[8];
          std::snprintf(buffer, sizeof buffer, "\\%03o", static_cast<unsigned char>(c));
          out += buffer;
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

}  // namespace ormc::cpp
