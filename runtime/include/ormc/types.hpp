// The C++ value types of schema columns that the standard library does not provide:
// exact decimals, UUIDs, JSON text, bytes, and the chrono aliases for dates and times.
#pragma once

#include <array>
#include <chrono>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ormc {

using Bytes = std::vector<std::byte>;
using Date = std::chrono::year_month_day;
//! Time of day, from midnight, to the microsecond (PostgreSQL's `time` resolution).
using Time = std::chrono::microseconds;
//! A point in time, UTC, to the microsecond: both `timestamp` and `timestamptz`.
using Timestamp = std::chrono::sys_time<std::chrono::microseconds>;

//! How Decimal::rounded() and Decimal::divide() drop digits, named as Python's decimal
//! module names them (ROUND_HALF_EVEN, ...). half_even is the default, as in Python's
//! Decimal.quantize(): ties go to the even neighbour, so rounding many values adds no bias.
//! half_up is school rounding, ties away from zero: what PostgreSQL's round() and its
//! numeric(p, s) columns do.
enum class RoundingMode : std::uint8_t {
  half_even,  //!< ties to the even digit: 2.345 -> 2.34, 2.355 -> 2.36
  half_up,    //!< ties away from zero: 2.345 -> 2.35, -2.345 -> -2.35
  half_down,  //!< ties toward zero: 2.345 -> 2.34
  down,       //!< toward zero (truncation): 2.349 -> 2.34, -2.349 -> -2.34
  up,         //!< away from zero: 2.341 -> 2.35
  floor,      //!< toward negative infinity: -2.341 -> -2.35
  ceiling,    //!< toward positive infinity: 2.341 -> 2.35
};

//! An exact decimal number kept as its canonical decimal text ("-12.50" stays "-12.50"),
//! so that numeric(p, s) values travel to and from the database without rounding.
//! Arithmetic is exact and follows PostgreSQL's numeric: + and - keep the larger scale,
//! * adds the scales, / gives PostgreSQL's result scale (see operator/).
class Decimal {
 public:
  Decimal() : text_("0") {}
  //! Accepts [+-]digits[.digits]; throws std::invalid_argument otherwise.
  explicit Decimal(std::string_view text);
  Decimal(std::int64_t value) : text_(std::to_string(value)) {}  // NOLINT: implicit on purpose

  [[nodiscard]] const std::string& str() const { return text_; }
  //! The same number written with at least `scale` fraction digits ("12.5" -> "12.50").
  //! Never rounds: a value with more digits than `scale` keeps them.
  [[nodiscard]] Decimal with_scale(int scale) const;
  //! The number with exactly `scale` (>= 0) fraction digits, rounded by `mode`: what
  //! Python spells value.quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN) for scale 2.
  //! Use it before writing a value with more fraction digits than its column's scale,
  //! which ormc refuses rather than round silently.
  [[nodiscard]] Decimal rounded(int scale, RoundingMode mode = RoundingMode::half_even) const;
  //! Fraction digits as written ("12.50" -> 2, "7" -> 0).
  [[nodiscard]] int scale() const;
  //! Digits before the point, leading zeros not counted ("0.5" -> 0, "-120.5" -> 3).
  [[nodiscard]] int integer_digits() const;
  //! Whether a decimal(precision, scale) column holds the value exactly: at most
  //! precision - scale integer digits and at most `scale` fraction digits once trailing
  //! zeros are dropped ("1.50" fits decimal(3, 1)).
  [[nodiscard]] bool fits(int precision, int scale) const;
  //! Nearest double, for display and statistics only.
  [[nodiscard]] double to_double() const;

  //! a / b with `scale` fraction digits, rounded by `mode`. Throws ArgumentError when b is 0.
  [[nodiscard]] static Decimal divide(const Decimal& a, const Decimal& b, int scale,
                                      RoundingMode mode = RoundingMode::half_even);

  friend bool operator==(const Decimal& a, const Decimal& b);
  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b);
  friend Decimal operator+(const Decimal& a, const Decimal& b);
  friend Decimal operator-(const Decimal& a, const Decimal& b);
  friend Decimal operator*(const Decimal& a, const Decimal& b);
  //! PostgreSQL's numeric division, so that C++ and both databases give the same digits:
  //! at least 16 significant digits and at least either operand's scale, the last digit
  //! rounded half_up. Throws ArgumentError when b is 0.
  friend Decimal operator/(const Decimal& a, const Decimal& b);
  friend Decimal operator-(const Decimal& a);

 private:
  std::string text_;
};

//! A UUID as 16 bytes; text form 8-4-4-4-12 lower-case hexadecimal.
struct Uuid {
  std::array<std::uint8_t, 16> bytes{};

  [[nodiscard]] static std::optional<Uuid> parse(std::string_view text);
  [[nodiscard]] std::string str() const;
  friend auto operator<=>(const Uuid&, const Uuid&) = default;
};

//! JSON document text; the runtime stores and returns it verbatim.
struct Json {
  std::string text;
  friend auto operator<=>(const Json&, const Json&) = default;
};

}  // namespace ormc
