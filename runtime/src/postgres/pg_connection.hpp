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
//! (the server infers them); the whole result of an execution is fetched at once (text
//! format) and step() walks its rows.
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

  // For the Binder: parameter `index` (1-based) as text, or NULL.
  std::string& param(int index);
  void set_null(int index);
  [[nodiscard]] bool has_param(int index) const {
    return index >= 1 && static_cast<std::size_t>(index) <= values_.size();
  }

  // For the RowReader: the current row.
  [[nodiscard]] bool is_null(int column) const;
  [[nodiscard]] std::string_view text(int column) const;
  [[nodiscard]] unsigned column_type(int column) const;  //!< the column's type OID
  [[nodiscard]] bool valid_column(int column) const {
    return column >= 0 && column < column_count();
  }

 private:
  bool execute_once();  //!< PQexecPrepared; false with error_ set
  bool replan();        //!< prepares again after "cached plan must not change result type"

  PgConnection& connection_;
  std::string name_;
  pg_result* description_;  //!< PQdescribePrepared: parameter count, columns
  pg_result* result_ = nullptr;
  int row_ = -1;
  int rows_ = 0;
  bool executed_ = false;
  std::int64_t changes_ = 0;
  detail::DriverError error_;
  std::vector<std::string> values_;
  std::vector<char> null_;  //!< 1: the parameter is NULL (every parameter starts NULL)
  std::vector<const char*> pointers_;
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
  //! PQstatus() == CONNECTION_BAD: the server closed it or the network failed.
  [[nodiscard]] bool broken() const override;

 private:
  void flush_deallocations() noexcept;

  pg_conn* conn_ = nullptr;
  std::uint64_t statement_serial_ = 0;
  std::vector<std::string> pending_deallocations_;
  bool closing_ = false;
  bool redact_ = false;
};

}  // namespace ormc::postgres
