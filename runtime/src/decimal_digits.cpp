// Schoolbook arithmetic on decimal digit strings. Operands are at most a few hundred digits
// (PostgreSQL's numeric allows 1000), so quadratic multiplication and division by repeated
// subtraction are fast enough and easy to check.
#include "decimal_digits.hpp"

#include <algorithm>
#include <cassert>
#include <charconv>
#include <cstddef>
#include <vector>

namespace ormc::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

void strip_leading_zeros(std::string& digits) {
  const std::size_t first = digits.find_first_not_of('0');
  if (first == std::string::npos) {
    digits = "0";
  } else if (first > 0) {
    digits.erase(0, first);
  }
}

ScaledDecimal make(bool negative, std::string digits, int scale) {
  strip_leading_zeros(digits);
  ScaledDecimal result{negative, std::move(digits), scale};
  if (result.is_zero()) result.negative = false;
  return result;
}

// The digits of `value` scaled up to `scale` (>= value.scale): trailing zeros appended.
std::string digits_at(const ScaledDecimal& value, int scale) {
  std::string digits = value.digits;
  if (!value.is_zero()) digits.append(static_cast<std::size_t>(scale - value.scale), '0');
  return digits;
}

// Unsigned integers as digit strings without leading zeros.
int compare_magnitude(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  const int c = a.compare(b);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

std::string add_magnitude(const std::string& a, const std::string& b) {
  std::string sum;
  sum.reserve(std::max(a.size(), b.size()) + 1);
  int carry = 0;
  for (std::size_t i = 0; i < a.size() || i < b.size() || carry != 0; ++i) {
    int d = carry;
    if (i < a.size()) d += a[a.size() - 1 - i] - '0';
    if (i < b.size()) d += b[b.size() - 1 - i] - '0';
    sum += static_cast<char>('0' + d % 10);
    carry = d / 10;
  }
  std::reverse(sum.begin(), sum.end());
  strip_leading_zeros(sum);
  return sum;
}

// x * 10^x_shift + y * 10^y_shift in one pass, without building the shifted copies: the
// inner step of sums, which add row after row.
std::string add_shifted(const std::string& x, std::size_t x_shift, const std::string& y,
                        std::size_t y_shift) {
  const std::size_t size = std::max(x.size() + x_shift, y.size() + y_shift) + 1;
  std::string sum(size, '0');
  auto digit = [](const std::string& d, std::size_t shift, std::size_t i) {
    if (i < shift || i - shift >= d.size()) return 0;
    return d[d.size() - 1 - (i - shift)] - '0';
  };
  int carry = 0;
  for (std::size_t i = 0; i < size; ++i) {
    const int d = digit(x, x_shift, i) + digit(y, y_shift, i) + carry;
    sum[size - 1 - i] = static_cast<char>('0' + d % 10);
    carry = d / 10;
  }
  strip_leading_zeros(sum);
  return sum;
}

// a - b for a >= b.
std::string subtract_magnitude(const std::string& a, const std::string& b) {
  std::string difference = a;
  int borrow = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::size_t at = a.size() - 1 - i;
    int d = (a[at] - '0') - borrow - (i < b.size() ? b[b.size() - 1 - i] - '0' : 0);
    borrow = d < 0 ? 1 : 0;
    difference[at] = static_cast<char>('0' + d + 10 * borrow);
  }
  assert(borrow == 0);
  strip_leading_zeros(difference);
  return difference;
}

std::string multiply_magnitude(const std::string& a, const std::string& b) {
  std::vector<unsigned> sum(a.size() + b.size(), 0);
  for (std::size_t i = 0; i < a.size(); ++i) {
    const auto x = static_cast<unsigned>(a[a.size() - 1 - i] - '0');
    if (x == 0) continue;
    for (std::size_t j = 0; j < b.size(); ++j) {
      sum[i + j] += x * static_cast<unsigned>(b[b.size() - 1 - j] - '0');
    }
    // Carry now and then so that the column sums stay far from overflow.
    if (i % 1000 == 999) {
      for (std::size_t k = 0; k + 1 < sum.size(); ++k) {
        sum[k + 1] += sum[k] / 10;
        sum[k] %= 10;
      }
    }
  }
  std::string product(sum.size(), '0');
  unsigned carry = 0;
  for (std::size_t k = 0; k < sum.size(); ++k) {
    const unsigned d = sum[k] + carry;
    product[sum.size() - 1 - k] = static_cast<char>('0' + d % 10);
    carry = d / 10;
  }
  strip_leading_zeros(product);
  return product;
}

