// Whether a literal default fits its column: integer ranges, decimal digits, string
// lengths, and the shape of date, time, timestamp, uuid and json strings.
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "check/schema_checker.hpp"
#include "support/utf8.hpp"
#include "values/json_check.hpp"

namespace ormc::check_detail {
namespace {

using model::TypeKind;

bool digits(std::string_view text, std::size_t at, std::size_t count, int& value) {
  if (at + count > text.size()) return false;
  value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    value = value * 10 + (text[i] - '0');
  }
  return true;
}

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// YYYY-MM-DD with a real day of the month.
bool valid_date(std::string_view text) {
  int year = 0;
  int month = 0;
  int day = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  if (!digits(text, 0, 4, year) || !digits(text, 5, 2, month) || !digits(text, 8, 2, day)) {
    return false;
  }
  static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 || day > days[month - 1]) return false;
  return !(month == 2 && day == 29 && !is_leap(year));
}

// HH:MM[:SS[.ffffff]]; returns the length consumed, 0 when malformed.
std::size_t time_prefix(std::string_view text) {
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (text.size() < 5 || text[2] != ':' || !digits(text, 0, 2, hour) ||
      !digits(text, 3, 2, minute) || hour > 23 || minute > 59) {
    return 0;
  }
  std::size_t at = 5;
  if (at < text.size() && text[at] == ':') {
    if (!digits(text, at + 1, 2, second) || second > 59) return 0;
    at += 3;
    if (at < text.size() && text[at] == '.') {
      std::size_t start = ++at;
      while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at]))) ++at;
      if (at == start || at - start > 6) return 0;
    }
  }
  return at;
}

bool valid_time(std::string_view text) {
  std::size_t length = time_prefix(text);
  return length != 0 && length == text.size();
}

// "YYYY-MM-DD HH:MM[:SS[.f]]" (or with 'T'); with time zone: then Z or +HH[:MM] / -HH[:MM].
bool valid_timestamp(std::string_view text, bool with_zone) {
  if (text.size() < 16 || !valid_date(text.substr(0, 10)) || (text[10] != ' ' && text[10] != 'T')) {
    return false;
  }
  std::string_view rest = text.substr(11);
  std::size_t length = time_prefix(rest);
  if (length == 0) return false;
  rest.remove_prefix(length);
  if (rest.empty()) return true;
  if (!with_zone) return false;
  if (rest == "Z") return true;
  int hour = 0;
  int minute = 0;
  if ((rest[0] != '+' && rest[0] != '-') || !digits(rest, 1, 2, hour) || hour > 14) return false;
  if (rest.size() == 3) return true;
  std::size_t at = rest[3] == ':' ? 4 : 3;
  return rest.size() == at + 2 && digits(rest, at, 2, minute) && minute <= 59;
}

bool valid_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !std::isxdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

std::string year_zero(const std::string& text, const std::string& column) {
  return "default \"" + text + "\" of " + column +
         " is in year 0, which PostgreSQL's dates do not have (the year before 1 AD is 1 BC); "
         "the earliest date is 0001-01-01";
}

// A float or double literal that overflows to infinity, or underflows to zero from a
// non-zero value: C++ would not compile (or would change) it, PostgreSQL refuses it.
bool float_fits(const std::string& text, bool single) {
  errno = 0;
  char* end = nullptr;
  double value = single ? std::strtof(text.c_str(), &end) : std::strtod(text.c_str(), &end);
  if (std::isinf(value)) return false;
  bool nonzero_digit = text.find_first_of("123456789") < text.find_first_of("eE");
  return !(value == 0 && nonzero_digit);
}

std::string integer_range(TypeKind kind) {
  switch (kind) {
    case TypeKind::int16: return "-32768..32767";
    case TypeKind::int32: return "-2147483648..2147483647";
    default: return "-9223372036854775808..9223372036854775807";
  }
}

}  // namespace

