// The text forms of dates and times that ormc stores in SQLite and prints in logs:
// 'YYYY-MM-DD', 'HH:MM:SS.ffffff', 'YYYY-MM-DD HH:MM:SS.ffffff' (UTC). Formatting writes
// into a caller's buffer (no allocation); parsing accepts what SQLite and people write.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "ormc/types.hpp"

namespace ormc::detail {

inline constexpr std::size_t iso8601_buffer_size = 40;

//! Each returns the number of characters written to `out` (iso8601_buffer_size bytes).
std::size_t format_date(const Date& date, char* out);
std::size_t format_time(Time time, char* out);  //!< always six fraction digits
std::size_t format_timestamp(Timestamp timestamp, char* out);

//! 'YYYY-MM-DD'; nullopt for anything else or an invalid day.
std::optional<Date> parse_date(std::string_view text);
//! 'HH:MM', 'HH:MM:SS', 'HH:MM:SS.f' with 1 to 9 fraction digits (beyond 6 truncated).
std::optional<Time> parse_time(std::string_view text);
//! A date, ' ' or 'T', a time, then optionally 'Z' or an offset '+HH:MM' / '+HHMM' / '+HH'
//! (converted to UTC). A bare date is midnight.
std::optional<Timestamp> parse_timestamp(std::string_view text);

}  // namespace ormc::detail
