// Binding values to SQLite statement parameters: numbers natively, everything else as text
// (ISO 8601 for dates and times) or blobs.
#include "ormc/detail/sqlite/binder.hpp"

#include <chrono>
#include <cstdint>
#include <string>

#include <sqlite3.h>

#include "detail/driver_error.hpp"
#include "iso8601.hpp"
#include "sqlite/sqlite_error.hpp"
#include "values/refused_value.hpp"
#include "values/value_checks.hpp"

namespace ormc::sqlite {
namespace {

// SQLite's SQLITE_STATIC / SQLITE_TRANSIENT are old-style-cast macros; these are the same
// values (0 and -1) spelled for -Wold-style-cast.
sqlite3_destructor_type lifetime(bool stable) {
  if (stable) return nullptr;
  // NOLINTNEXTLINE(performance-no-int-to-ptr): SQLITE_TRANSIENT is this very cast
  return reinterpret_cast<sqlite3_destructor_type>(static_cast<std::intptr_t>(-1));
}

[[noreturn]] void fail(sqlite3_stmt* stmt, int rc, int index, const std::string& problem) {
  detail::DriverError error = make_error(
      rc, "cannot bind parameter " + std::to_string(index) + ": " + problem, sqlite3_sql(stmt));
  detail::throw_database_error(std::move(error));
}

// Text ormc made itself (dates, numbers, UUIDs): already valid, not checked again.
int bind_text(sqlite3_stmt* stmt, int index, std::string_view value, bool stable) {
  // A null data pointer would bind NULL, not ''.
  const char* data = value.data() != nullptr ? value.data() : "";
  return sqlite3_bind_text64(stmt, index, data, value.size(), lifetime(stable || value.empty()),
                             SQLITE_UTF8);
}

void refuse_if(sqlite3_stmt* stmt, int index, const std::string& problem) {
  if (!problem.empty()) detail::refuse_value("sqlite", sqlite3_sql(stmt), index, problem);
}

}  // namespace

void Binder::check(int rc, int index) const {
  if (rc != SQLITE_OK) fail(stmt_, rc, index, sqlite3_errstr(rc));
}

void Binder::bind_null(int index) const { check(sqlite3_bind_null(stmt_, index), index); }

void Binder::bind(int index, bool value) const {
  check(sqlite3_bind_int(stmt_, index, value ? 1 : 0), index);
}

void Binder::bind(int index, std::int64_t value) const {
  check(sqlite3_bind_int64(stmt_, index, value), index);
}

void Binder::bind(int index, double value) const {
  refuse_if(stmt_, index, detail::float_problem(value));
  check(sqlite3_bind_double(stmt_, index, value), index);
}

void Binder::bind(int index, std::string_view value, bool stable) const {
  refuse_if(stmt_, index, detail::text_problem(value));
  check(bind_text(stmt_, index, value, stable), index);
}

void Binder::bind(int index, std::span<const std::byte> value, bool stable) const {
  if (value.empty()) {
    check(sqlite3_bind_zeroblob(stmt_, index, 0), index);  // a null pointer would bind NULL
    return;
  }
  check(sqlite3_bind_blob64(stmt_, index, value.data(), value.size(), lifetime(stable)), index);
}

void Binder::bind(int index, const Decimal& value, bool stable) const {
  bind(index, std::string_view(value.str()), stable);
}

void Binder::bind(int index, const Json& value, bool stable) const {
  refuse_if(stmt_, index, detail::json_problem(value.text));
  check(bind_text(stmt_, index, value.text, stable), index);
}

void Binder::bind(int index, const Date& value) const {
  refuse_if(stmt_, index, detail::date_problem(value));
  char buffer[detail::iso8601_buffer_size];
  check(
      bind_text(stmt_, index, std::string_view(buffer, detail::format_date(value, buffer)), false),
      index);
}

void Binder::bind(int index, const Time& value) const {
  refuse_if(stmt_, index, detail::time_problem(value));
  char buffer[detail::iso8601_buffer_size];
  check(
      bind_text(stmt_, index, std::string_view(buffer, detail::format_time(value, buffer)), false),
      index);
}

void Binder::bind(int index, const Timestamp& value) const {
  refuse_if(stmt_, index, detail::timestamp_problem(value));
  char buffer[detail::iso8601_buffer_size];
  check(bind_text(stmt_, index, std::string_view(buffer, detail::format_timestamp(value, buffer)),
                  false),
        index);
}

void Binder::bind(int index, const Uuid& value) const {
  static constexpr char digits[] = "0123456789abcdef";
  char buffer[36];
  std::size_t n = 0;
  for (std::size_t i = 0; i < value.bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) buffer[n++] = '-';
    buffer[n++] = digits[value.bytes[i] >> 4];
    buffer[n++] = digits[value.bytes[i] & 0x0f];
  }
  check(bind_text(stmt_, index, std::string_view(buffer, n), false), index);
}

}  // namespace ormc::sqlite
