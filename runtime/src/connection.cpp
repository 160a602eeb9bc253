// Connection: SQL execution, the statement cache, transactions and savepoints on one
// driver connection.
#include "ormc/connection.hpp"

#include <chrono>
#include <string>

#include "detail/ddl_statement.hpp"
#include "detail/driver_connection.hpp"
#include "detail/engine_state.hpp"
#include "ormc/error.hpp"
#include "sqlite/sqlite_isolation.hpp"

namespace ormc {

Connection::Connection(std::shared_ptr<detail::EngineState> engine,
                       detail::DriverConnection* driver)
    : engine_(std::move(engine)), driver_(driver) {}

Connection::Connection(Connection&& other) noexcept
    : engine_(std::move(other.engine_)), driver_(std::exchange(other.driver_, nullptr)) {
  if (driver_ != nullptr && driver_->transaction_owner == &other) {
    driver_->transaction_owner = this;
  }
}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    close();
    engine_ = std::move(other.engine_);
    driver_ = std::exchange(other.driver_, nullptr);
    if (driver_ != nullptr && driver_->transaction_owner == &other) {
      driver_->transaction_owner = this;
    }
  }
  return *this;
}

Connection::~Connection() { close(); }

void Connection::close() noexcept {
  if (driver_ == nullptr) return;
  if (driver_->transaction_owner == this) {
    try {
      rollback();
    } catch (...) {  // NOLINT(bugprone-empty-catch): the handle's release discards it anyway
    }
    driver_->transaction_owner = nullptr;
  }
  engine_->source->release(std::exchange(driver_, nullptr));
}

void Connection::invalidate() noexcept {
  if (driver_ == nullptr) return;
  if (driver_->transaction_owner == this) driver_->transaction_owner = nullptr;
  engine_->source->invalidate(std::exchange(driver_, nullptr));
}

const Dialect& Connection::dialect() const { return engine_->dialect; }

detail::DriverConnection& Connection::driver() const {
  if (driver_ == nullptr) throw InvalidRequestError("the Connection is closed");
  return *driver_;
}

namespace {

void emit_simple(detail::EngineState& engine, std::string_view sql, StatementKind kind,
                 std::chrono::steady_clock::time_point started,
                 const std::optional<detail::DriverError>& error) {
  LogRecord record;
  record.sql = sql;
  record.duration = std::chrono::steady_clock::now() - started;
  record.kind = kind;
  if (error) {
    record.failed = true;
    record.error = error->info.driver_message;
  }
  engine.emit(record);
}

}  // namespace

void Connection::execute(std::string_view sql) {
  detail::DriverConnection& driver = this->driver();
  const bool records = engine_->wants_records();
  const auto started =
      records ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
  auto error = driver.exec(sql);
  // Even after a failure: several statements in `sql` may have run before it.
  if (detail::is_ddl(sql)) engine_->note_ddl(driver);
  engine_->counters.statements.fetch_add(1, std::memory_order_relaxed);
  if (records) emit_simple(*engine_, sql, StatementKind::command, started, error);
  if (error) detail::throw_database_error(std::move(*error));
}

void Connection::run_control(std::string_view sql) {
  detail::DriverConnection& driver = this->driver();
  const bool records = engine_->wants_records();
  const auto started =
      records ? std::chrono::steady_clock::now() : std::chrono::steady_clock::time_point{};
  auto error = driver.exec(sql);
  if (records) emit_simple(*engine_, sql, StatementKind::transaction, started, error);
  if (error) detail::throw_database_error(std::move(*error));
}

Statement Connection::prepare(std::string_view sql) {
  detail::DriverConnection& driver = this->driver();
  engine_->refresh_statements(driver);
  if (detail::PreparedStatement* cached = driver.cache.acquire(sql)) {
    engine_->counters.cache_hits.fetch_add(1, std::memory_order_relaxed);
    return {engine_.get(), &driver, cached, true};
  }
  detail::DriverError error;
  std::unique_ptr<detail::PreparedStatement> fresh = driver.prepare(sql, error);
  if (!fresh) {
    if (engine_->wants_records()) {
      LogRecord record;
      record.sql = sql;
      record.failed = true;
      record.error = error.info.driver_message;
      engine_->emit(record);
    }
    detail::throw_database_error(std::move(error));
  }
  engine_->counters.prepares.fetch_add(1, std::memory_order_relaxed);
  fresh->slots.resize(fresh->parameter_count());
  fresh->in_use = true;
  fresh->ddl = detail::is_ddl(sql);
  detail::PreparedStatement* prepared = fresh.get();
  if (auto uncached = driver.cache.insert(fresh)) {
    (void)uncached.release();  // owned by the Statement now: deleted by Statement::release()
  }
  return {engine_.get(), &driver, prepared, false};
}

