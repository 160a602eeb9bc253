// RowBatch: statements whose parameters the caller binds itself, straight from its objects
// (no list of run-time Values per row), run as one batch of the backend: a pipeline on
// PostgreSQL (one round trip per 1000 statements), one prepared statement per distinct SQL
// text reused on SQLite. The Session's flush is one; run_batches() adapts rendered statements.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ormc {

class Connection;
class Row;
namespace sqlite {
class Binder;
}
namespace postgres {
class Binder;
}

namespace detail {

class RowBatch {
 public:
  RowBatch() = default;
  virtual ~RowBatch() = default;
  RowBatch(const RowBatch&) = delete;
  RowBatch& operator=(const RowBatch&) = delete;

  [[nodiscard]] virtual std::size_t size() const = 0;
  //! The distinct SQL texts the batch runs; each is prepared once, before the batch runs.
  [[nodiscard]] virtual std::span<const std::string> texts() const = 0;
  //! Which of texts() statement i runs.
  [[nodiscard]] virtual std::size_t text_of(std::size_t i) const = 0;
  //! Binds statement i's parameters (1-based). What is bound as stable must stay alive and
  //! unchanged until statement i has run.
  virtual void bind(std::size_t i, const sqlite::Binder& binder) = 0;
  virtual void bind(std::size_t i, const postgres::Binder& binder) = 0;
  //! How many values statement i binds, when that is known only at run time (checked
  //! against the statement's parameters before binding); nullopt when it cannot differ.
  [[nodiscard]] virtual std::optional<std::size_t> value_count(std::size_t /*i*/) const {
    return std::nullopt;
  }
  //! A row statement i returned (RETURNING).
  virtual void read(std::size_t /*i*/, const Row& /*row*/) {}
  //! Statement i ran and changed `rows` rows; `rowid`: on SQLite the rowid of the last row
  //! it inserted (sqlite3_last_insert_rowid: an INTEGER PRIMARY KEY without RETURNING),
  //! 0 elsewhere. Throwing stops the batch.
  virtual void done(std::size_t /*i*/, std::int64_t /*rows*/, std::int64_t /*rowid*/) {}
  //! Statement i's parameters as log strings, for log records and error messages (with the
  //! engine's redaction applied by the caller).
  [[nodiscard]] virtual std::vector<std::string> param_strings(std::size_t i) const = 0;
};

//! Runs `batch` on `connection` in chunks of 1000 statements (one pipeline each on
//! PostgreSQL), in the connection's open transaction, which the caller keeps open: a
//! failure leaves the statements before it run. The first failure is thrown as the
//! DatabaseError of that statement, with its parameters. Returns the rows changed.
std::int64_t run_row_batch(Connection& connection, RowBatch& batch);

}  // namespace detail
}  // namespace ormc
