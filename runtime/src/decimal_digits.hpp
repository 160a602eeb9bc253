// Exact arithmetic on decimal numbers held as digit strings: the engine under ormc::Decimal's
// operators and rounding, and under the SQLite functions and collation that make decimal SQL
// exact (sqlite/decimal_functions.cpp). Results follow PostgreSQL's numeric type: + and -
// keep the larger scale, * adds the scales, / picks PostgreSQL's result scale.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ormc/types.hpp"

namespace ormc::detail {

//! value = (negative ? -1 : 1) * digits / 10^scale. `digits` has no leading zeros ("0" for
//! zero) and zero is never negative; trailing zeros are kept (they are the scale).
struct ScaledDecimal {
  bool negative = false;
  std::string digits = "0";
  int scale = 0;

  [[nodiscard]] bool is_zero() const { return digits == "0"; }
};

//! [+-]digits[.digits]; nullopt for anything else (empty parts, exponents, spaces).
[[nodiscard]] std::optional<ScaledDecimal> parse_scaled(std::string_view text);
//! Canonical text: "-12.50", "0.001", "7".
[[nodiscard]] std::string to_text(const ScaledDecimal& value);

[[nodiscard]] ScaledDecimal add(const ScaledDecimal& a, const ScaledDecimal& b);
[[nodiscard]] ScaledDecimal subtract(const ScaledDecimal& a, const ScaledDecimal& b);
[[nodiscard]] ScaledDecimal multiply(const ScaledDecimal& a, const ScaledDecimal& b);
//! a / b with `scale` fraction digits, rounded by `mode`. b must not be zero.
[[nodiscard]] ScaledDecimal divide(const ScaledDecimal& a, const ScaledDecimal& b, int scale,
                                   RoundingMode mode);
//! The scale PostgreSQL gives a / b (select_div_scale in numeric.c): at least 16
//! significant digits, and at least either operand's scale.
[[nodiscard]] int division_scale(const ScaledDecimal& a, const ScaledDecimal& b);
//! `value` with exactly `scale` fraction digits (>= 0): padded, or rounded by `mode`.
[[nodiscard]] ScaledDecimal round_to(const ScaledDecimal& value, int scale, RoundingMode mode);
//! -1, 0 or 1 as a is less than, equal to or greater than b ("1.5" equals "1.50").
[[nodiscard]] int compare(const ScaledDecimal& a, const ScaledDecimal& b);

//! A finite double as the decimal text SQLite prints for it: 15 significant digits, in
//! plain notation, without trailing fraction zeros (0.99 -> "0.99", 1.5e29 ->
//! "150000000000000000000000000000"). What an older ormc database's NUMERIC column meant
//! when it stored a decimal as a REAL.
[[nodiscard]] std::string real_to_text(double value);

//! Compares two decimal texts numerically without allocating: the SQLite collation's
//! inner loop. nullopt when either text is not [+-]digits[.digits].
[[nodiscard]] std::optional<int> compare_text(std::string_view a, std::string_view b);

}  // namespace ormc::detail
