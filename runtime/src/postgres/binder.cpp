// Binding values to PostgreSQL statement parameters: each value in PostgreSQL's text input
// format, copied into the statement's parameter buffer (sent by PQexecPrepared).
#include "ormc/detail/postgres/binder.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <string>

#include "iso8601.hpp"
#include "postgres/pg_connection.hpp"
#include "values/refused_value.hpp"
#include "values/value_checks.hpp"

namespace ormc::postgres {
namespace {

void refuse_if(const PgStatement* stmt, int index, const std::string& problem) {
  if (!problem.empty()) detail::refuse_value("postgresql", stmt->sql(), index, problem);
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
  // NaN is refused as on SQLite, which would store it as NULL.
  refuse_if(stmt_, index, detail::float_problem(value));
  std::string& out = stmt_->param(index);
  if (std::isinf(value)) {
    out.assign(value > 0 ? "Infinity" : "-Infinity");
  } else {
    char buffer[32];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, value);  // shortest exact
    out.assign(buffer, r.ptr);
  }
}

void Binder::bind(int index, std::string_view value, bool /*stable*/) const {
  refuse_if(stmt_, index, detail::text_problem(value));
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
  refuse_if(stmt_, index, detail::json_problem(value.text));
  stmt_->param(index).assign(value.text);
}

void Binder::bind(int index, const Date& value) const {
  refuse_if(stmt_, index, detail::date_problem(value));
  char buffer[detail::iso8601_buffer_size];
  stmt_->param(index).assign(buffer, detail::format_date(value, buffer));
}

void Binder::bind(int index, const Time& value) const {
  refuse_if(stmt_, index, detail::time_problem(value));
  char buffer[detail::iso8601_buffer_size];
  stmt_->param(index).assign(buffer, detail::format_time(value, buffer));
}

void Binder::bind(int index, const Timestamp& value) const {
  refuse_if(stmt_, index, detail::timestamp_problem(value));
  // '+00': a timestamptz column takes it as UTC whatever the session's TimeZone; a
  // timestamp (without time zone) column ignores it.
  char buffer[detail::iso8601_buffer_size];
  std::string& out = stmt_->param(index);
  out.assign(buffer, detail::format_timestamp(value, buffer));
  out += "+00";
}

void Binder::bind(int index, const Uuid& value) const { stmt_->param(index).assign(value.str()); }

}  // namespace ormc::postgres
