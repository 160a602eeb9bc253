// Reading SQLite result columns into C++ values, checking the storage class of each value
// (SQLite columns are dynamically typed) so a mismatch is an error, not a silent 0.
#include "ormc/detail/sqlite/row_reader.hpp"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>

#include <sqlite3.h>

#include "decimal_digits.hpp"
#include "iso8601.hpp"
#include "ormc/error.hpp"

namespace ormc::sqlite {
namespace {

// The text first, then its size: SQLite's order (the text may be converted to UTF-8 first).
std::string_view text_of(sqlite3_value* value) {
  const auto* data = sqlite3_value_text(value);
  const auto size = static_cast<std::size_t>(sqlite3_value_bytes(value));
  return data == nullptr ? std::string_view()
                         : std::string_view(reinterpret_cast<const char*>(data), size);
}

std::string_view text_of(sqlite3_stmt* stmt, int column) {
  const auto* data = sqlite3_column_text(stmt, column);
  const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt, column));
  return data == nullptr ? std::string_view()
                         : std::string_view(reinterpret_cast<const char*>(data), size);
}

// How the stored value reads in a mismatch message: its storage class and a preview.
std::string describe(sqlite3_stmt* stmt, int column) {
  switch (sqlite3_column_type(stmt, column)) {
    case SQLITE_INTEGER: return "INTEGER " + std::to_string(sqlite3_column_int64(stmt, column));
    case SQLITE_FLOAT: {
      char buffer[32];
      const auto r =
          std::to_chars(buffer, buffer + sizeof buffer, sqlite3_column_double(stmt, column));
      return "REAL " + std::string(buffer, r.ptr);
    }
    case SQLITE_TEXT: {
      const std::string_view text = text_of(stmt, column);
      std::string out = "TEXT '" + std::string(text.substr(0, 40)) + "'";
      if (text.size() > 40) out += "...";
      return out;
    }
    case SQLITE_BLOB:
      return "BLOB of " + std::to_string(sqlite3_column_bytes(stmt, column)) + " bytes";
    default: return "NULL";
  }
}

}  // namespace

int RowReader::column_count() const { return sqlite3_column_count(stmt_); }

std::string_view RowReader::column_name(int column) const {
  const char* name = sqlite3_column_name(stmt_, column);
  return name == nullptr ? std::string_view() : std::string_view(name);
}

bool RowReader::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

bool RowReader::read(int column, bool& out) const {
  std::int64_t value = 0;
  if (!read(column, value)) return false;
  out = value != 0;
  return true;
}

// The reads of the common types take the column's sqlite3_value once and ask it for its
// storage class and its content: each sqlite3_column_* call looks the column up again (and
// takes the handle's mutex when it has one), so sqlite3_column_type followed by
// sqlite3_column_int64 cost two lookups where a raw program that trusts its column pays
// one. The value is "unprotected", which matters only for a handle shared by threads at the
// same time: ormc opens its handles SQLITE_OPEN_NOMUTEX and uses each from one thread at a
// time. The storage-class check stays: a TEXT where an integer is read is an error.

bool RowReader::read(int column, std::int64_t& out) const {
  sqlite3_value* value = sqlite3_column_value(stmt_, column);
  switch (sqlite3_value_type(value)) {
    case SQLITE_NULL: return false;
    case SQLITE_INTEGER: out = sqlite3_value_int64(value); return true;
    case SQLITE_FLOAT: {
      // SQLite computes some integers as REAL (avg of integers, arithmetic with REALs);
      // an integral value in range is what the caller asked for.
      const double real = sqlite3_value_double(value);
      if (std::trunc(real) == real && real >= -9.2233720368547758e18 &&
          real < 9.2233720368547758e18) {
        out = static_cast<std::int64_t>(real);
        return true;
      }
      throw_type(column, "an integer", "it holds " + describe(stmt_, column));
    }
    default: throw_type(column, "an integer", "it holds " + describe(stmt_, column));
  }
}

bool RowReader::read(int column, double& out) const {
  sqlite3_value* value = sqlite3_column_value(stmt_, column);
  switch (sqlite3_value_type(value)) {
    case SQLITE_NULL: return false;
    case SQLITE_INTEGER:
    case SQLITE_FLOAT: out = sqlite3_value_double(value); return true;
    default: throw_type(column, "double", "it holds " + describe(stmt_, column));
  }
}

bool RowReader::read(int column, std::string_view& out) const {
  sqlite3_value* value = sqlite3_column_value(stmt_, column);
  switch (sqlite3_value_type(value)) {
    case SQLITE_NULL: return false;
    case SQLITE_TEXT: out = text_of(value); return true;
    default: throw_type(column, "text", "it holds " + describe(stmt_, column));
  }
}

bool RowReader::read(int column, std::string& out) const {
  sqlite3_value* value = sqlite3_column_value(stmt_, column);
  switch (sqlite3_value_type(value)) {
    case SQLITE_NULL: return false;
    case SQLITE_TEXT: out.assign(text_of(value)); return true;
    default: throw_type(column, "text", "it holds " + describe(stmt_, column));
  }
}

