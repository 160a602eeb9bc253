// A strict JSON validator (RFC 8259) with the limits of PostgreSQL's jsonb added: a
// document passes when it binds on both backends and means the same on both.
#include "values/json_check.hpp"

#include <algorithm>
#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "values/utf8_check.hpp"

namespace ormc::detail {
namespace {

// SQLite's JSON functions refuse documents nested deeper than this; ormc refuses them on
// every backend (and the validator's stack stays bounded).
constexpr std::size_t max_depth = 1000;
// PostgreSQL's numeric (jsonb numbers): at most 131072 digits before the point and 16383
// after it.
constexpr std::int64_t max_integer_digits = 131072;
constexpr std::int64_t max_fraction_digits = 16383;

class JsonChecker {
 public:
  explicit JsonChecker(std::string_view text) : text_(text) {}

  std::optional<JsonError> error() {
    skip_space();
    if (value()) {
      skip_space();
      if (at_ != text_.size()) fail("unexpected text after the document");
    }
    if (reason_.empty()) return std::nullopt;
    return JsonError{reason_, error_at_};
  }

 private:
  struct Open {
    char close;
    std::unordered_set<std::string> keys;  // an object's keys, decoded, to find a duplicate
  };

  bool fail(std::string why) {
    if (reason_.empty()) {
      reason_ = std::move(why);
      error_at_ = at_;
    }
    return false;
  }

  [[nodiscard]] bool at_end() const { return at_ >= text_.size(); }
  [[nodiscard]] char peek() const { return at_end() ? '\0' : text_[at_]; }

