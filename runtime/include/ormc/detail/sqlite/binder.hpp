// Binds C++ values to the parameters of one SQLite prepared statement. The typed layer
// (ormc/bind.hpp) calls it once per value, directly: no virtual call, no allocation by ormc.
// Implementation, not API: installed because inline binding code calls it; it may change
// in any release (bind through Statement instead).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "ormc/types.hpp"

struct sqlite3_stmt;

namespace ormc::sqlite {

//! A view of a statement; parameters are 1-based. `stable` says the bytes stay valid and
//! unchanged until the statement has run (SQLITE_STATIC); otherwise SQLite copies them.
//! Dates, times and timestamps are bound as ISO 8601 text (UTC), decimals and UUIDs as text.
//! Values ormc refuses on every backend throw DataError before anything is sent: NaN, text
//! with a NUL or invalid UTF-8, JSON that is not valid (or that jsonb would alter), dates
//! and timestamps outside the years 1..9999, times outside a day (docs/values.md).
class Binder {
 public:
  explicit Binder(sqlite3_stmt* stmt) : stmt_(stmt) {}

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
  void check(int rc, int index) const;

  sqlite3_stmt* stmt_;
};

}  // namespace ormc::sqlite
