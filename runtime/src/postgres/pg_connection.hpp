// The PostgreSQL driver connection: one PGconn and its prepared statements (PQprepare'd
// once per connection under the names ormc_1, ormc_2, ..., run with PQexecPrepared).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "detail/driver_connection.hpp"
#include "ormc/engine_options.hpp"
#include "ormc/url.hpp"

struct pg_conn;
struct pg_result;

namespace ormc::postgres {

class PgConnection;

//! A statement prepared on the server. Parameters travel as text with unspecified types
//! (the server infers them); the whole result of an execution is fetched at once and step()
//! walks its rows. Results come in binary when every column's type is one ormc decodes
//! (postgres/binary_format.hpp: numbers, bool, dates and times, uuid, text), else in text.
class PgStatement final : public detail::PreparedStatement {
 public:
  PgStatement(std::string sql, PgConnection& connection, std::string name, pg_result* description);
  ~PgStatement() override;

  void* native() override { return static_cast<void*>(this); }
  [[nodiscard]] std::size_t parameter_count() const override;
  Step step() override;
  [[nodiscard]] detail::DriverError error() const override { return error_; }
  [[nodiscard]] std::int64_t changes() const override { return changes_; }
  void reset() noexcept override;
  void clear_bindings() noexcept override;
  [[nodiscard]] int column_count() const override;
  [[nodiscard]] std::string_view column_name(int column) const override;
  [[nodiscard]] std::int64_t rows_held() const override {
    return executed_ && row_ < rows_ ? rows_ - row_ : -1;
  }

  // For the Binder: parameter `index` (1-based) as text, or NULL.
  std::string& param(int index);
  void set_null(int index);
  [[nodiscard]] bool has_param(int index) const {
    return index >= 1 && static_cast<std::size_t>(index) <= values_.size();
  }

  // Pipeline mode (PgConnection::run_batch).
  //! Sends an execution with the current bindings, without waiting for its result;
  //! false with error() set when libpq could not queue it.
  bool send();
  //! The result of a sent execution (nullptr: the connection lost it): the next first
  //! step() takes it instead of executing the statement.
  void adopt(pg_result* result);

  // For the RowReader: the current row.
  [[nodiscard]] bool is_null(int column) const;
  //! The value as the server's text output (converted from binary when it came so; the
  //! view is valid until the next call).
  [[nodiscard]] std::string_view text(int column) const;
  //! Whether the results are in binary format; raw() is then the binary value.
  [[nodiscard]] bool binary() const { return binary_; }
  [[nodiscard]] const char* raw(int column) const;
  //! The column's type OID, 0 for a column the result does not have (read once per
  //! statement from its description: a row's reads ask for it per value).
  [[nodiscard]] unsigned column_type(int column) const {
    const auto i = static_cast<std::size_t>(column);
    return i < types_.size() ? types_[i] : 0U;
  }
  [[nodiscard]] bool valid_column(int column) const {
    return column >= 0 && column < column_count();
  }

 private:
  bool execute_once();           //!< PQexecPrepared; false with error_ set
  bool take(pg_result* result);  //!< an execution's result; false with error_ set
  void point_at_values();        //!< fills pointers_ from values_ and null_
  void choose_format();          //!< types_ and binary_ from description_'s column types
  //! Prepares the statement again under its name after the server reported it invalid
  //! (`stale`), when running it again is safe; true when it may run again.
  bool replan();

  PgConnection& connection_;
  std::string name_;
  pg_result* description_;  //!< PQdescribePrepared: parameter count, columns
  pg_result* result_ = nullptr;
  int row_ = -1;
  int rows_ = 0;
  bool executed_ = false;
  bool binary_ = false;   //!< results in binary format (resultFormat 1)
  bool adopted_ = false;  //!< the next execution is result_ (or error_), taken from a pipeline
  std::int64_t changes_ = 0;
  detail::DriverError error_;
  std::vector<std::string> values_;
  std::vector<char> null_;  //!< 1: the parameter is NULL (every parameter starts NULL)
  std::vector<const char*> pointers_;
  std::vector<unsigned> types_;    //!< each result column's type OID
  mutable std::string converted_;  //!< text() of a binary value
};

class PgConnection final : public detail::DriverConnection {
 public:
  //! Connects with the URL's parts (empty ones come from libpq's environment variables:
  //! PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE, ...) and its libpq options (sslmode,
  //! application_name, connect_timeout, ...), then sets the session to TimeZone=UTC,
  //! DateStyle=ISO, client_encoding=UTF8. Throws OperationalError naming the host and the
  //! reason, never the password.
  PgConnection(const Url& url, const EngineOptions& options);
  ~PgConnection() override;

  [[nodiscard]] const Dialect& dialect() const override;
  std::optional<detail::DriverError> exec(std::string_view sql) override;
  std::unique_ptr<detail::PreparedStatement> prepare(std::string_view sql,
                                                     detail::DriverError& error) override;
  [[nodiscard]] bool in_transaction() const override;
  //! PostgreSQL has no rowid: use RETURNING. Always 0.
  [[nodiscard]] std::int64_t last_insert_rowid() const override { return 0; }

  [[nodiscard]] pg_conn* native() const { return conn_; }
  //! EngineOptions::redact_values: error messages leave out the server's DETAIL.
  [[nodiscard]] bool redact() const { return redact_; }
  //! A statement's server-side name is freed: DEALLOCATE now when no transaction is open
  //! (a failing DEALLOCATE must never abort the caller's transaction), else later.
  void deallocate(const std::string& name) noexcept;
  //! PQstatus() == CONNECTION_BAD (the server closed it or the network failed), or a
  //! pipeline that libpq could not leave (still in pipeline mode outside run_batch()).
  [[nodiscard]] bool broken() const override;
  //! Several executions in one pipeline (PQenterPipelineMode): every statement is sent,
  //! then one sync, then the results are read in order. One round trip for the batch, and
  //! the server works on one execution while the client binds the next.
  void run_batch(detail::BatchExecutions& batch) override;

 private:
  void flush_deallocations() noexcept;

  pg_conn* conn_ = nullptr;
  std::uint64_t statement_serial_ = 0;
  std::vector<std::string> pending_deallocations_;
  bool closing_ = false;
  bool lost_pipeline_ = false;  //!< a pipeline could not be closed: the pool must drop it
  bool in_batch_ = false;       //!< inside run_batch(), where pipeline mode is expected
  bool redact_ = false;
};

}  // namespace ormc::postgres
