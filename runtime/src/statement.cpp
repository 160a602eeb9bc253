// Statement: checking out, binding, running and giving back a prepared statement, with the
// logging and counting of each execution.
#include "ormc/statement.hpp"

#include <string>

#include "detail/driver_connection.hpp"
#include "detail/engine_state.hpp"
#include "ormc/error.hpp"
#include "ormc/result.hpp"
#include "sqlite/sqlite_connection.hpp"

namespace ormc {

Statement::Statement(detail::EngineState* engine, detail::DriverConnection* driver,
                     detail::PreparedStatement* prepared, bool from_cache)
    : engine_(engine),
      driver_(driver),
      prepared_(prepared),
      native_(prepared->native()),
      backend_(driver->dialect().kind()),
      slots_(prepared->slots),
      from_cache_(from_cache) {}

Statement::Statement(Statement&& other) noexcept
    : engine_(other.engine_),
      driver_(other.driver_),
      prepared_(std::exchange(other.prepared_, nullptr)),
      native_(other.native_),
      backend_(other.backend_),
      slots_(std::exchange(other.slots_, {})),
      from_cache_(other.from_cache_) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    release();
    engine_ = other.engine_;
    driver_ = other.driver_;
    prepared_ = std::exchange(other.prepared_, nullptr);
    native_ = other.native_;
    backend_ = other.backend_;
    slots_ = std::exchange(other.slots_, {});
    from_cache_ = other.from_cache_;
  }
  return *this;
}

Statement::~Statement() { release(); }

void Statement::release() noexcept {
  if (prepared_ == nullptr) return;
  prepared_->reset();
  prepared_->clear_bindings();
  for (auto& slot : slots_) {
    slot.bound = false;
    slot.object = nullptr;
    slot.format = nullptr;
  }
  if (prepared_->cached) {
    driver_->cache.release(prepared_);
  } else {
    delete prepared_;  // prepared while its cached twin was checked out, or not cacheable
  }
  prepared_ = nullptr;
  slots_ = {};
}

std::string_view Statement::sql() const {
  return prepared_ != nullptr ? std::string_view(prepared_->sql()) : std::string_view();
}

void Statement::check_index(std::size_t index) const {
  if (prepared_ == nullptr) throw InvalidRequestError("bind() on an empty or moved-from Statement");
  if (index == 0 || index > slots_.size()) {
    throw ArgumentError("bind(): parameter " + std::to_string(index) +
                        " does not exist; the statement has " + std::to_string(slots_.size()) +
                        " (numbered from 1)\n  SQL: " + prepared_->sql());
  }
}

void Statement::check_count(std::size_t count) const {
  if (prepared_ == nullptr) throw InvalidRequestError("bind() on an empty or moved-from Statement");
  if (count != slots_.size()) {
    throw ArgumentError("bind_all(): " + std::to_string(count) + " values for " +
                        std::to_string(slots_.size()) + " parameters\n  SQL: " + prepared_->sql());
  }
}

Statement& Statement::bind_values(std::span<const Value> values, std::size_t first) & {
  for (std::size_t i = 0; i < values.size(); ++i) bind(first + i, values[i]);
  return *this;
}

Statement& Statement::bind_values(std::span<const Value* const> values, std::size_t first) & {
  for (std::size_t i = 0; i < values.size(); ++i) bind(first + i, *values[i]);
  return *this;
}

std::vector<std::string> Statement::param_strings() const {
  std::vector<std::string> params;
  params.reserve(slots_.size());
  const bool redact = engine_ != nullptr && engine_->options.redact_values;
  for (const auto& slot : slots_) params.push_back(redact ? "<redacted>" : slot.str());
  return params;
}

bool Statement::start(std::chrono::steady_clock::time_point& started) {
  if (prepared_ == nullptr) {
    throw InvalidRequestError("execute() or query() on an empty or moved-from Statement");
  }
  if (engine_->wants_records()) started = std::chrono::steady_clock::now();
  switch (prepared_->step()) {
    case detail::PreparedStatement::Step::row: return true;
    case detail::PreparedStatement::Step::done: return false;
    case detail::PreparedStatement::Step::error: break;
  }
  fail(started, prepared_->column_count() > 0);
}

bool Statement::step() {
  // The per-row call: direct for SQLite, no virtual dispatch.
  const auto result = backend_ == DialectKind::sqlite ? sqlite::step(native_) : prepared_->step();
  switch (result) {
    case detail::PreparedStatement::Step::row: return true;
    case detail::PreparedStatement::Step::done: return false;
    case detail::PreparedStatement::Step::error: break;
  }
  fail({}, true);
}

void Statement::finish(std::chrono::steady_clock::time_point started, std::int64_t rows,
                       bool is_query) noexcept {
  engine_->counters.statements.fetch_add(1, std::memory_order_relaxed);
  if (prepared_->ddl) engine_->note_ddl(*driver_);
  if (engine_->wants_records()) {
    try {
      const std::vector<std::string> params = param_strings();
      LogRecord record;
      record.sql = prepared_->sql();
      record.params = params;
      record.duration = std::chrono::steady_clock::now() - started;
      record.rows = rows;
      record.kind = is_query ? StatementKind::query : StatementKind::command;
      record.from_cache = from_cache_;
      engine_->emit(record);
    } catch (...) {  // NOLINT(bugprone-empty-catch): out of memory while logging
    }
  }
  prepared_->reset();
}

void Statement::fail(std::chrono::steady_clock::time_point started, bool is_query) {
  detail::DriverError error = prepared_->error();
  error.info.params = param_strings();
  engine_->counters.statements.fetch_add(1, std::memory_order_relaxed);
  if (prepared_->ddl) engine_->note_ddl(*driver_);
  if (engine_->wants_records()) {
    LogRecord record;
    record.sql = prepared_->sql();
    record.params = error.info.params;
    if (started != std::chrono::steady_clock::time_point{}) {
      record.duration = std::chrono::steady_clock::now() - started;
    }
    record.kind = is_query ? StatementKind::query : StatementKind::command;
    record.from_cache = from_cache_;
    record.failed = true;
    record.error = error.info.driver_message;
    engine_->emit(record);
  }
  prepared_->reset();  // a failed statement must be reset before it runs again
  detail::throw_database_error(std::move(error));
}

std::int64_t Statement::execute() {
  std::chrono::steady_clock::time_point started{};
  for (bool row = start(started); row; row = step()) {
  }
  const std::int64_t changed = prepared_->changes();
  finish(started, changed, false);
  return changed;
}

Result Statement::query() & { return {this, Statement()}; }

Result Statement::query() && { return {nullptr, std::move(*this)}; }

}  // namespace ormc