std::int64_t Connection::execute_raw(std::string_view sql, const Params& params) {
  std::vector<const Value*> values;
  Statement statement = prepare_named(sql, params, values);
  return statement.execute();
}

Statement Connection::prepare_named(std::string_view sql, const Params& params,
                                    std::vector<const Value*>& values) {
  const TranslatedSql translated = translate_named_binds(sql, dialect());
  values = order_params(translated, params, sql);
  Statement statement = prepare(translated.sql);
  statement.bind_values(std::span<const Value* const>(values));
  return statement;
}

std::int64_t Connection::last_insert_rowid() const { return driver().last_insert_rowid(); }

std::size_t Connection::cached_statements() const { return driver().cache.size(); }

bool Connection::in_transaction() const { return driver().in_transaction(); }

void Connection::begin(TransactionOptions options) {
  detail::DriverConnection& driver = this->driver();
  if (options.isolation == IsolationLevel::database_default) {
    options.isolation = engine_->options.isolation_level;
  }
  if (driver.in_transaction()) {
    throw InvalidRequestError(
        "begin(): a transaction is already open on this connection; commit or roll it back "
        "first, or use begin_nested() for a savepoint");
  }
  if (dialect().kind() == DialectKind::sqlite) {
    sqlite::check_isolation(options.isolation, "begin(): isolation level ");
  }
  if (dialect().kind() == DialectKind::postgresql) {
    std::string sql = "BEGIN";
    if (options.isolation != IsolationLevel::database_default) {
      sql += " ISOLATION LEVEL ";
      sql += to_string(options.isolation);
    }
    if (options.read_only) sql += " READ ONLY";
    run_control(sql);
    driver.transaction_owner = this;
    driver.savepoint_serial = 0;
    engine_->counters.begins.fetch_add(1, std::memory_order_relaxed);
    return;
  }
  if (options.read_only) {
    run_control("PRAGMA query_only = ON");
    driver.read_only_transaction = true;
  }
  try {
    run_control("BEGIN");
  } catch (...) {
    if (options.read_only) {
      (void)driver.exec("PRAGMA query_only = OFF");
      driver.read_only_transaction = false;
    }
    throw;
  }
  driver.transaction_owner = this;
  driver.savepoint_serial = 0;
  engine_->counters.begins.fetch_add(1, std::memory_order_relaxed);
}

namespace {

// After COMMIT or ROLLBACK (or a failure that ended the transaction): forget its owner
// and undo what begin() set for it. DDL it ran is now what every connection sees (or
// undone): the engine's statements prepared meanwhile are stale.
void end_transaction(detail::EngineState& engine, detail::DriverConnection& driver) {
  if (driver.in_transaction()) return;
  if (driver.ddl_in_transaction) engine.note_ddl(driver);
  driver.transaction_owner = nullptr;
  if (driver.read_only_transaction) {
    driver.read_only_transaction = false;
    (void)driver.exec("PRAGMA query_only = OFF");
  }
}

}  // namespace

void Connection::commit() {
  detail::DriverConnection& driver = this->driver();
  if (!driver.in_transaction()) {
    end_transaction(*engine_, driver);
    throw InvalidRequestError("commit(): no transaction is open on this connection");
  }
  try {
    run_control("COMMIT");
  } catch (...) {
    end_transaction(*engine_, driver);  // a failed COMMIT may leave the transaction open: it stays
    throw;
  }
  engine_->counters.commits.fetch_add(1, std::memory_order_relaxed);
  end_transaction(*engine_, driver);
}

void Connection::rollback() {
  detail::DriverConnection& driver = this->driver();
  if (driver.in_transaction()) {
    try {
      run_control("ROLLBACK");
    } catch (...) {
      end_transaction(*engine_, driver);
      throw;
    }
    engine_->counters.rollbacks.fetch_add(1, std::memory_order_relaxed);
  }
  end_transaction(*engine_, driver);
}

Savepoint Connection::begin_nested() {
  detail::DriverConnection& driver = this->driver();
  if (!driver.in_transaction()) {
    throw InvalidRequestError(
        "begin_nested(): a savepoint needs an open transaction; call begin() first");
  }
  std::string name = "ormc_sp_" + std::to_string(++driver.savepoint_serial);
  run_control("SAVEPOINT " + name);
  return {*this, std::move(name)};
}

void Connection::release_savepoint(const std::string& name, bool roll_back) {
  detail::DriverConnection& driver = this->driver();
  if (!driver.in_transaction()) {
    if (roll_back) return;  // the whole transaction is gone already: nothing to undo
    throw InvalidRequestError("commit() of savepoint " + name +
                              ": its transaction is no longer open");
  }
  if (roll_back) run_control("ROLLBACK TO SAVEPOINT " + name);
  run_control("RELEASE SAVEPOINT " + name);
}

}  // namespace ormc