  void skip_space() {
    while (!at_end() &&
           (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r')) {
      ++at_;
    }
  }

  // One value; containers are walked with an explicit stack, so depth costs no recursion.
  bool value() {
    std::vector<Open> stack;
    while (true) {
      skip_space();
      if (at_end()) return fail("the document ends where a value was expected");
      const char c = text_[at_];
      if (c == '{' || c == '[') {
        if (stack.size() == max_depth) {
          return fail("it nests deeper than " + std::to_string(max_depth) + " levels");
        }
        ++at_;
        stack.push_back({c == '{' ? '}' : ']', {}});
        skip_space();
        if (peek() == stack.back().close) {
          ++at_;
          stack.pop_back();
        } else if (stack.back().close == '}' && !key(stack.back())) {
          return false;
        } else {
          continue;  // the first element
        }
      } else if (!scalar()) {
        return false;
      }
      // After a value: close containers, or move to the next element.
      while (true) {
        if (stack.empty()) return true;
        skip_space();
        if (peek() == ',') {
          ++at_;
          skip_space();
          if (stack.back().close == '}' && !key(stack.back())) return false;
          break;
        }
        if (peek() != stack.back().close) {
          return fail(std::string("expected ',' or '") + stack.back().close + "'");
        }
        ++at_;
        stack.pop_back();
      }
    }
  }

  // An object's key and its ':'; a key seen before in the same object is refused: jsonb
  // keeps only the last one, SQLite all of them.
  bool key(Open& object) {
    if (peek() != '"') return fail("expected a string key");
    std::string decoded;
    const std::size_t start = at_;
    if (!string(&decoded)) return false;
    if (!object.keys.insert(decoded).second) {
      at_ = start;
      return fail("the key " + text_preview(decoded) +
                  " appears twice in one object: PostgreSQL's jsonb would keep only the last");
    }
    skip_space();
    if (peek() != ':') return fail("expected ':' after a key");
    ++at_;
    return true;
  }

  bool scalar() {
    const char c = text_[at_];
    if (c == '"') return string(nullptr);
    if (c == '-' || (c >= '0' && c <= '9')) return number();
    for (const std::string_view word : {"true", "false", "null"}) {
      if (text_.substr(at_, word.size()) == word) {
        at_ += word.size();
        return true;
      }
    }
    return fail("expected a value");
  }

  static int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  // Four hex digits after "\u"; -1 when malformed.
  int escape_code() {
    if (at_ + 4 > text_.size()) return -1;
    int code = 0;
    for (std::size_t i = 0; i < 4; ++i) {
      const int digit = hex_digit(text_[at_ + i]);
      if (digit < 0) return -1;
      code = code * 16 + digit;
    }
    at_ += 4;
    return code;
  }

  static void append_utf8(std::string& out, std::uint32_t code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  // A string; its decoded text into `decoded` when given (for keys).
  bool string(std::string* decoded) {
    ++at_;  // the opening quote
    while (true) {
      if (at_end()) return fail("a string is not closed");
      const auto c = static_cast<unsigned char>(text_[at_]);
      if (c == '"') {
        ++at_;
        return true;
      }
      if (c < 0x20) return fail("a control character must be escaped in a string");
      if (c != '\\') {
        const std::size_t length = utf8_sequence_length(text_, at_);
        if (length == 0) return fail("the text is not valid UTF-8");
        if (decoded != nullptr) decoded->append(text_.substr(at_, length));
        at_ += length;
        continue;
      }
      ++at_;
      const char escaped = peek();
      ++at_;
      std::uint32_t code = 0;
      switch (escaped) {
        case '"': code = '"'; break;
        case '\\': code = '\\'; break;
        case '/': code = '/'; break;
        case 'b': code = '\b'; break;
        case 'f': code = '\f'; break;
        case 'n': code = '\n'; break;
        case 'r': code = '\r'; break;
        case 't': code = '\t'; break;
        case 'u': {
          const std::size_t start = at_ - 2;
          const int first = escape_code();
          if (first < 0) return fail("\\u must be followed by four hexadecimal digits");
          if (first == 0) {
            at_ = start;
            return fail("\\u0000 cannot be stored (PostgreSQL's jsonb refuses it)");
          }
          code = static_cast<std::uint32_t>(first);
          if (first >= 0xDC00 && first <= 0xDFFF) {
            at_ = start;
            return fail("a low surrogate \\u escape without a high one before it");
          }
          if (first >= 0xD800 && first <= 0xDBFF) {
            const int second = text_.substr(at_, 2) == "\\u" ? (at_ += 2, escape_code()) : -1;
            if (second < 0xDC00 || second > 0xDFFF) {
              at_ = start;
              return fail("a high surrogate \\u escape without a low one after it");
            }
            code =
                0x10000 + ((code - 0xD800) << 10) + (static_cast<std::uint32_t>(second) - 0xDC00);
          }
          break;
        }
        default:
          at_ -= 2;  // at the backslash
          return fail("an unknown escape in a string");
      }
      if (decoded != nullptr) append_utf8(*decoded, code);
    }
  }

  // Digits from at_; how many.
  std::int64_t digit_run() {
    const std::size_t start = at_;
    while (!at_end() && text_[at_] >= '0' && text_[at_] <= '9') ++at_;
    return static_cast<std::int64_t>(at_ - start);
  }

  // -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?, within numeric's range.
  bool number() {
    const std::size_t start = at_;
    if (peek() == '-') ++at_;
    const std::size_t integer_start = at_;
    const std::int64_t integer_digits = digit_run();
    if (integer_digits == 0) return fail("a number needs a digit");
    if (integer_digits > 1 && text_[integer_start] == '0') {
      at_ = integer_start;
      return fail("a number cannot start with 0");
    }
    // Leading zeros of the value: "0.005" has its first significant digit 3 places
    // after the point.
    const std::size_t significant_start = text_.find_first_not_of("0.", integer_start);
    std::int64_t fraction_digits = 0;
    if (peek() == '.') {
      ++at_;
      fraction_digits = digit_run();
      if (fraction_digits == 0) return fail("a number needs digits after its '.'");
    }
    std::int64_t exponent = 0;
    if (peek() == 'e' || peek() == 'E') {
      ++at_;
      const bool negative = peek() == '-';
      if (peek() == '+' || peek() == '-') ++at_;
      const std::size_t exponent_start = at_;
      if (digit_run() == 0) return fail("a number needs digits in its exponent");
      for (std::size_t i = exponent_start; i < at_ && exponent < 1'000'000'000; ++i) {
        exponent = exponent * 10 + (text_[i] - '0');  // clamped: far beyond any limit
      }
      if (negative) exponent = -exponent;
    }
    const bool zero = significant_start == std::string_view::npos || significant_start >= at_ ||
                      text_[significant_start] < '1' || text_[significant_start] > '9';
    // Digits before the point of the value, once the exponent is applied.
    std::int64_t significant_integer_digits = 0;
    if (!zero) {
      const std::int64_t position =
          significant_start < integer_start + static_cast<std::size_t>(integer_digits)
              ? static_cast<std::int64_t>(integer_start) + integer_digits -
                    static_cast<std::int64_t>(significant_start)
              : -(static_cast<std::int64_t>(significant_start) -
                  static_cast<std::int64_t>(integer_start) - integer_digits - 1);
      significant_integer_digits = position + exponent;
    }
    const std::int64_t scale = std::max<std::int64_t>(0, fraction_digits - exponent);
    if (significant_integer_digits > max_integer_digits || scale > max_fraction_digits) {
      at_ = start;
      return fail("the number is beyond PostgreSQL's numeric (at most " +
                  std::to_string(max_integer_digits) + " digits before the point and " +
                  std::to_string(max_fraction_digits) + " after)");
    }
    return true;
  }

  std::string_view text_;
  std::size_t at_ = 0;
  std::string reason_;
  std::size_t error_at_ = 0;
};

}  // namespace

std::optional<JsonError> check_json(std::string_view text) { return JsonChecker(text).error(); }

}  // namespace ormc::detail
