// A bound value as it travels into a statement: one of the few database value kinds.
// Typed code binds its values directly; Value is for what is built at run time (raw SQL
// with named binds, conditions composed in a loop) and for logging bound values.
#pragma once

#include <cstdint>
#include <string>
#include <variant>

#include "ormc/types.hpp"

namespace ormc {

//! std::monostate is SQL NULL. Dates, times, decimals, uuids and json keep their own
//! types so that each dialect can bind them in its native form.
using Value = std::variant<std::monostate, bool, std::int64_t, double, std::string, Bytes, Decimal,
                           Date, Time, Timestamp, Uuid, Json>;

//! How a value reads in an SQL log line: 'text' quoted, NULL, numbers as written.
[[nodiscard]] std::string to_log_string(const Value& value);

}  // namespace ormc