bool RowReader::read(int column, Bytes& out) const {
  switch (sqlite3_column_type(stmt_, column)) {
    case SQLITE_NULL: return false;
    case SQLITE_BLOB: {
      const auto* data = static_cast<const std::byte*>(sqlite3_column_blob(stmt_, column));
      const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column));
      out.assign(data, data + (data == nullptr ? 0 : size));
      return true;
    }
    default: throw_type(column, "Bytes", "it holds " + describe(stmt_, column));
  }
}

bool RowReader::read(int column, Decimal& out) const {
  switch (sqlite3_column_type(stmt_, column)) {
    case SQLITE_NULL: return false;
    case SQLITE_INTEGER: out = Decimal(sqlite3_column_int64(stmt_, column)); return true;
    case SQLITE_FLOAT: {
      // Only databases made before ormc stored decimals as text have REALs here: their
      // NUMERIC columns kept a decimal as a double when its first 15 digits survived. Read
      // it as the 15 significant digits SQLite prints (0.99, not 0.98999999999999999).
      const double stored = sqlite3_column_double(stmt_, column);
      if (!std::isfinite(stored)) {
        throw_type(column, "Decimal", "it holds " + describe(stmt_, column) + ", not a decimal");
      }
      out = Decimal(detail::real_to_text(stored));
      return true;
    }
    case SQLITE_TEXT: try { out = Decimal(text_of(stmt_, column));
      } catch (const std::invalid_argument&) {
        throw_type(column, "Decimal", "it holds " + describe(stmt_, column) + ", not a decimal");
      }
      return true;
    default: throw_type(column, "Decimal", "it holds " + describe(stmt_, column));
  }
}

bool RowReader::read(int column, Json& out) const { return read(column, out.text); }

bool RowReader::read(int column, Date& out) const {
  std::string_view text;
  if (!read(column, text)) return false;
  const auto value = detail::parse_date(text);
  if (!value) throw_type(column, "Date", "'" + std::string(text) + "' is not YYYY-MM-DD");
  out = *value;
  return true;
}

bool RowReader::read(int column, Time& out) const {
  std::string_view text;
  if (!read(column, text)) return false;
  const auto value = detail::parse_time(text);
  if (!value) throw_type(column, "Time", "'" + std::string(text) + "' is not HH:MM:SS[.ffffff]");
  out = *value;
  return true;
}

bool RowReader::read(int column, Timestamp& out) const {
  std::string_view text;
  if (!read(column, text)) return false;
  const auto value = detail::parse_timestamp(text);
  if (!value) {
    throw_type(column, "Timestamp",
               "'" + std::string(text) + "' is not YYYY-MM-DD HH:MM:SS[.ffffff][Z|+HH:MM]");
  }
  out = *value;
  return true;
}

bool RowReader::read(int column, Uuid& out) const {
  switch (sqlite3_column_type(stmt_, column)) {
    case SQLITE_NULL: return false;
    case SQLITE_BLOB:
      if (sqlite3_column_bytes(stmt_, column) == 16) {
        std::memcpy(out.bytes.data(), sqlite3_column_blob(stmt_, column), 16);
        return true;
      }
      break;
    case SQLITE_TEXT:
      if (const auto value = Uuid::parse(text_of(stmt_, column))) {
        out = *value;
        return true;
      }
      break;
    default: break;
  }
  throw_type(column, "Uuid", "it holds " + describe(stmt_, column));
}

bool RowReader::read(int column, Value& out) const {
  switch (sqlite3_column_type(stmt_, column)) {
    case SQLITE_INTEGER: out = sqlite3_column_int64(stmt_, column); break;
    case SQLITE_FLOAT: out = sqlite3_column_double(stmt_, column); break;
    case SQLITE_TEXT: out = std::string(text_of(stmt_, column)); break;
    case SQLITE_BLOB: {
      Bytes bytes;
      read(column, bytes);
      out = std::move(bytes);
      break;
    }
    default: out = std::monostate{}; break;
  }
  return true;
}

void RowReader::throw_null(int column, std::string_view cpp_type) const {
  throw ResultTypeError("column " + std::to_string(column) + " (\"" +
                        std::string(column_name(column)) + "\") is NULL, which " +
                        std::string(cpp_type) + " cannot hold: read it as std::optional<" +
                        std::string(cpp_type) + ">\n  SQL: " + sqlite3_sql(stmt_));
}

void RowReader::throw_type(int column, std::string_view cpp_type, std::string_view problem) const {
  throw ResultTypeError("cannot read column " + std::to_string(column) + " (\"" +
                        std::string(column_name(column)) + "\") as " + std::string(cpp_type) +
                        ": " + std::string(problem) + "\n  SQL: " + sqlite3_sql(stmt_));
}

}  // namespace ormc::sqlite
