// Binds C++ values to the parameters of one PostgreSQL prepared statement. The typed layer
// (ormc/bind.hpp) calls it once per value, directly: no virtual call.
// Implementation, not API: installed because inline binding code calls it; it may change
// in any release (bind through Statement instead).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "ormc/types.hpp"

namespace ormc::postgres {

class PgStatement;

//! A view of a statement; parameters are 1-based. Every value is sent in PostgreSQL's text
//! format with its type left unspecified (OID 0), so the server infers it from the SQL's
//! context (a native enum column takes its label, a numeric column exact decimal text).
//! Values are copied into the statement's parameter buffers (`stable` is not needed).
//! Booleans 't'/'f', bytes as bytea hex ('\x..'), dates, times and timestamps ISO 8601
//! (timestamps in UTC, written with a '+00' offset), UUIDs 8-4-4-4-12.
//! Values ormc refuses on every backend throw DataError before anything is sent: NaN, text
//! with a NUL or invalid UTF-8, JSON that is not valid (or that jsonb would alter), dates
//! and timestamps outside the years 1..9999, times outside a day (docs/values.md).
class Binder {
 public:
  explicit Binder(PgStatement* stmt) : stmt_(stmt) {}

  void bind_null(int index) const;
  void bind(int index, bool value) const;
  void bind(int index, std::int64_t value) const;
  void bind(int index, double value) const;
  void bind(int index, std::string_view value, bool stable) const;
  void bind(int index, std::span<const std::byte> value, bool stable) const;
  void bind(int index, const Decimal& value, bool stable) const;
  void bind(int index, const Json& value, bool stable) const;
  void bind(int index, const Date& value) const;
  void bind(int index, const Time& value) const;
  void bind(int index, const Timestamp& value) const;
  void bind(int index, const Uuid& value) const;

 private:
  PgStatement* stmt_;
};

}  // namespace ormc::postgres
