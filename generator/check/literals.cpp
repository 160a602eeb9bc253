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

// A strict, depth-limited JSON validator (RFC 8259), enough to reject a broken default.
class JsonValidator {
 public:
  explicit JsonValidator(std::string_view text) : text_(text) {}

  bool valid() {
    skip_space();
    if (!value(0)) return false;
    skip_space();
    return at_ == text_.size();
  }

 private:
  void skip_space() {
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\n' || text_[at_] == '\t' || text_[at_] == '\r')) {
      ++at_;
    }
  }
  bool literal(std::string_view word) {
    if (text_.substr(at_, word.size()) != word) return false;
    at_ += word.size();
    return true;
  }
  // The four hex digits of a \\u escape at at_ (after the 'u'), or -1.
  int hex4() {
    int value = 0;
    if (at_ + 4 > text_.size()) return -1;
    for (std::size_t i = 0; i < 4; ++i) {
      char c = text_[at_ + i];
      if (!std::isxdigit(static_cast<unsigned char>(c))) return -1;
      value = value * 16 +
              (std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    at_ += 4;
    return value;
  }
  bool string() {
    if (at_ >= text_.size() || text_[at_] != '"') return false;
    for (++at_; at_ < text_.size();) {
      char c = text_[at_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c != '\\') continue;
      if (at_ >= text_.size()) return false;
      char escape = text_[at_++];
      if (escape != 'u') {
        if (std::string_view("\"\\/bfnrt").find(escape) == std::string_view::npos) return false;
        continue;
      }
      // PostgreSQL's jsonb cannot hold \\u0000, nor a surrogate that is not half of a pair.
      int unit = hex4();
      if (unit < 0) return false;
      if (unit == 0)
        return fail("\\u0000 (a NUL character), which PostgreSQL's jsonb cannot store");
      if (unit >= 0xDC00 && unit <= 0xDFFF) return fail("a lone low surrogate \\u" + text(unit));
      if (unit >= 0xD800 && unit <= 0xDBFF) {
        if (text_.substr(at_, 2) != "\\u") return fail("a lone high surrogate \\u" + text(unit));
        at_ += 2;
        int low = hex4();
        if (low < 0xDC00 || low > 0xDFFF) return fail("a lone high surrogate \\u" + text(unit));
      }
    }
    return false;
  }
  // RFC 8259: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, within what PostgreSQL's
  // numeric holds (131072 digits before the point, 16383 after).
  bool number() {
    auto digit = [&] {
      return at_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at_]));
    };
    if (at_ < text_.size() && text_[at_] == '-') ++at_;
    if (!digit()) return false;
    long long magnitude = 0;  // the decimal exponent of the leading digit, roughly
    bool zero = text_[at_] == '0';
    if (zero) {
      ++at_;
    } else {
      while (digit()) ++at_, ++magnitude;
    }
    if (at_ < text_.size() && text_[at_] == '.') {
      ++at_;
      if (!digit()) return false;
      while (digit()) ++at_;
    }
    if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
      ++at_;
      bool negative = at_ < text_.size() && text_[at_] == '-';
      if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) ++at_;
      if (!digit()) return false;
      long long exponent = 0;
      while (digit()) {
        exponent = std::min(exponent * 10 + (text_[at_] - '0'), 1000000LL);
        ++at_;
      }
      magnitude += negative ? -exponent : exponent;
      if (magnitude > 131072 || magnitude < -16383) {
        return fail("a number beyond what PostgreSQL's numeric holds (about 1e-16383 to 1e131072)");
      }
    }
    return true;
  }
  static std::string text(int unit) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "%04x", static_cast<unsigned>(unit));
    return buffer;
  }
  bool fail(std::string reason) {
    unstorable_ = std::move(reason);
    return false;
  }
  bool value(int depth) {
    if (depth > 64 || at_ >= text_.size()) return false;
    char c = text_[at_];
    if (c == '{' || c == '[') {
      char close = c == '{' ? '}' : ']';
      ++at_;
      skip_space();
      if (at_ < text_.size() && text_[at_] == close) {
        ++at_;
        return true;
      }
      while (true) {
        skip_space();
        if (c == '{') {
          if (!string()) return false;
          skip_space();
          if (at_ >= text_.size() || text_[at_++] != ':') return false;
          skip_space();
        }
        if (!value(depth + 1)) return false;
        skip_space();
        if (at_ >= text_.size()) return false;
        if (text_[at_] == close) {
          ++at_;
          return true;
        }
        if (text_[at_++] != ',') return false;
      }
    }
    if (c == '"') return string();
    if (c == 't') return literal("true");
    if (c == 'f') return literal("false");
    if (c == 'n') return literal("null");
    return number();
  }

  std::string_view text_;
  std::size_t at_ = 0;

 public:
  //! Set when the text is JSON that the databases cannot store (not merely malformed).
  std::string unstorable_;
};

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
    case TypeKind::json: {
      JsonValidator json(text);
      if (json.valid()) return true;
      if (!json.unstorable_.empty()) {
        return out_of_range("the JSON default of " + column + " contains " + json.unstorable_);
      }
      return malformed("default is not valid JSON");
    }
    default: return true;
  }
}

}  // namespace ormc::check_detail
