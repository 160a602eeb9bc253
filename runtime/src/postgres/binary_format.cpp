// Decoding PostgreSQL's binary result format, and turning binary values back into the text
// the server would have sent (see binary_format.hpp).
#include "postgres/binary_format.hpp"

#include <bit>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstddef>
#include <cstring>

namespace ormc::postgres {
namespace {

std::uint64_t load_be64(const char* data) {
  std::uint64_t v = 0;
  std::memcpy(&v, data, 8);
  return std::endian::native == std::endian::little ? __builtin_bswap64(v) : v;
}

std::uint32_t load_be32(const char* data) {
  std::uint32_t v = 0;
  std::memcpy(&v, data, 4);
  return std::endian::native == std::endian::little ? __builtin_bswap32(v) : v;
}

std::uint16_t load_be16(const char* data) {
  std::uint16_t v = 0;
  std::memcpy(&v, data, 2);
  return std::endian::native == std::endian::little ? __builtin_bswap16(v) : v;
}

void append_number(std::string& out, auto value) {
  char buffer[32];
  out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

void append_digits(std::string& out, long long value, int width) {
  char buffer[24];
  auto* const end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  for (auto n = end - buffer; n < width; ++n) out += '0';
  out.append(buffer, end);
}

void append_float(std::string& out, double value, bool single) {
  if (std::isnan(value)) {
    out += "NaN";
  } else if (std::isinf(value)) {
    out += value > 0 ? "Infinity" : "-Infinity";
  } else if (single) {
    append_number(out, static_cast<float>(value));  // shortest exact, as float4out
  } else {
    append_number(out, value);
  }
}

// YYYY-MM-DD; a year before 1 is written as PostgreSQL does, "YYYY-MM-DD BC" with the
// BC suffix added by the caller.
bool append_date(std::string& out, std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd(day);
  const int year = static_cast<int>(ymd.year());
  const bool bc = year < 1;
  append_digits(out, bc ? 1 - year : year, 4);
  out += '-';
  append_digits(out, static_cast<unsigned>(ymd.month()), 2);
  out += '-';
  append_digits(out, static_cast<unsigned>(ymd.day()), 2);
  return bc;
}

// HH:MM:SS, then the fraction without its trailing zeros, as PostgreSQL writes times.
void append_time_of_day(std::string& out, std::int64_t micros) {
  const std::int64_t seconds = micros / 1000000;
  append_digits(out, seconds / 3600, 2);
  out += ':';
  append_digits(out, seconds / 60 % 60, 2);
  out += ':';
  append_digits(out, seconds % 60, 2);
  std::int64_t fraction = micros % 1000000;
  if (fraction == 0) return;
  int digits = 6;
  while (fraction % 10 == 0) {
    fraction /= 10;
    --digits;
  }
  out += '.';
  append_digits(out, fraction, digits);
}

void append_timestamp(std::string& out, std::int64_t micros, bool with_zone) {
  if (is_infinite_timestamp(micros)) {
    out += micros > 0 ? "infinity" : "-infinity";
    return;
  }
  const std::chrono::sys_time<std::chrono::microseconds> at{std::chrono::microseconds(micros) +
                                                            std::chrono::days(unix_days_at_2000)};
  const auto day = std::chrono::floor<std::chrono::days>(at);
  const bool bc = append_date(out, day);
  out += ' ';
  append_time_of_day(out, (at - day).count());
  if (with_zone) out += "+00";  // the session's TimeZone is UTC
  if (bc) out += " BC";
}

// numeric: ndigits, weight (of the first digit, in powers of 10000), sign, display scale,
// then the base-10000 digits.
void append_numeric(std::string& out, const char* data) {
  const int ndigits = static_cast<std::int16_t>(load_be16(data));
  const int weight = static_cast<std::int16_t>(load_be16(data + 2));
  const unsigned sign = load_be16(data + 4);
  const int dscale = load_be16(data + 6);
  if (sign == 0xC000) {
    out += "NaN";
    return;
  }
  if (sign == 0xD000 || sign == 0xF000) {
    out += sign == 0xD000 ? "Infinity" : "-Infinity";
    return;
  }
  auto digit = [&](int i) -> unsigned {
    return i >= 0 && i < ndigits ? load_be16(data + 8 + 2 * static_cast<std::ptrdiff_t>(i)) : 0U;
  };
  auto append_four = [&](unsigned d, int count) {
    const char four[4] = {static_cast<char>('0' + d / 1000), static_cast<char>('0' + d / 100 % 10),
                          static_cast<char>('0' + d / 10 % 10), static_cast<char>('0' + d % 10)};
    out.append(four, static_cast<std::size_t>(count));
  };
  if (sign == 0x4000) out += '-';
  if (weight < 0) {
    out += '0';
  } else {
    append_number(out, digit(0));
    for (int i = 1; i <= weight; ++i) append_four(digit(i), 4);
  }
  if (dscale <= 0) return;
  out += '.';
  for (int i = weight + 1, left = dscale; left > 0; ++i, left -= 4) {
    append_four(digit(i), left < 4 ? left : 4);
  }
}

void append_uuid(std::string& out, const char* data) {
  static constexpr char hex[] = "0123456789abcdef";
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    const auto byte = static_cast<unsigned char>(data[i]);
    out += hex[byte >> 4];
    out += hex[byte & 0x0f];
  }
}

}  // namespace

bool reads_binary(unsigned oid) {
  switch (oid) {
    case bool_oid:
    case int2_oid:
    case int4_oid:
    case int8_oid:
    case text_oid:
    case bpchar_oid:
    case varchar_oid:
    case float4_oid:
    case float8_oid:
    case date_oid:
    case time_oid:
    case timestamp_oid:
    case timestamptz_oid:
    case numeric_oid:
    case uuid_oid: return true;
    default: return false;
  }
}

std::int64_t decode_integer(unsigned oid, const char* data) {
  switch (oid) {
    case bool_oid: return data[0] != 0 ? 1 : 0;
    case int2_oid: return static_cast<std::int16_t>(load_be16(data));
    case int4_oid: return static_cast<std::int32_t>(load_be32(data));
    default: return static_cast<std::int64_t>(load_be64(data));
  }
}

double decode_float(unsigned oid, const char* data) {
  if (oid != float4_oid) return std::bit_cast<double>(load_be64(data));
  // Through the float's shortest text, as the text format reads it: real 0.1 is 0.1, not
  // the 0.10000000149011612 a widening conversion gives.
  const auto value = std::bit_cast<float>(load_be32(data));
  if (!std::isfinite(value)) return static_cast<double>(value);
  char buffer[32];
  auto* const end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
  double out = 0;
  std::from_chars(buffer, end, out);
  return out;
}

std::int64_t decode_int64(const char* data) { return static_cast<std::int64_t>(load_be64(data)); }

std::int32_t decode_int32(const char* data) { return static_cast<std::int32_t>(load_be32(data)); }

void binary_to_text(unsigned oid, std::string_view data, std::string& out) {
  switch (oid) {
    case bool_oid: out += data[0] != 0 ? 't' : 'f'; return;
    case int2_oid:
    case int4_oid:
    case int8_oid: append_number(out, decode_integer(oid, data.data())); return;
    case float4_oid:
    case float8_oid: append_float(out, decode_float(oid, data.data()), oid == float4_oid); return;
    case date_oid: {
      const std::int32_t days = decode_int32(data.data());
      if (is_infinite_date(days)) {
        out += days > 0 ? "infinity" : "-infinity";
      } else if (append_date(out,
                             std::chrono::sys_days(std::chrono::days(days + unix_days_at_2000)))) {
        out += " BC";
      }
      return;
    }
    case time_oid: append_time_of_day(out, decode_int64(data.data())); return;
    case timestamp_oid:
    case timestamptz_oid:
      append_timestamp(out, decode_int64(data.data()), oid == timestamptz_oid);
      return;
    case numeric_oid: append_numeric(out, data.data()); return;
    case uuid_oid: append_uuid(out, data.data()); return;
    default: out.append(data); return;  // text types: the same bytes
  }
}

}  // namespace ormc::postgres
