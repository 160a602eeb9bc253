// Reads the columns of a SQLite statement's current row into C++ values. The typed layer
// (ormc/hydrate.hpp) calls it once per value, directly: no virtual call.
// Implementation, not API: installed because inline hydration code calls it; it may change
// in any release (read through Row instead).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ormc/types.hpp"
#include "ormc/value.hpp"

struct sqlite3_stmt;

namespace ormc::sqlite {

//! A view of a statement positioned on a row; columns are 0-based. Each read() returns
//! false and leaves `out` alone when the value is NULL, and throws ResultTypeError when the
//! stored value does not convert (SQLite columns are dynamically typed): integers read as
//! INTEGER (or an integral REAL), doubles as INTEGER or REAL, strings as TEXT, bytes as
//! BLOB, dates and times as ISO 8601 TEXT with 0 to 9 fraction digits.
class RowReader {
 public:
  explicit RowReader(sqlite3_stmt* stmt) : stmt_(stmt) {}

  [[nodiscard]] int column_count() const;
  [[nodiscard]] std::string_view column_name(int column) const;
  [[nodiscard]] bool is_null(int column) const;

  bool read(int column, bool& out) const;
  bool read(int column, std::int64_t& out) const;
  bool read(int column, double& out) const;
  bool read(int column, std::string& out) const;
  //! Valid until the statement moves to the next row.
  bool read(int column, std::string_view& out) const;
  bool read(int column, Bytes& out) const;
  bool read(int column, Decimal& out) const;
  bool read(int column, Json& out) const;
  bool read(int column, Date& out) const;
  bool read(int column, Time& out) const;
  bool read(int column, Timestamp& out) const;
  bool read(int column, Uuid& out) const;
  //! Any value, by its storage class: INTEGER -> int64, REAL -> double, TEXT -> string,
  //! BLOB -> Bytes, NULL -> monostate (and returns true).
  bool read(int column, Value& out) const;

  [[noreturn]] void throw_null(int column, std::string_view cpp_type) const;
  [[noreturn]] void throw_type(int column, std::string_view cpp_type,
                               std::string_view problem) const;

 private:
  sqlite3_stmt* stmt_;
};

}  // namespace ormc::sqlite
