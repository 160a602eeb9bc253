// Running a RowBatch through the backend's batch entry point (DriverConnection::run_batch: a
// pipeline on PostgreSQL), with the logging, counting and error reporting a Statement gives
// one execution. Session flushes, Core inserts of several batches and execute_many run here.
#include <algorithm>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "detail/driver_connection.hpp"
#include "detail/engine_state.hpp"
#include "ormc/config.hpp"
#include "ormc/connection.hpp"
#include "ormc/detail/row_batch.hpp"
#include "ormc/detail/sqlite/binder.hpp"
#include "ormc/error.hpp"
#include "ormc/row.hpp"
#if ORMC_WITH_POSTGRESQL
#include "ormc/detail/postgres/binder.hpp"
#endif

namespace ormc::detail {
namespace {

using Clock = std::chrono::steady_clock;

//! Statements first .. first+count-1 of a RowBatch, as the driver runs them.
class ChunkExecutions final : public BatchExecutions {
 public:
  ChunkExecutions(Connection& connection, RowBatch& batch)
      : driver_(connection.driver()),
        engine_(connection.engine_state()),
        kind_(driver_.dialect().kind()),
        batch_(batch),
        records_(engine_.wants_records()) {}
  ChunkExecutions(const ChunkExecutions&) = delete;
  ChunkExecutions& operator=(const ChunkExecutions&) = delete;
  ~ChunkExecutions() override {
    for (Prepared& p : prepared_) {
      p.statement->reset();
      p.statement->clear_bindings();
      if (p.owned) continue;  // freed with prepared_
      driver_.cache.release(p.statement);
    }
  }

  //! Prepares (or takes from the cache) every text of the batch before it runs: a
  //! pipeline cannot prepare.
  void prepare() {
    engine_.refresh_statements(driver_);  // as Connection::prepare: DDL may have run since
    const std::span<const std::string> texts = batch_.texts();
    prepared_.reserve(texts.size());
    for (const std::string& sql : texts) prepared_.push_back(acquire(sql));
  }

  void select(std::size_t first, std::size_t count) {
    first_ = first;
    count_ = count;
    last_ = records_ ? Clock::now() : Clock::time_point{};
  }

  [[nodiscard]] std::size_t size() const override { return count_; }

  PreparedStatement& bind(std::size_t i) override {
    const std::size_t at = first_ + i;
    PreparedStatement& statement = *prepared_[batch_.text_of(at)].statement;
    if (const std::optional<std::size_t> given = batch_.value_count(at);
        given && *given != statement.parameter_count()) {
      throw ArgumentError("batch statement " + std::to_string(at + 1) + " has " +
                          std::to_string(*given) + " values for " +
                          std::to_string(statement.parameter_count()) +
                          " parameters\n  SQL: " + std::string(statement.sql()));
    }
#if ORMC_WITH_POSTGRESQL
    if (kind_ == DialectKind::postgresql) {
      batch_.bind(at, postgres::Binder(static_cast<postgres::PgStatement*>(statement.native())));
      return statement;
    }
#endif
    batch_.bind(at, sqlite::Binder(static_cast<sqlite3_stmt*>(statement.native())));
    return statement;
  }

  void finish(std::size_t i, PreparedStatement& statement) override {
    const std::size_t at = first_ + i;
    const bool is_query = statement.column_count() > 0;
    auto step = statement.step();
    std::int64_t rows = 0;
    for (; step == PreparedStatement::Step::row; step = statement.step()) {
      batch_.read(at, Row(kind_, statement.native()));
      ++rows;
    }
    engine_.counters.statements.fetch_add(1, std::memory_order_relaxed);
    if (step == PreparedStatement::Step::error) fail(at, statement, is_query);
    const std::int64_t changed = statement.changes();
    changed_ += changed;
    if (records_) emit(at, statement, is_query ? rows : changed, is_query, nullptr);
    statement.reset();
    batch_.done(at, changed, kind_ == DialectKind::sqlite ? driver_.last_insert_rowid() : 0);
  }

  [[nodiscard]] std::int64_t changed() const { return changed_; }

 private:
  struct Prepared {
    PreparedStatement* statement;
    bool from_cache;
    bool owned;  //!< not taken into the cache: freed by `holder`
    std::unique_ptr<PreparedStatement> holder;
  };

  // What Connection::prepare() does, without wrapping the result in a Statement.
  Prepared acquire(std::string_view sql) {
    if (PreparedStatement* cached = driver_.cache.acquire(sql)) {
      engine_.counters.cache_hits.fetch_add(1, std::memory_order_relaxed);
      return {cached, true, false, nullptr};
    }
    DriverError error;
    std::unique_ptr<PreparedStatement> fresh = driver_.prepare(sql, error);
    if (!fresh) {
      if (records_) {
        LogRecord record;
        record.sql = sql;
        record.failed = true;
        record.error = error.info.driver_message;
        engine_.emit(record);
      }
      throw_database_error(std::move(error));
    }
    engine_.counters.prepares.fetch_add(1, std::memory_order_relaxed);
    fresh->slots.resize(fresh->parameter_count());
    fresh->in_use = true;
    PreparedStatement* statement = fresh.get();
    std::unique_ptr<PreparedStatement> uncached = driver_.cache.insert(fresh);
    const bool owned = uncached != nullptr;
    return {statement, false, owned, std::move(uncached)};
  }

  [[nodiscard]] std::vector<std::string> params(std::size_t at) const {
    std::vector<std::string> out = batch_.param_strings(at);
    if (engine_.options.redact_values) {
      for (std::string& value : out) value = "<redacted>";
    }
    return out;
  }

  // A pipeline has no per-statement duration: each record covers the time since the
  // previous statement's result was read.
  void emit(std::size_t at, const PreparedStatement& statement, std::int64_t rows, bool is_query,
            const DriverError* error) noexcept {
    try {
      const Clock::time_point now = Clock::now();
      LogRecord record;
      const std::vector<std::string> values = params(at);
      record.sql = statement.sql();
      record.params = values;
      record.duration = now - last_;
      record.rows = rows;
      record.kind = is_query ? StatementKind::query : StatementKind::command;
      record.from_cache = prepared_[batch_.text_of(at)].from_cache;
      if (error != nullptr) {
        record.failed = true;
        record.error = error->info.driver_message;
      }
      engine_.emit(record);
      last_ = now;
    } catch (...) {  // NOLINT(bugprone-empty-catch): out of memory while logging
    }
  }

  [[noreturn]] void fail(std::size_t at, PreparedStatement& statement, bool is_query) {
    DriverError error = statement.error();
    error.info.params = params(at);
    if (records_) emit(at, statement, 0, is_query, &error);
    statement.reset();
    throw_database_error(std::move(error));
  }

  DriverConnection& driver_;
  EngineState& engine_;
  DialectKind kind_;
  RowBatch& batch_;
  bool records_;
  std::vector<Prepared> prepared_;
  std::size_t first_ = 0;
  std::size_t count_ = 0;
  std::int64_t changed_ = 0;
  Clock::time_point last_;
};

}  // namespace

std::int64_t run_row_batch(Connection& connection, RowBatch& batch) {
  ChunkExecutions executions(connection, batch);
  executions.prepare();
  // Chunks of a bounded size (one pipeline each on PostgreSQL), so that neither side
  // buffers every result at once.
  constexpr std::size_t chunk_size = 1000;
  const std::size_t size = batch.size();
  for (std::size_t first = 0; first < size; first += chunk_size) {
    executions.select(first, std::min(chunk_size, size - first));
    connection.driver().run_batch(executions);
  }
  return executions.changed();
}

}  // namespace ormc::detail
