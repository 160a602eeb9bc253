// Reads the columns of a PostgreSQL statement's current row into C++ values. The typed
// layer (ormc/hydrate.hpp) calls it once per value, directly: no virtual call.
// Implementation, not API: installed because inline hydration code calls it; it may change
// in any release (read through Row instead).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ormc/types.hpp"
#include "ormc/value.hpp"

namespace ormc::postgres {

class PgStatement;

//! A view of a statement positioned on a row; columns are 0-based. Results arrive in
//! PostgreSQL's text format and are parsed by the column's type: integers from int2/4/8
//! (or an integral numeric), doubles from float4/8 and numeric, bool 't'/'f', bytea from
//! its hex form, dates and times from ISO output (the session runs with TimeZone=UTC and
//! DateStyle=ISO). Each read() returns false when the value is NULL and throws
//! ResultTypeError when it does not convert.
class RowReader {
 public:
  explicit RowReader(PgStatement* stmt) : stmt_(stmt) {}

  [[nodiscard]] int column_count() const;
  [[nodiscard]] std::string_view column_name(int column) const;
  [[nodiscard]] bool is_null(int column) const;

  bool read(int column, bool& out) const;
  bool read(int column, std::int64_t& out) const;
  bool read(int column, double& out) const;
  bool read(int column, std::string& out) const;
  //! Valid until the statement moves on (next execution or reset).
  bool read(int column, std::string_view& out) const;
  bool read(int column, Bytes& out) const;
  bool read(int column, Decimal& out) const;
  bool read(int column, Json& out) const;
  bool read(int column, Date& out) const;
  bool read(int column, Time& out) const;
  bool read(int column, Timestamp& out) const;
  bool read(int column, Uuid& out) const;
  //! Any value, by the column's type: bool, int2/4/8 -> int64, float4/8 -> double,
  //! numeric -> Decimal, bytea -> Bytes, date/time/timestamp(tz) -> Date/Time/Timestamp,
  //! uuid -> Uuid, json/jsonb -> Json, anything else -> string; NULL -> monostate.
  bool read(int column, Value& out) const;

  [[noreturn]] void throw_null(int column, std::string_view cpp_type) const;
  [[noreturn]] void throw_type(int column, std::string_view cpp_type,
                               std::string_view problem) const;

 private:
  PgStatement* stmt_;
};

}  // namespace ormc::postgres
