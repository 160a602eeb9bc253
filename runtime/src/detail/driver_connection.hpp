// The backend side of a connection: one driver handle (sqlite3*, PGconn*), its statement
// cache, and the transaction state that every ormc::Connection sharing it sees.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

#include "detail/driver_error.hpp"
#include "detail/prepared_statement.hpp"
#include "detail/statement_cache.hpp"
#include "ormc/dialect.hpp"
#include "ormc/pool_stats.hpp"

namespace ormc::detail {

//! The executions of one batch (an insert split into several statements), as a driver
//! runs them: in order, stopping at the first that fails. Implemented by the caller, which
//! binds, reads rows and turns failures into exceptions.
class BatchExecutions {
 public:
  virtual ~BatchExecutions() = default;
  [[nodiscard]] virtual std::size_t size() const = 0;
  //! Execution i's statement with its parameters bound. It must not prepare anything (a
  //! pipeline cannot): the caller prepares every statement before run_batch(). Statements
  //! may be shared between executions; a driver uses the bindings before the next bind().
  virtual PreparedStatement& bind(std::size_t i) = 0;
  //! Execution i runs (or its result is taken) at the first step() the caller makes on
  //! `statement`, which it then reads like any executed statement and leaves reset. Throws
  //! to stop the batch: the executions after i are not run, or their results discarded.
  virtual void finish(std::size_t i, PreparedStatement& statement) = 0;
};

class DriverConnection {
 public:
  explicit DriverConnection(std::size_t cache_capacity) : cache(cache_capacity) {}
  virtual ~DriverConnection() = default;
  DriverConnection(const DriverConnection&) = delete;
  DriverConnection& operator=(const DriverConnection&) = delete;

  [[nodiscard]] virtual const Dialect& dialect() const = 0;
  //! Runs SQL without parameters or rows; nullopt on success.
  virtual std::optional<DriverError> exec(std::string_view sql) = 0;
  //! Compiles `sql`; nullptr with `error` set when the database rejects it.
  virtual std::unique_ptr<PreparedStatement> prepare(std::string_view sql, DriverError& error) = 0;
  //! Whether a transaction is open, as the driver knows it: some failures end a
  //! transaction behind the caller's back (SQLite rolls back on SQLITE_FULL, for one).
  [[nodiscard]] virtual bool in_transaction() const = 0;
  [[nodiscard]] virtual std::int64_t last_insert_rowid() const = 0;

  //! Whether the connection is known to be unusable: the server closed it, the network
  //! or the handle was lost. Drivers report it (PostgreSQL: PQstatus() == CONNECTION_BAD);
  //! the pool never hands a broken connection out again.
  [[nodiscard]] virtual bool broken() const { return false; }
  //! Runs every execution of `batch` in order. This default runs each when it is
  //! finished, one round trip apiece; PostgreSQL sends them all in one pipeline and reads
  //! the results afterwards. Either way the connection is usable when it returns or throws;
  //! the transaction around the batch (and its rollback) is the caller's.
  virtual void run_batch(BatchExecutions& batch) {
    for (std::size_t i = 0; i < batch.size(); ++i) batch.finish(i, batch.bind(i));
  }
  //! A cheap round trip for pre-ping; false when the connection is dead.
  virtual bool ping() { return !broken() && !exec("SELECT 1"); }
  //! Reset on return to a pool: rolls back whatever is left open and forgets the
  //! transaction's state. false when it could not be reset (the pool closes it then).
  virtual bool reset() noexcept {
    bool ok = true;
    try {
      if (!broken() && in_transaction() && exec("ROLLBACK")) ok = false;
    } catch (...) {
      ok = false;
    }
    transaction_owner = nullptr;
    savepoint_serial = 0;
    read_only_transaction = false;
    // A rollback undid the DDL: the schema is as it was when the cache was last checked.
    ddl_in_transaction = false;
    return ok && !broken() && !in_transaction();
  }

  StatementCache cache;
  //! The ormc::Connection that began the open transaction: the one whose destruction
  //! rolls it back (on a shared :memory: handle, other Connections leave it alone).
  const void* transaction_owner = nullptr;
  int savepoint_serial = 0;  //!< numbers savepoint names: ormc_sp_1, ormc_sp_2, ...
  bool read_only_transaction = false;
  //! The engine's DDL generation (EngineState::ddl_generation) the cache was filled under.
  std::uint64_t ddl_generation = 0;
  //! DDL ran in the open transaction: its end (commit or rollback) changes the schema
  //! other connections see, so it counts as DDL again.
  bool ddl_in_transaction = false;
};

//! Where an engine's driver connections come from and go back to: one per Connection
//! (SQLite files), one shared (SQLite :memory:), a pool (issue 4).
class ConnectionSource {
 public:
  virtual ~ConnectionSource() = default;
  //! A driver connection for a new ormc::Connection; throws OperationalError.
  virtual DriverConnection* acquire() = 0;
  //! Called once per acquire(), with no transaction open on it by the releasing Connection.
  virtual void release(DriverConnection* connection) noexcept = 0;
  //! Connection::invalidate(): like release(), but the connection is closed rather than
  //! reset and reused (SQLAlchemy's invalidate: it may be lost, or in a state nobody can
  //! trust). A source whose connection is the database itself (SQLite :memory:) resets
  //! and keeps it, as dispose() does.
  virtual void invalidate(DriverConnection* connection) noexcept { release(connection); }
  //! The pool's state and counters; reset_counters() zeroes the counters.
  [[nodiscard]] virtual PoolStats stats() const { return {}; }
  virtual void reset_counters() noexcept {}
  //! Engine::dispose(): closes the idle connections now and those checked out when they
  //! come back; later checkouts open new ones. Nothing for a source whose connection is
  //! the database itself (SQLite :memory:).
  virtual void dispose() noexcept {}
};

}  // namespace ormc::detail
