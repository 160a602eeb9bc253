// Reading PostgreSQL result columns into C++ values, by the column's type: binary values
// of the types that have one decoded directly, everything else parsed from its text (a
// binary value read as another type goes through its text form, so both formats read the
// same).
#include "ormc/detail/postgres/row_reader.hpp"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>

#include "iso8601.hpp"
#include "ormc/error.hpp"
#include "postgres/binary_format.hpp"
#include "postgres/pg_connection.hpp"

namespace ormc::postgres {
namespace {

std::string preview(std::string_view text) {
  std::string out = "'" + std::string(text.substr(0, 40)) + "'";
  if (text.size() > 40) out += "...";
  return out;
}

bool parse_integer(std::string_view text, std::int64_t& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec == std::errc() && end == text.data() + text.size()) return true;
  // An integral numeric ("12.000", as avg() or sum() may return).
  const auto dot = text.find('.');
  if (dot == std::string_view::npos ||
      text.find_first_not_of('0', dot + 1) != std::string_view::npos)
    return false;
  const std::string_view whole = text.substr(0, dot);
  const auto [end2, ec2] = std::from_chars(whole.data(), whole.data() + whole.size(), out);
  return ec2 == std::errc() && end2 == whole.data() + whole.size() && !whole.empty();
}

bool parse_double(std::string_view text, double& out) {
  if (text == "NaN") {
    out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  if (text == "Infinity" || text == "-Infinity") {
    out = text.front() == '-' ? -std::numeric_limits<double>::infinity()
                              : std::numeric_limits<double>::infinity();
    return true;
  }
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool decode_bytea(std::string_view text, Bytes& out) {
  if (!text.starts_with("\\x") || text.size() % 2 != 0) return false;
  out.resize((text.size() - 2) / 2);
  for (std::size_t i = 2, n = 0; i < text.size(); i += 2, ++n) {
    const int hi = hex_value(text[i]);
    const int lo = hex_value(text[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out[n] = static_cast<std::byte>(hi * 16 + lo);
  }
  return true;
}

}  // namespace

int RowReader::column_count() const { return stmt_->column_count(); }

std::string_view RowReader::column_name(int column) const { return stmt_->column_name(column); }

bool RowReader::is_null(int column) const { return stmt_->is_null(column); }

bool RowReader::read(int column, bool& out) const {
  if (stmt_->is_null(column)) return false;
  if (stmt_->binary() && stmt_->column_type(column) == bool_oid) {
    out = stmt_->raw(column)[0] != 0;
    return true;
  }
  const std::string_view text = stmt_->text(column);
  if (stmt_->column_type(column) == bool_oid || text == "t" || text == "f") {
    out = text == "t";
    return true;
  }
  std::int64_t value = 0;
  if (!parse_integer(text, value)) throw_type(column, "bool", "it holds " + preview(text));
  out = value != 0;
  return true;
}

bool RowReader::read(int column, std::int64_t& out) const {
  if (stmt_->is_null(column)) return false;
  const unsigned type = stmt_->column_type(column);
  if (stmt_->binary() &&
      (type == int8_oid || type == int4_oid || type == int2_oid || type == bool_oid)) {
    out = decode_integer(type, stmt_->raw(column));
    return true;
  }
  const std::string_view text = stmt_->text(column);
  if (stmt_->column_type(column) == bool_oid) {
    out = text == "t" ? 1 : 0;
    return true;
  }
  if (!parse_integer(text, out)) throw_type(column, "an integer", "it holds " + preview(text));
  return true;
}

bool RowReader::read(int column, double& out) const {
  if (stmt_->is_null(column)) return false;
  const unsigned type = stmt_->column_type(column);
  if (stmt_->binary() && (type == float8_oid || type == float4_oid)) {
    out = decode_float(type, stmt_->raw(column));
    return true;
  }
  const std::string_view text = stmt_->text(column);
  if (!parse_double(text, out)) throw_type(column, "double", "it holds " + preview(text));
  return true;
}

bool RowReader::read(int column, std::string_view& out) const {
  if (stmt_->is_null(column)) return false;
  // As on SQLite, a number, a boolean or bytes is not text: reading one as a string is
  // a mapping mistake (its text form would be the server's, not the application's).
  switch (stmt_->column_type(column)) {
    case bool_oid:
    case bytea_oid:
    case int2_oid:
    case int4_oid:
    case int8_oid:
    case float4_oid:
    case float8_oid:
    case numeric_oid:
      throw_type(column, "text", "it holds " + preview(stmt_->text(column)) + ", not text");
    default: break;
  }
  out = stmt_->text(column);
  return true;
}

bool RowReader::read(int column, std::string& out) const {
  std::string_view text;
  if (!read(column, text)) return false;
  out.assign(text);
  return true;
}

bool RowReader::read(int column, Bytes& out) const {
  if (stmt_->is_null(column)) return false;
  const std::string_view text = stmt_->text(column);
  if (stmt_->column_type(column) != bytea_oid || !decode_bytea(text, out)) {
    throw_type(column, "Bytes", "it holds " + preview(text) + ", not bytea");
  }
  return true;
}

bool RowReader::read(int column, Decimal& out) const {
  if (stmt_->is_null(column)) return false;
  const std::string_view text = stmt_->text(column);
  try {
    out = Decimal(text);
  } catch (const std::invalid_argument&) {
    throw_type(column, "Decimal", preview(text) + " is not a decimal");
  }
  return true;
}

bool RowReader::read(int column, Json& out) const { return read(column, out.text); }

bool RowReader::read(int column, Date& out) const {
  if (stmt_->is_null(column)) return false;
  if (stmt_->binary() && stmt_->column_type(column) == date_oid) {
    const std::int32_t days = decode_int32(stmt_->raw(column));
    if (!is_infinite_date(days)) {  // infinity fails below, as its text does
      out = Date(std::chrono::sys_days(std::chrono::days(days + unix_days_at_2000)));
      return true;
    }
  }
  std::string_view text;
  if (!read(column, text)) return false;
  const auto value = detail::parse_date(text);
  if (!value) throw_type(column, "Date", preview(text) + " is not YYYY-MM-DD");
  out = *value;
  return true;
}

bool RowReader::read(int column, Time& out) const {
  if (stmt_->is_null(column)) return false;
  if (stmt_->binary() && stmt_->column_type(column) == time_oid) {
    out = Time(decode_int64(stmt_->raw(column)));
    return true;
  }
  std::string_view text;
  if (!read(column, text)) return false;
  const auto value = detail::parse_time(text);
  if (!value) throw_type(column, "Time", preview(text) + " is not HH:MM:SS[.ffffff]");
  out = *value;
  return true;
}

bool RowReader::read(int column, Timestamp& out) const {
  if (stmt_->is_null(column)) return false;
  const unsigned type = stmt_->column_type(column);
  if (stmt_->binary() && (type == timestamptz_oid || type == timestamp_oid)) {
    const std::int64_t micros = decode_int64(stmt_->raw(column));
    if (!is_infinite_timestamp(micros)) {  // infinity fails below, as its text does
      out = Timestamp(std::chrono::microseconds(micros) + std::chrono::days(unix_days_at_2000));
      return true;
    }
  }
  std::string_view text;
  if (!read(column, text)) return false;
  const auto value = detail::parse_timestamp(text);
  if (!value) {
    throw_type(column, "Timestamp",
               preview(text) + " is not YYYY-MM-DD HH:MM:SS[.ffffff][+HH[:MM]]");
  }
  out = *value;
  return true;
}

bool RowReader::read(int column, Uuid& out) const {
  if (stmt_->is_null(column)) return false;
  if (stmt_->binary() && stmt_->column_type(column) == uuid_oid) {
    std::memcpy(out.bytes.data(), stmt_->raw(column), out.bytes.size());
    return true;
  }
  std::string_view text;
  if (!read(column, text)) return false;
  const auto value = Uuid::parse(text);
  if (!value) throw_type(column, "Uuid", "it holds " + preview(text));
  out = *value;
  return true;
}

bool RowReader::read(int column, Value& out) const {
  if (stmt_->is_null(column)) {
    out = std::monostate{};
    return true;
  }
  switch (stmt_->column_type(column)) {
    case bool_oid: {
      bool v = false;
      read(column, v);
      out = v;
      break;
    }
    case int2_oid:
    case int4_oid:
    case int8_oid:
    case oid_oid: {
      std::int64_t v = 0;
      read(column, v);
      out = v;
      break;
    }
    case float4_oid:
    case float8_oid: {
      double v = 0;
      read(column, v);
      out = v;
      break;
    }
    case numeric_oid: {
      Decimal v;
      read(column, v);
      out = std::move(v);
      break;
    }
    case bytea_oid: {
      Bytes v;
      read(column, v);
      out = std::move(v);
      break;
    }
    case date_oid: {
      Date v{};
      read(column, v);
      out = v;
      break;
    }
    case time_oid: {
      Time v{};
      read(column, v);
      out = v;
      break;
    }
    case timestamp_oid:
    case timestamptz_oid: {
      Timestamp v{};
      read(column, v);
      out = v;
      break;
    }
    case uuid_oid: {
      Uuid v{};
      read(column, v);
      out = v;
      break;
    }
    case json_oid:
    case jsonb_oid: {
      Json v;
      read(column, v);
      out = std::move(v);
      break;
    }
    default: out = std::string(stmt_->text(column)); break;
  }
  return true;
}

void RowReader::throw_null(int column, std::string_view cpp_type) const {
  throw ResultTypeError("column " + std::to_string(column) + " (\"" +
                        std::string(column_name(column)) + "\") is NULL, which " +
                        std::string(cpp_type) + " cannot hold: read it as std::optional<" +
                        std::string(cpp_type) + ">\n  SQL: " + stmt_->sql());
}

void RowReader::throw_type(int column, std::string_view cpp_type, std::string_view problem) const {
  throw ResultTypeError("cannot read column " + std::to_string(column) + " (\"" +
                        std::string(column_name(column)) + "\") as " + std::string(cpp_type) +
                        ": " + std::string(problem) + "\n  SQL: " + stmt_->sql());
}

}  // namespace ormc::postgres
