// Decimal's arithmetic, rounding and fit test, on the digit engine of decimal_digits.cpp.
#include <string>

#include "decimal_digits.hpp"
#include "ormc/error.hpp"
#include "ormc/types.hpp"

namespace ormc {
namespace {

// Canonical text always parses.
detail::ScaledDecimal scaled(const Decimal& value) { return *detail::parse_scaled(value.str()); }

Decimal from_scaled(const detail::ScaledDecimal& value) { return Decimal(detail::to_text(value)); }

[[noreturn]] void throw_division_by_zero(const Decimal& a) {
  throw ArgumentError("Decimal division by zero: " + a.str() + " / 0");
}

}  // namespace

int Decimal::scale() const {
  const auto dot = text_.find('.');
  return dot == std::string::npos ? 0 : static_cast<int>(text_.size() - dot - 1);
}

int Decimal::integer_digits() const {
  const std::size_t start = text_.front() == '-' ? 1 : 0;
  const std::size_t dot = text_.find('.');
  const std::size_t count = (dot == std::string::npos ? text_.size() : dot) - start;
  // Canonical text has no leading zeros, except the single "0" of |x| < 1.
  return count == 1 && text_[start] == '0' ? 0 : static_cast<int>(count);
}

bool Decimal::fits(int precision, int scale) const {
  const auto dot = text_.find('.');
  int fraction = 0;
  if (dot != std::string::npos) {
    const auto last = text_.find_last_not_of('0');
    fraction = last > dot ? static_cast<int>(last - dot) : 0;
  }
  return fraction <= scale && integer_digits() <= precision - scale;
}

Decimal Decimal::rounded(int scale, RoundingMode mode) const {
  if (scale < 0) {
    throw ArgumentError("Decimal::rounded(" + std::to_string(scale) + ") of " + text_ +
                        ": the scale must be 0 or more");
  }
  return from_scaled(detail::round_to(scaled(*this), scale, mode));
}

Decimal Decimal::divide(const Decimal& a, const Decimal& b, int scale, RoundingMode mode) {
  if (scale < 0) {
    throw ArgumentError("Decimal::divide(" + a.str() + ", " + b.str() + ", " +
                        std::to_string(scale) + "): the scale must be 0 or more");
  }
  const detail::ScaledDecimal divisor = scaled(b);
  if (divisor.is_zero()) throw_division_by_zero(a);
  return from_scaled(detail::divide(scaled(a), divisor, scale, mode));
}

Decimal operator+(const Decimal& a, const Decimal& b) {
  return from_scaled(detail::add(scaled(a), scaled(b)));
}

Decimal operator-(const Decimal& a, const Decimal& b) {
  return from_scaled(detail::subtract(scaled(a), scaled(b)));
}

Decimal operator*(const Decimal& a, const Decimal& b) {
  return from_scaled(detail::multiply(scaled(a), scaled(b)));
}

Decimal operator/(const Decimal& a, const Decimal& b) {
  const detail::ScaledDecimal x = scaled(a);
  const detail::ScaledDecimal y = scaled(b);
  if (y.is_zero()) throw_division_by_zero(a);
  return from_scaled(detail::divide(x, y, detail::division_scale(x, y), RoundingMode::half_up));
}

Decimal operator-(const Decimal& a) {
  detail::ScaledDecimal x = scaled(a);
  x.negative = !x.negative && !x.is_zero();
  return from_scaled(x);
}

}  // namespace ormc
