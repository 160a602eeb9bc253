// The backend side of a prepared statement: what ormc::Statement drives. Virtual per
// statement execution (step, reset), never per bound or read value: those go through the
// backend's concrete Binder / RowReader on native().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "detail/driver_error.hpp"
#include "ormc/detail/param_slot.hpp"

namespace ormc::detail {

class PreparedStatement {
 public:
  enum class Step { row, done, error };

  explicit PreparedStatement(std::string sql) : sql_(std::move(sql)) {}
  virtual ~PreparedStatement() = default;
  PreparedStatement(const PreparedStatement&) = delete;
  PreparedStatement& operator=(const PreparedStatement&) = delete;

  [[nodiscard]] const std::string& sql() const { return sql_; }
  //! The driver's handle, for the backend's Binder and RowReader (sqlite3_stmt*).
  [[nodiscard]] virtual void* native() = 0;
  [[nodiscard]] virtual std::size_t parameter_count() const = 0;
  //! Runs the statement (first call) or moves to the next row. On Step::error, error()
  //! says what happened.
  virtual Step step() = 0;
  [[nodiscard]] virtual DriverError error() const = 0;
  //! Rows changed by the last completed INSERT / UPDATE / DELETE.
  [[nodiscard]] virtual std::int64_t changes() const = 0;
  //! Ready to run again; the bindings stay.
  virtual void reset() noexcept = 0;
  virtual void clear_bindings() noexcept = 0;
  [[nodiscard]] virtual int column_count() const = 0;
  //! After a step that found a row: the rows from the current one on, when the driver
  //! holds the whole result already (PostgreSQL); -1 when it does not know (SQLite).
  [[nodiscard]] virtual std::int64_t rows_held() const { return -1; }
  [[nodiscard]] virtual std::string_view column_name(int column) const = 0;

  //! One per parameter: what the Statement bound, for logs and errors.
  std::vector<ParamSlot> slots;
  bool in_use = false;  //!< checked out by a Statement
  bool cached = false;  //!< owned by the connection's cache (else by its Statement)
  //! Not to be run again: DDL may have changed what it was prepared against, or the
  //! server reported it invalid. The cache finalizes it when it comes back.
  bool stale = false;
  //! CREATE / DROP / ALTER: running it makes the engine's prepared statements stale
  //! (EngineState::note_ddl).
  bool ddl = false;

 private:
  std::string sql_;
};

}  // namespace ormc::detail
