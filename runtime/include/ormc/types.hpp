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

//! An exact decimal number kept as its canonical decimal text ("-12.50" stays "-12.50"),
//! so that numeric(p, s) values travel to and from the database without rounding.
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
  //! Nearest double, for display and statistics only.
  [[nodiscard]] double to_double() const;

  friend bool operator==(const Decimal& a, const Decimal& b);
  friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b);

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
