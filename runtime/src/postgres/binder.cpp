// Binding values to PostgreSQL statement parameters: each value in PostgreSQL's text input
// format, copied into the statement's parameter buffer (sent by PQexecPrepared).
#include "ormc/postgres/binder.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <string>

#include "detail/driver_error.hpp"
#include "iso8601.hpp"
#include "postgres/pg_connection.hpp"
#include "postgres/pg_error.hpp"

namespace ormc::postgres {
namespace {

[[noreturn]] void fail(const PgStatement* stmt, int index, const std::string& problem) {
  detail::DriverError error = make_error(
      "22023", "cannot bind parameter " + std::to_string(index) + ": " + problem, stmt->sql());
  error.kind = detail::ErrorClass::data;
  detail::throw_database_error(std::move(error));
}

}  // namespace

void Binder::bind_null(int index) const { stmt_->set_null(index); }

void Binder::bind(int index, bool value) const { stmt_->param(index).assign(value ? "t" : "f"); }

void Binder::bind(int index, std::int64_t value) const {
  char buffer[24];
  const auto r = std::to_chars(buffer, buffer + sizeof buffer, value);
  stmt_->param(index).assign(buffer, r.ptr);
}

void Binder::bind(int index, double value) const {
  std::string& out = stmt_->param(index);
  if (std::isnan(value)) {
    out.assign("NaN");
  } else if (std::isinf(value)) {
    out.assign(value > 0 ? "Infinity" : "-Infinity");
  } else {
    char buffer[32];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, value);  // shortest exact
    out.assign(buffer, r.ptr);
  }
}

void Binder::bind(int index, std::string_view value, bool /*stable*/) const {
  if (value.find('\0') != std::string_view::npos) {
    fail(stmt_, index, "PostgreSQL text cannot hold a NUL character (bind it as Bytes)");
  }
  stmt_->param(index).assign(value);
}

void Binder::bind(int index, std::span<const std::byte> value, bool /*stable*/) const {
  static constexpr char digits[] = "0123456789abcdef";
  std::string& out = stmt_->param(index);
  out.resize(2 + 2 * value.size());
  out[0] = '\\';
  out[1] = 'x';
  std::size_t n = 2;
  for (const std::byte b : value) {
    const auto v = std::to_integer<unsigned>(b);
    out[n++] = digits[v >> 4];
    out[n++] = digits[v & 0x0f];
  }
}

void Binder::bind(int index, const Decimal& value, bool /*stable*/) const {
  stmt_->param(index).assign(value.str());
}

void Binder::bind(int index, const Json& value, bool /*stable*/) const {
  stmt_->param(index).assign(value.text);
}

void Binder::bind(int index, const Date& value) const {
  if (!value.ok()) fail(stmt_, index, "the Date is not a valid calendar day");
  char buffer[detail::iso8601_buffer_size];
  stmt_->param(index).assign(buffer, detail::format_date(value, buffer));
}

void Binder::bind(int index, const Time& value) const {
  if (value < Time::zero() || value >= std::chrono::hours{24}) {
    fail(stmt_, index,
         "the Time " + std::to_string(value.count()) +
             " us is not a time of day (0 <= time < 24 h)");
  }
  char buffer[detail::iso8601_buffer_size];
  stmt_->param(index).assign(buffer, detail::format_time(value, buffer));
}

void Binder::bind(int index, const Timestamp& value) const {
  // '+00': a timestamptz column takes it as UTC whatever the session's TimeZone; a
  // timestamp (without time zone) column ignores it.
  char buffer[detail::iso8601_buffer_size];
  std::string& out = stmt_->param(index);
  out.assign(buffer, detail::format_timestamp(value, buffer));
  out += "+00";
}

void Binder::bind(int index, const Uuid& value) const { stmt_->param(index).assign(value.str()); }

}  // namespace ormc::postgres