// Where the discarded part of a magnitude lies between two representable neighbours.
enum class Remainder { zero, below_half, half, above_half };

// Adds one unit in the last place when `mode` says the discarded `remainder` rounds away
// from zero (the magnitude is |value|; `negative` is the value's sign).
bool rounds_up(Remainder remainder, bool negative, bool last_digit_odd, RoundingMode mode) {
  if (remainder == Remainder::zero) return false;
  switch (mode) {
    case RoundingMode::half_even:
      return remainder == Remainder::above_half || (remainder == Remainder::half && last_digit_odd);
    case RoundingMode::half_up: return remainder != Remainder::below_half;
    case RoundingMode::half_down: return remainder == Remainder::above_half;
    case RoundingMode::down: return false;
    case RoundingMode::up: return true;
    case RoundingMode::floor: return negative;
    case RoundingMode::ceiling: return !negative;
  }
  return false;
}

ScaledDecimal finish_rounding(bool negative, std::string kept, int scale, Remainder remainder,
                              RoundingMode mode) {
  strip_leading_zeros(kept);
  const bool odd = ((kept.back() - '0') % 2) != 0;
  if (rounds_up(remainder, negative, odd, mode)) kept = add_magnitude(kept, "1");
  return make(negative, std::move(kept), scale);
}

// The digits of an integer digit string, without allocating: a view of text with its
// leading zeros dropped.
std::string_view without_leading_zeros(std::string_view digits) {
  while (digits.size() > 1 && digits.front() == '0') digits.remove_prefix(1);
  return digits;
}

struct TextParts {
  bool negative = false;
  std::string_view integer;   // no leading zeros, at least one digit
  std::string_view fraction;  // as written
  bool zero = false;
};

std::optional<TextParts> split_text(std::string_view text) {
  TextParts parts;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    parts.negative = text.front() == '-';
    text.remove_prefix(1);
  }
  const std::size_t dot = text.find('.');
  std::string_view integer = text.substr(0, dot);
  std::string_view fraction =
      dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
  if (integer.empty() || !std::all_of(integer.begin(), integer.end(), is_digit)) {
    return std::nullopt;
  }
  if (dot != std::string_view::npos &&
      (fraction.empty() || !std::all_of(fraction.begin(), fraction.end(), is_digit))) {
    return std::nullopt;
  }
  parts.integer = without_leading_zeros(integer);
  parts.fraction = fraction;
  parts.zero = parts.integer == "0" && fraction.find_first_not_of('0') == std::string_view::npos;
  if (parts.zero) parts.negative = false;
  return parts;
}

