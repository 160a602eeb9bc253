// Decimal and Uuid: parsing into canonical text, numeric comparison, formatting.
#include "ormc/types.hpp"

#include <algorithm>
#include <charconv>
#include <stdexcept>
#include <string>

namespace ormc {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// The parts of canonical decimal text: sign, integer digits (no leading zeros, at least
// one digit), fraction digits (as written).
struct DecimalParts {
  bool negative = false;
  std::string_view integer;
  std::string_view fraction;
};

DecimalParts split(const std::string& canonical) {
  DecimalParts parts;
  std::string_view text = canonical;
  if (!text.empty() && text.front() == '-') {
    parts.negative = true;
    text.remove_prefix(1);
  }
  const auto dot = text.find('.');
  parts.integer = text.substr(0, dot);
  if (dot != std::string_view::npos) parts.fraction = text.substr(dot + 1);
  return parts;
}

// Compares magnitudes: longer integer part is larger; then digit by digit, the shorter
// fraction padded with zeros.
std::strong_ordering compare_magnitude(const DecimalParts& a, const DecimalParts& b) {
  if (a.integer.size() != b.integer.size()) return a.integer.size() <=> b.integer.size();
  if (auto c = a.integer.compare(b.integer); c != 0) return c <=> 0;
  const std::size_t n = std::max(a.fraction.size(), b.fraction.size());
  for (std::size_t i = 0; i < n; ++i) {
    const char x = i < a.fraction.size() ? a.fraction[i] : '0';
    const char y = i < b.fraction.size() ? b.fraction[i] : '0';
    if (x != y) return x <=> y;
  }
  return std::strong_ordering::equal;
}

bool is_zero(const DecimalParts& p) {
  return p.integer == "0" && p.fraction.find_first_not_of('0') == std::string_view::npos;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Decimal::Decimal(std::string_view text) {
  std::string_view rest = text;
  bool negative = false;
  if (!rest.empty() && (rest.front() == '+' || rest.front() == '-')) {
    negative = rest.front() == '-';
    rest.remove_prefix(1);
  }
  const auto dot = rest.find('.');
  std::string_view integer = rest.substr(0, dot);
  std::string_view fraction =
      dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
  const bool valid =
      !integer.empty() && std::all_of(integer.begin(), integer.end(), is_digit) &&
      (dot == std::string_view::npos ||
       (!fraction.empty() && std::all_of(fraction.begin(), fraction.end(), is_digit)));
  if (!valid) {
    throw std::invalid_argument("invalid decimal \"" + std::string(text) +
                                "\": expected [+-]digits[.digits], e.g. -12.50");
  }
  while (integer.size() > 1 && integer.front() == '0') integer.remove_prefix(1);
  const bool zero = integer == "0" && fraction.find_first_not_of('0') == std::string_view::npos;
  text_.reserve(integer.size() + fraction.size() + 2);
  if (negative && !zero) text_ += '-';  // "-0.00" is "0.00": one zero, one text
  text_ += integer;
  if (!fraction.empty()) {
    text_ += '.';
    text_ += fraction;
  }
}

double Decimal::to_double() const {
  double value = 0;
  std::from_chars(text_.data(), text_.data() + text_.size(), value);
  return value;
}

bool operator==(const Decimal& a, const Decimal& b) { return std::is_eq(a <=> b); }

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
  const DecimalParts x = split(a.text_);
  const DecimalParts y = split(b.text_);
  const bool x_negative = x.negative && !is_zero(x);
  const bool y_negative = y.negative && !is_zero(y);
  if (x_negative != y_negative) {
    return x_negative ? std::strong_ordering::less : std::strong_ordering::greater;
  }
  const auto magnitude = compare_magnitude(x, y);
  // NOLINTNEXTLINE(modernize-use-nullptr): 0 <=> an ordering reverses it; the 0 is no pointer
  return x_negative ? 0 <=> magnitude : magnitude;
}

std::optional<Uuid> Uuid::parse(std::string_view text) {
  if (text.size() == 38 && text.front() == '{' && text.back() == '}') {
    text = text.substr(1, 36);
  }
  const bool dashed = text.size() == 36;
  if (!dashed && text.size() != 32) return std::nullopt;
  if (dashed && (text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-')) {
    return std::nullopt;
  }
  Uuid uuid;
  std::size_t nibble = 0;
  for (const char c : text) {
    if (dashed && c == '-') continue;
    const int v = hex_value(c);
    if (v < 0) return std::nullopt;
    auto& byte = uuid.bytes[nibble / 2];
    byte = static_cast<std::uint8_t>(nibble % 2 == 0 ? v << 4 : byte | v);
    ++nibble;
  }
  if (nibble != 32) return std::nullopt;
  return uuid;
}

std::string Uuid::str() const {
  static constexpr char digits[] = "0123456789abcdef";
  std::string text;
  text.reserve(36);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
    text += digits[bytes[i] >> 4];
    text += digits[bytes[i] & 0x0f];
  }
  return text;
}

Decimal Decimal::with_scale(int scale) const {
  if (scale < 0) return *this;
  std::size_t dot = text_.find('.');
  std::size_t digits = dot == std::string::npos ? 0 : text_.size() - dot - 1;
  if (digits >= static_cast<std::size_t>(scale)) return *this;
  Decimal result = *this;
  if (dot == std::string::npos && scale > 0) result.text_ += '.';
  result.text_.append(static_cast<std::size_t>(scale) - digits, '0');
  return result;
}

}  // namespace ormc
