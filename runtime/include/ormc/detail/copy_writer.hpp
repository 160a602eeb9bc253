// COPY ... FROM STDIN on a PostgreSQL connection, for bulk inserts of typed objects (Core's
// Insert::copy() and the Session's flush of many new objects): rows are written value by
// value through the same typed calls a statement's Binder takes (ormc/bind.hpp's
// bind_column), encoded in COPY's text or binary format, and sent at finish().
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ormc/types.hpp"

namespace ormc {

class Connection;

//! COPY's data formats. binary is the default: measured faster on a users-like table
//! (docs/postgresql.md, "Bulk inserts by COPY").
enum class CopyFormat : std::uint8_t { binary, text };

namespace detail {

//! One COPY of rows into `table` (`columns` in that order). Used like a Binder: for each
//! row, one bind*() per column (index = the column's 1-based position in `columns`), then
//! end_row(); finish() sends it all and returns the rows copied. Values ormc refuses on
//! every backend (docs/values.md) throw DataError from bind*(), before anything is sent:
//! the whole COPY is encoded in memory first, so a refused value writes nothing, in or
//! outside a transaction. The binary format needs each column's type: the constructor
//! reads them from the server (one round trip); numbers that do not fit the column's type
//! are refused as out of range (DataError), as the server would refuse their text.
//! PostgreSQL only (InvalidRequestError on SQLite); not thread-safe.
class CopyWriter {
 public:
  CopyWriter(Connection& connection, std::string_view table,
             std::span<const std::string_view> columns, CopyFormat format = CopyFormat::binary);
  ~CopyWriter();
  CopyWriter(const CopyWriter&) = delete;
  CopyWriter& operator=(const CopyWriter&) = delete;

  // The Binder interface (ormc/detail/postgres/binder.hpp), for bind_column().
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

  //! Ends the current row (every column must have been bound, in order).
  void end_row();
  //! Runs COPY "table" (...) FROM STDIN with the rows written: in the open transaction, or
  //! on its own (COPY is atomic). Returns the rows copied. A constraint violation is the
  //! IntegrityError the INSERT path raises, its SQL the COPY statement (naming the table).
  std::int64_t finish();

  [[nodiscard]] std::size_t rows() const;
  [[nodiscard]] const std::string& sql() const;

  struct State;

 private:
  std::unique_ptr<State> state_;
};

}  // namespace detail
}  // namespace ormc