int compare_parts_magnitude(const TextParts& a, const TextParts& b) {
  if (a.integer.size() != b.integer.size()) return a.integer.size() < b.integer.size() ? -1 : 1;
  if (const int c = a.integer.compare(b.integer); c != 0) return c < 0 ? -1 : 1;
  const std::size_t n = std::max(a.fraction.size(), b.fraction.size());
  for (std::size_t i = 0; i < n; ++i) {
    const char x = i < a.fraction.size() ? a.fraction[i] : '0';
    const char y = i < b.fraction.size() ? b.fraction[i] : '0';
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

// PostgreSQL's view of a number in base 10000: the weight (power of 10000) of its first
// non-zero base-10000 digit, and that digit. Zero has weight 0 and first digit 0.
struct Base10000Head {
  int weight = 0;
  int first_digit = 0;
};

int floor_divide(int a, int b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

Base10000Head base10000_head(const ScaledDecimal& value) {
  if (value.is_zero()) return {};
  const int exponent = static_cast<int>(value.digits.size()) - 1 - value.scale;
  const int weight = floor_divide(exponent, 4);
  // The group of four decimal digits at 10^(4 weight) .. 10^(4 weight + 3).
  const int shift = value.scale + 4 * weight;  // digits below the group
  std::string digits = value.digits;
  if (shift >= 0) {
    digits.resize(digits.size() - static_cast<std::size_t>(shift));
  } else {
    digits.append(static_cast<std::size_t>(-shift), '0');
  }
  const std::size_t take = std::min<std::size_t>(4, digits.size());
  return {weight, std::stoi(digits.substr(digits.size() - take))};
}

}  // namespace

std::string real_to_text(double value) {
  char buffer[64];
  // d.dddddddddddddde[+-]x: 15 significant digits.
  const auto end =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific, 14);
  const std::string_view text(buffer, static_cast<std::size_t>(end.ptr - buffer));
  const std::size_t e = text.find('e');
  const bool negative = text.front() == '-';
  std::string digits;
  for (const char c : text.substr(0, e)) {
    if (is_digit(c)) digits += c;
  }
  int exponent = 0;
  std::from_chars(text.data() + e + (text[e + 1] == '+' ? 2 : 1), text.data() + text.size(),
                  exponent);
  // value = 0.digits * 10^(exponent + 1); as an unscaled integer with a scale:
  const int scale = static_cast<int>(digits.size()) - 1 - exponent;
  ScaledDecimal result;
  if (scale >= 0) {
    result = make(negative, digits, scale);
  } else {
    result = make(negative, digits + std::string(static_cast<std::size_t>(-scale), '0'), 0);
  }
  // Drop the fraction zeros the 15 digits padded with.
  while (result.scale > 0 && result.digits.size() > 1 && result.digits.back() == '0') {
    result.digits.pop_back();
    --result.scale;
  }
  if (result.is_zero()) result.scale = 0;
  return to_text(result);
}

std::optional<ScaledDecimal> parse_scaled(std::string_view text) {
  const auto parts = split_text(text);
  if (!parts) return std::nullopt;
  std::string digits(parts->integer);
  digits += parts->fraction;
  return make(parts->negative, std::move(digits), static_cast<int>(parts->fraction.size()));
}

std::string to_text(const ScaledDecimal& value) {
  std::string digits = value.digits;
  const auto scale = static_cast<std::size_t>(value.scale);
  if (digits.size() <= scale) digits.insert(0, scale + 1 - digits.size(), '0');
  std::string text = value.negative ? "-" : "";
  text.append(digits, 0, digits.size() - scale);
  if (scale > 0) {
    text += '.';
    text.append(digits, digits.size() - scale, scale);
  }
  return text;
}

ScaledDecimal add(const ScaledDecimal& a, const ScaledDecimal& b) {
  const int scale = std::max(a.scale, b.scale);
  if (a.negative == b.negative) {
    return make(a.negative,
                add_shifted(a.digits, a.is_zero() ? 0 : static_cast<std::size_t>(scale - a.scale),
                            b.digits, b.is_zero() ? 0 : static_cast<std::size_t>(scale - b.scale)),
                scale);
  }
  const std::string x = digits_at(a, scale);
  const std::string y = digits_at(b, scale);
  const int c = compare_magnitude(x, y);
  if (c == 0) return make(false, "0", scale);
  return c > 0 ? make(a.negative, subtract_magnitude(x, y), scale)
               : make(b.negative, subtract_magnitude(y, x), scale);
}

ScaledDecimal subtract(const ScaledDecimal& a, const ScaledDecimal& b) {
  ScaledDecimal negated = b;
  negated.negative = !b.negative && !b.is_zero();
  return add(a, negated);
}

ScaledDecimal multiply(const ScaledDecimal& a, const ScaledDecimal& b) {
  return make(a.negative != b.negative, multiply_magnitude(a.digits, b.digits), a.scale + b.scale);
}

ScaledDecimal divide(const ScaledDecimal& a, const ScaledDecimal& b, int scale, RoundingMode mode) {
  assert(!b.is_zero() && scale >= 0);
  // |a| / |b| * 10^scale = (A * 10^(scale + sb - sa)) / B, with A, B the digit strings.
  std::string numerator = a.digits;
  std::string denominator = b.digits;
  const int shift = scale + b.scale - a.scale;
  if (shift >= 0) {
    if (!a.is_zero()) numerator.append(static_cast<std::size_t>(shift), '0');
  } else {
    denominator.append(static_cast<std::size_t>(-shift), '0');
  }
  std::string quotient;
  quotient.reserve(numerator.size());
  std::string remainder = "0";
  for (const char digit : numerator) {
    if (remainder == "0") {
      remainder.assign(1, digit);
    } else {
      remainder += digit;
    }
    char count = '0';
    while (compare_magnitude(remainder, denominator) >= 0) {
      remainder = subtract_magnitude(remainder, denominator);
      ++count;
    }
    quotient += count;
  }
  Remainder rest = Remainder::zero;
  if (remainder != "0") {
    const int c = compare_magnitude(add_magnitude(remainder, remainder), denominator);
    rest = c < 0 ? Remainder::below_half : (c == 0 ? Remainder::half : Remainder::above_half);
  }
  return finish_rounding(a.negative != b.negative, std::move(quotient), scale, rest, mode);
}

int division_scale(const ScaledDecimal& a, const ScaledDecimal& b) {
  constexpr int min_significant_digits = 16;  // NUMERIC_MIN_SIG_DIGITS
  constexpr int max_display_scale = 1000;     // NUMERIC_MAX_DISPLAY_SCALE
  const Base10000Head x = base10000_head(a);
  const Base10000Head y = base10000_head(b);
  // The quotient's weight; with equal first digits PostgreSQL assumes a < b.
  int quotient_weight = x.weight - y.weight;
  if (x.first_digit <= y.first_digit) --quotient_weight;
  int scale = min_significant_digits - quotient_weight * 4;
  scale = std::max({scale, a.scale, b.scale, 0});
  return std::min(scale, max_display_scale);
}

ScaledDecimal round_to(const ScaledDecimal& value, int scale, RoundingMode mode) {
  assert(scale >= 0);
  if (scale >= value.scale) return make(value.negative, digits_at(value, scale), scale);
  const auto dropped_count = static_cast<std::size_t>(value.scale - scale);
  std::string digits = value.digits;
  if (digits.size() <= dropped_count) digits.insert(0, dropped_count + 1 - digits.size(), '0');
  const std::string_view dropped =
      std::string_view(digits).substr(digits.size() - dropped_count, dropped_count);
  Remainder rest = Remainder::zero;
  if (dropped.find_first_not_of('0') != std::string_view::npos) {
    const bool tail_zero = dropped.find_first_not_of('0', 1) == std::string_view::npos;
    if (dropped.front() > '5' || (dropped.front() == '5' && !tail_zero)) {
      rest = Remainder::above_half;
    } else {
      rest = dropped.front() == '5' ? Remainder::half : Remainder::below_half;
    }
  }
  digits.resize(digits.size() - dropped_count);
  return finish_rounding(value.negative, std::move(digits), scale, rest, mode);
}

int compare(const ScaledDecimal& a, const ScaledDecimal& b) {
  if (a.negative != b.negative) return a.negative ? -1 : 1;
  const int scale = std::max(a.scale, b.scale);
  const int c = compare_magnitude(digits_at(a, scale), digits_at(b, scale));
  return a.negative ? -c : c;
}

std::optional<int> compare_text(std::string_view a, std::string_view b) {
  const auto x = split_text(a);
  const auto y = split_text(b);
  if (!x || !y) return std::nullopt;
  if (x->negative != y->negative) return x->negative ? -1 : 1;
  const int c = compare_parts_magnitude(*x, *y);
  return x->negative ? -c : c;
}

}  // namespace ormc::detail