bool SchemaChecker::check_literal_fits(const model::ColumnType& type, const ast::Expr& literal,
                                       bool negative, std::string_view column_name) {
  const std::string& text = literal.text;
  const std::string column = "column '" + std::string(column_name) + "'";
  auto out_of_range = [&](const std::string& why) {
    diagnostics_.report(DiagCode::default_out_of_range, literal.span, why);
    return false;
  };
  auto malformed = [&](const std::string& why) {
    diagnostics_.report(DiagCode::invalid_literal, literal.span, why);
    return false;
  };

  if (literal.kind == ast::ExprKind::integer || literal.kind == ast::ExprKind::decimal) {
    if (model::is_integer(type.kind)) {
      if (literal.kind == ast::ExprKind::decimal) {
        diagnostics_.report(DiagCode::default_type_mismatch, literal.span,
                            "default " + text + " is not an integer, but " + column + " is " +
                                model::type_kind_name(type.kind));
        return false;
      }
      std::string signed_text = (negative ? "-" : "") + text;
      std::int64_t value = 0;
      auto [end, error] =
          std::from_chars(signed_text.data(), signed_text.data() + signed_text.size(), value);
      std::int64_t low = type.kind == TypeKind::int16   ? std::numeric_limits<std::int16_t>::min()
                         : type.kind == TypeKind::int32 ? std::numeric_limits<std::int32_t>::min()
                                                        : std::numeric_limits<std::int64_t>::min();
      std::int64_t high = type.kind == TypeKind::int16   ? std::numeric_limits<std::int16_t>::max()
                          : type.kind == TypeKind::int32 ? std::numeric_limits<std::int32_t>::max()
                                                         : std::numeric_limits<std::int64_t>::max();
      if (error != std::errc{} || value < low || value > high) {
        return out_of_range("default " + signed_text + " does not fit " + column + " of type " +
                            model::type_kind_name(type.kind) + " (" + integer_range(type.kind) +
                            ")");
      }
      return true;
    }
    if (type.kind == TypeKind::float32 || type.kind == TypeKind::float64) {
      bool single = type.kind == TypeKind::float32;
      if (!float_fits(text, single)) {
        return out_of_range(
            "default " + std::string(negative ? "-" : "") + text + " does not fit " + column +
            " of type " + model::type_kind_name(type.kind) + " (" +
            (single ? "about 1.4e-45 to 3.4e38" : "about 4.9e-324 to 1.8e308") + " in magnitude)");
      }
      return true;
    }
    if (type.kind == TypeKind::decimal) {
      if (text.find_first_of("eE") != std::string::npos) {
        return out_of_range("write decimal defaults in plain digits, not with an exponent");
      }
      std::size_t dot = text.find('.');
      std::string whole = text.substr(0, dot);
      std::string fraction = dot == std::string::npos ? "" : text.substr(dot + 1);
      whole.erase(0, std::min(whole.find_first_not_of('0'), whole.size()));
      while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
      if (fraction.size() > type.scale || whole.size() > type.precision - type.scale) {
        return out_of_range("default " + text + " does not fit " + column + " of type decimal(" +
                            std::to_string(type.precision) + ", " + std::to_string(type.scale) +
                            "): at most " + std::to_string(type.precision - type.scale) +
                            " digits before the point and " + std::to_string(type.scale) +
                            " after");
      }
    }
    return true;
  }

  // String literals.
  switch (type.kind) {
    case TypeKind::string:
      if (utf8::count_code_points(text) > type.length) {
        return out_of_range("default is " + std::to_string(utf8::count_code_points(text)) +
                            " characters long, but " + column + " is string(" +
                            std::to_string(type.length) + ")");
      }
      return true;
    case TypeKind::uuid:
      return valid_uuid(text) ||
             malformed("\"" + text + "\" is not a UUID (8-4-4-4-12 hexadecimal digits)");
    case TypeKind::date:
      if (!valid_date(text)) return malformed("\"" + text + "\" is not a date (YYYY-MM-DD)");
      return !text.starts_with("0000") || out_of_range(year_zero(text, column));
    case TypeKind::time:
      return valid_time(text) || malformed("\"" + text + "\" is not a time (HH:MM[:SS[.ffffff]])");
    case TypeKind::timestamp:
      if (!valid_timestamp(text, false) && valid_timestamp(text, true)) {
        // PostgreSQL would drop the offset, SQLite's text would keep it: refused.
        return malformed("\"" + text + "\" has a time zone, but " + column +
                         " is a timestamp without time zone: write the time in UTC without "
                         "an offset, or make the column timestamptz");
      }
      if (!valid_timestamp(text, false)) {
        return malformed("\"" + text + "\" is not a timestamp (YYYY-MM-DD HH:MM[:SS[.ffffff]])");
      }
      return !text.starts_with("0000") || out_of_range(year_zero(text, column));
    case TypeKind::timestamptz:
      if (!valid_timestamp(text, true)) {
        return malformed("\"" + text +
                         "\" is not a timestamp with time zone (YYYY-MM-DD HH:MM[:SS][+HH:MM|Z])");
      }
      return !text.starts_with("0000") || out_of_range(year_zero(text, column));
    case TypeKind::json:
      // The runtime's check: a default is valid when the same document would bind.
      if (const auto error = detail::check_json(text)) {
        return malformed("default is not valid JSON: " + error->reason + " (at byte " +
                         std::to_string(error->offset) + " of the string)");
      }
      return true;
    default: return true;
  }
}

}  // namespace ormc::check_detail
