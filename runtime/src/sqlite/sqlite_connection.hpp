// The SQLite driver connection: one sqlite3 handle and its prepared statements.
#pragma once

#include <memory>
#include <string>

#include "detail/driver_connection.hpp"
#include "ormc/engine_options.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace ormc::sqlite {

//! sqlite3_step on a statement's native handle: what Statement calls for every row,
//! directly rather than through PreparedStatement's virtual step().
[[nodiscard]] detail::PreparedStatement::Step step(void* native);

class SqliteStatement final : public detail::PreparedStatement {
 public:
  SqliteStatement(std::string sql, sqlite3_stmt* stmt);
  ~SqliteStatement() override;

  void* native() override { return stmt_; }
  [[nodiscard]] std::size_t parameter_count() const override;
  Step step() override;
  [[nodiscard]] detail::DriverError error() const override;
  [[nodiscard]] std::int64_t changes() const override;
  void reset() noexcept override;
  void clear_bindings() noexcept override;
  [[nodiscard]] int column_count() const override;
  [[nodiscard]] std::string_view column_name(int column) const override;

 private:
  sqlite3_stmt* stmt_;
};

class SqliteConnection final : public detail::DriverConnection {
 public:
  //! Opens the database of `path` (":memory:" for a private in-memory one) and applies
  //! the options (foreign_keys, busy_timeout). Throws OperationalError, naming a missing
  //! directory as such.
  SqliteConnection(const std::string& path, const EngineOptions& options);
  ~SqliteConnection() override;

  [[nodiscard]] const Dialect& dialect() const override;
  std::optional<detail::DriverError> exec(std::string_view sql) override;
  std::unique_ptr<detail::PreparedStatement> prepare(std::string_view sql,
                                                     detail::DriverError& error) override;
  [[nodiscard]] bool in_transaction() const override;
  [[nodiscard]] std::int64_t last_insert_rowid() const override;
  //! True once a use of a lost handle failed (see simulate_disconnect()). SQLite has no
  //! server to lose; a real handle never breaks.
  [[nodiscard]] bool broken() const override { return lost_; }
  bool reset() noexcept override;

  //! Test hook: closes the handle as a server going away ends a client connection. Like
  //! a network driver, the connection does not know yet: the next exec/prepare fails with
  //! OperationalError, and from then on broken() is true. No Statement of this connection
  //! may be alive.
  void simulate_disconnect() noexcept;

 private:
  sqlite3* db_ = nullptr;
  bool lost_ = false;
};

}  // namespace ormc::sqlite
