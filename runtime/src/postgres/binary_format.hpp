// PostgreSQL's type OIDs and the binary result format of the types ormc reads in binary:
// big-endian integers and floats, microseconds and days since 2000-01-01, numeric's
// base-10000 digits. The text form of each is what the server's text output would be, so
// that reading a binary column as a string (or as a type it does not natively hold) gives
// what the text format gave.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ormc::postgres {

// Type OIDs of pg_type (fixed in every PostgreSQL installation).
inline constexpr unsigned bool_oid = 16;
inline constexpr unsigned bytea_oid = 17;
inline constexpr unsigned int8_oid = 20;
inline constexpr unsigned int2_oid = 21;
inline constexpr unsigned int4_oid = 23;
inline constexpr unsigned text_oid = 25;
inline constexpr unsigned oid_oid = 26;
inline constexpr unsigned json_oid = 114;
inline constexpr unsigned float4_oid = 700;
inline constexpr unsigned float8_oid = 701;
inline constexpr unsigned bpchar_oid = 1042;
inline constexpr unsigned varchar_oid = 1043;
inline constexpr unsigned date_oid = 1082;
inline constexpr unsigned time_oid = 1083;
inline constexpr unsigned timestamp_oid = 1114;
inline constexpr unsigned timestamptz_oid = 1184;
inline constexpr unsigned numeric_oid = 1700;
inline constexpr unsigned uuid_oid = 2950;
inline constexpr unsigned jsonb_oid = 3802;

//! Whether ormc reads the type in binary. A statement's results come in binary only when
//! every column's type is one of these (libpq sets one format for all columns).
[[nodiscard]] bool reads_binary(unsigned oid);
//! Whether the type's binary form is its text (text, varchar, char(n)).
[[nodiscard]] inline bool is_text_type(unsigned oid) {
  return oid == text_oid || oid == varchar_oid || oid == bpchar_oid;
}

//! The binary value of an integer column (int2, int4, int8, bool).
[[nodiscard]] std::int64_t decode_integer(unsigned oid, const char* data);
//! The binary value of a float4 or float8 column.
[[nodiscard]] double decode_float(unsigned oid, const char* data);
//! The 8-byte value of time, timestamp and timestamptz (microseconds), or the 4-byte
//! value of date (days); since 2000-01-01 for all but time.
[[nodiscard]] std::int64_t decode_int64(const char* data);
[[nodiscard]] std::int32_t decode_int32(const char* data);
//! timestamp and date hold +-infinity as their extreme values.
[[nodiscard]] inline bool is_infinite_timestamp(std::int64_t micros) {
  return micros == INT64_MAX || micros == INT64_MIN;
}
[[nodiscard]] inline bool is_infinite_date(std::int32_t days) {
  return days == INT32_MAX || days == INT32_MIN;
}
inline constexpr std::int64_t unix_days_at_2000 = 10957;  //!< 1970-01-01 to 2000-01-01

//! Appends the server's text output for a binary value of a type reads_binary() accepts.
void binary_to_text(unsigned oid, std::string_view data, std::string& out);

}  // namespace ormc::postgres
