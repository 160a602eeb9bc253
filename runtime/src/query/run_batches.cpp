// Running several statements (an insert's batches, a Session flush, execute_many) as one
// unit through the backend's batch entry point (DriverConnection::run_batch: a pipeline on
// PostgreSQL), with the logging, counting and error reporting a Statement gives one.
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
#include "ormc/detail/sqlite/binder.hpp"
#include "ormc/error.hpp"
#include "ormc/query.hpp"
#include "ormc/transaction.hpp"
#if ORMC_WITH_POSTGRESQL
#include "ormc/detail/postgres/binder.hpp"
#endif

namespace ormc::detail {
namespace {

using Clock = std::chrono::steady_clock;

template <typename Binder>
void bind_all(const Binder& binder, std::span<const Value> values) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    bind_column(binder, static_cast<int>(i + 1), values[i], true);  // the values outlive the run
  }
}

class StatementBatch final : public BatchExecutions {
 public:
  StatementBatch(Connection& connection, std::span<const RenderedStatement> statements,
                 BatchRowSink* rows)
      : driver_(connection.driver()),
        engine_(connection.engine_state()),
        kind_(driver_.dialect().kind()),
        statements_(statements),
        rows_(rows),
        records_(engine_.wants_records()) {}
  StatementBatch(const StatementBatch&) = delete;
  StatementBatch& operator=(const StatementBatch&) = delete;
  ~StatementBatch() override {
    for (Prepared& p : prepared_) {
      p.statement->reset();
      p.statement->clear_bindings();
      if (p.owned) continue;  // freed with prepared_
      driver_.cache.release(p.statement);
    }
  }

  //! Prepares (or takes from the cache) one statement per distinct SQL text, before the
  //! batch runs: a pipeline cannot prepare.
  void prepare() {
    index_.reserve(statements_.size());
    for (const RenderedStatement& statement : statements_) {
      std::size_t at = 0;
      while (at < prepared_.size() && prepared_[at].statement->sql() != statement.sql) ++at;
      if (at == prepared_.size()) prepared_.push_back(acquire(statement.sql));
      index_.push_back(at);
    }
    last_ = records_ ? Clock::now() : Clock::time_point{};
  }

  [[nodiscard]] std::size_t size() const override { return statements_.size(); }

  PreparedStatement& bind(std::size_t i) override {
    Prepared& p = prepared_[index_[i]];
    const std::span<const Value> values = statements_[i].values;
    if (values.size() != p.statement->parameter_count()) {
      throw ArgumentError("batch statement " + std::to_string(i + 1) + " has " +
                          std::to_string(values.size()) + " values for " +
                          std::to_string(p.statement->parameter_count()) +
                          " parameters\n  SQL: " + p.statement->sql());
    }
#if ORMC_WITH_POSTGRESQL
    if (kind_ == DialectKind::postgresql) {
      bind_all(postgres::Binder(static_cast<postgres::PgStatement*>(p.statement->native())),
               values);
      return *p.statement;
    }
#endif
    bind_all(sqlite::Binder(static_cast<sqlite3_stmt*>(p.statement->native())), values);
    return *p.statement;
  }

  void finish(std::size_t i, PreparedStatement& statement) override {
    const bool is_query = statement.column_count() > 0;
    auto step = statement.step();
    std::int64_t rows = 0;
    for (; step == PreparedStatement::Step::row; step = statement.step()) {
      if (rows_ != nullptr) rows_->read(Row(kind_, statement.native()), rows == 0, statement.sql());
      ++rows;
    }
    engine_.counters.statements.fetch_add(1, std::memory_order_relaxed);
    if (step == PreparedStatement::Step::error) fail(i, statement, is_query);
    const std::int64_t changed = statement.changes();
    changed_ += changed;
    if (records_) emit(i, statement, is_query ? rows : changed, is_query, nullptr);
    statement.reset();
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

  [[nodiscard]] std::vector<std::string> params(std::size_t i) const {
    std::vector<std::string> out;
    out.reserve(statements_[i].values.size());
    const bool redact = engine_.options.redact_values;
    for (const Value& value : statements_[i].values) {
      out.push_back(redact ? std::string("<redacted>") : to_log_string(value));
    }
    return out;
  }

  // A pipeline has no per-statement duration: each record covers the time since the
  // previous statement's result was read.
  void emit(std::size_t i, const PreparedStatement& statement, std::int64_t rows, bool is_query,
            const DriverError* error) noexcept {
    try {
      const Clock::time_point now = Clock::now();
      const std::vector<std::string> values = params(i);
      LogRecord record;
      record.sql = statement.sql();
      record.params = values;
      record.duration = now - last_;
      record.rows = rows;
      record.kind = is_query ? StatementKind::query : StatementKind::command;
      record.from_cache = prepared_[index_[i]].from_cache;
      if (error != nullptr) {
        record.failed = true;
        record.error = error->info.driver_message;
      }
      engine_.emit(record);
      last_ = now;
    } catch (...) {  // NOLINT(bugprone-empty-catch): out of memory while logging
    }
  }

  [[noreturn]] void fail(std::size_t i, PreparedStatement& statement, bool is_query) {
    DriverError error = statement.error();
    error.info.params = params(i);
    if (records_) emit(i, statement, 0, is_query, &error);
    statement.reset();
    throw_database_error(std::move(error));
  }

  DriverConnection& driver_;
  EngineState& engine_;
  DialectKind kind_;
  std::span<const RenderedStatement> statements_;
  BatchRowSink* rows_;
  bool records_;
  std::vector<Prepared> prepared_;
  std::vector<std::size_t> index_;  //!< statements_[i] runs prepared_[index_[i]]
  std::int64_t changed_ = 0;
  Clock::time_point last_;
};

}  // namespace

std::int64_t run_batches(Connection& connection, std::span<const RenderedStatement> statements,
                         BatchRowSink* rows) {
  // Several statements are one unit: all or nothing.
  std::optional<Transaction> transaction;
  if (statements.size() > 1 && !connection.in_transaction()) transaction.emplace(connection);
  // Batches of a bounded size (one pipeline each on PostgreSQL), so that neither side
  // buffers every result at once.
  constexpr std::size_t batch_size = 1000;
  std::int64_t changed = 0;
  for (std::size_t first = 0; first < statements.size(); first += batch_size) {
    StatementBatch batch(connection,
                         statements.subspan(first, std::min(batch_size, statements.size() - first)),
                         rows);
    batch.prepare();
    connection.driver().run_batch(batch);
    changed += batch.changed();
  }
  if (transaction) transaction->commit();
  return changed;
}

}  // namespace ormc::detail
