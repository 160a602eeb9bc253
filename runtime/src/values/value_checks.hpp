// The values ormc refuses to bind, on every backend alike: what one database would store
// differently from the other, or alter, or not store at all (docs/values.md says why for
// each). Each check returns what is wrong with the value, or an empty string when it binds.
#pragma once

#include <string>
#include <string_view>

#include "ormc/types.hpp"

namespace ormc::detail {

//! NaN: SQLite stores it as NULL; PostgreSQL would keep it, but one rule holds on both.
[[nodiscard]] std::string float_problem(double value);
//! A NUL byte (PostgreSQL text cannot hold one) or bytes that are not UTF-8 (PostgreSQL
//! refuses them; SQLite would keep them and hand them back).
[[nodiscard]] std::string text_problem(std::string_view text);
//! JSON that check_json (json_check.hpp) refuses: not RFC 8259, or what jsonb would refuse
//! or change in meaning.
[[nodiscard]] std::string json_problem(std::string_view text);
//! A year outside 1..9999: SQLite's text form would sort wrongly and its date functions
//! stop at 9999; PostgreSQL writes earlier years as BC.
[[nodiscard]] std::string date_problem(const Date& date);
[[nodiscard]] std::string timestamp_problem(Timestamp timestamp);
//! A Time outside 0 <= time < 24 h.
[[nodiscard]] std::string time_problem(Time time);

}  // namespace ormc::detail
