// The values ormc refuses to bind: NaN, text that is not NUL-free UTF-8, dates outside the
// years 1..9999, JSON that json_check.cpp refuses.
#include "values/value_checks.hpp"

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "values/json_check.hpp"
#include "values/utf8_check.hpp"

namespace ormc::detail {
namespace {

constexpr int min_year = 1;
constexpr int max_year = 9999;

std::string year_problem(int year, std::string_view what) {
  if (year >= min_year && year <= max_year) return {};
  return std::string(what) + " in the year " + std::to_string(year) +
         " is outside the years 1..9999 that ormc stores (SQLite's text form and date "
         "functions stop at 9999; PostgreSQL writes years before 1 as BC)";
}

}  // namespace

std::string float_problem(double value) {
  if (!std::isnan(value)) return {};
  return "NaN cannot be stored: SQLite stores NaN as NULL, so ormc refuses it on every "
         "backend (use NULL in a nullable column, or another value)";
}

std::string text_problem(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    // Runs of ASCII without NUL, 8 bytes at a time: most text is checked here.
    constexpr std::uint64_t ones = 0x0101010101010101;
    constexpr std::uint64_t highs = 0x8080808080808080;
    while (at + 8 <= text.size()) {
      std::uint64_t word = 0;
      std::memcpy(&word, text.data() + at, 8);
      if (((word | ((word - ones) & ~word)) & highs) != 0) break;  // a high bit or a zero byte
      at += 8;
    }
    if (at == text.size()) break;
    if (text[at] == '\0') {
      return "the text " + text_preview(text) + " has a NUL character at byte " +
             std::to_string(at) + ": PostgreSQL text cannot hold one (store it as Bytes)";
    }
    const std::size_t length = utf8_sequence_length(text, at);
    if (length == 0) {
      return "the text " + text_preview(text) + " is not valid UTF-8 at byte " +
             std::to_string(at) + ": PostgreSQL refuses it (store it as Bytes)";
    }
    at += length;
  }
  return {};
}

std::string json_problem(std::string_view text) {
  const std::optional<JsonError> error = check_json(text);
  if (!error) return {};
  return "the JSON " + text_preview(text) + " is refused: " + error->reason + " at byte " +
         std::to_string(error->offset);
}

std::string date_problem(const Date& date) {
  if (!date.ok()) return "the Date is not a valid calendar day";
  return year_problem(int{date.year()}, "the Date");
}

std::string timestamp_problem(Timestamp timestamp) {
  const Date day{std::chrono::floor<std::chrono::days>(timestamp)};
  return year_problem(int{day.year()}, "the Timestamp");
}

std::string time_problem(Time time) {
  if (time >= Time::zero() && time < std::chrono::hours{24}) return {};
  return "the Time " + std::to_string(time.count()) + " us is not a time of day (0 <= time < 24 h)";
}

}  // namespace ormc::detail
