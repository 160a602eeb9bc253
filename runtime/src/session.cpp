// Session's non-template half: the transaction, the flush order, commit and rollback, over
// the per-model identity maps (one virtual call per model, not per object).
#include "ormc/session.hpp"

#include <algorithm>
#include <atomic>
#include <span>
#include <string>
#include <utility>

#include "detail/driver_connection.hpp"

namespace ormc {

namespace detail {
std::size_t next_model_index() {
  static std::atomic<std::size_t> next{0};
  return next.fetch_add(1, std::memory_order_relaxed);
}
}  // namespace detail

Session::Session(Engine& engine, SessionOptions options)
    : engine_(&engine), options_(std::move(options)) {
  const StrictLoading strict = detail::LoadTracker::strict_mode(options_.strict_loading);
  const bool batch = detail::LoadTracker::batch_switch(options_.batch_lazy_loads);
  if (strict != StrictLoading::off || batch) {
    tracker_ = std::make_unique<detail::LoadTracker>(strict, batch, options_.on_load_report);
  }
}

Session::~Session() {
  try {
    close();
  } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw
  }
}

void Session::check_usable() const {
  if (needs_rollback_) throw InvalidRequestError(rollback_reason_);
}

void Session::require_rollback(std::string reason) {
  needs_rollback_ = true;
  rollback_reason_ = std::move(reason);
}

bool Session::connection_lost() const {
  return connection_ && !connection_->closed() && connection_->driver().broken();
}

void Session::check_transaction_alive() {
  if (!transaction_begun_ || !connection_ || (!connection_->closed() && !connection_lost())) {
    return;
  }
  // SQLAlchemy: "Can't reconnect until invalid transaction is rolled back". What the
  // transaction wrote went with the lost (or invalidated) connection, while the objects
  // still say it was written: only rollback() can put them right.
  require_rollback(
      "this session's connection was lost (or invalidated) inside its transaction, whose "
      "changes the database rolled back; call rollback() before using the session again "
      "(it then takes a new connection)");
  check_usable();
}

Connection& Session::connection() {
  check_usable();
  check_transaction_alive();
  if (connection_ && !connection_->closed()) {
    if (!connection_->in_transaction()) {
      // A connection kept from the session's previous transaction: dropped when it was lost
      // since, or fails the pool's pre-ping (as a checkout would ping it). Nothing of a
      // transaction goes with it.
      detail::DriverConnection& driver = connection_->driver();
      if (driver.broken() || (engine_->options().pool.pre_ping && !driver.ping())) {
        connection_->invalidate();
        lost_connection_ = true;
      }
    }
  }
  if (!connection_ || connection_->closed()) {
    if (!connection_) {
      connection_.emplace(engine_->connect());
    } else {
      *connection_ = engine_->connect();  // the same object: references to it stay valid
    }
    if (lost_connection_) replace_dead_connection();
  }
  if (!connection_->in_transaction()) {
    connection_->begin(options_.transaction);
    transaction_begun_ = true;
  }
  return *connection_;
}

void Session::replace_dead_connection() {
  // With pre-ping the pool has pinged it already. Otherwise at most one ping per connection
  // the pool held (each dead one is dropped); the connections after those are new.
  if (!engine_->options().pool.pre_ping) {
    for (std::size_t left = engine_->stats().pool.open + 1; left > 0; --left) {
      if (connection_->driver().ping()) break;
      connection_->invalidate();
      *connection_ = engine_->connect();  // throws when the server cannot be reached
    }
  }
  lost_connection_ = false;
}

bool Session::in_transaction() const {
  return connection_ && !connection_->closed() && connection_->in_transaction();
}

std::size_t Session::size() const {
  std::size_t count = 0;
  for (const auto& map : maps_) {
    if (map) count += map->size();
  }
  return count;
}

void Session::install_map(std::size_t index, std::unique_ptr<detail::ModelMapBase> map) {
  if (maps_.size() <= index) maps_.resize(index + 1);
  detail::ModelMapBase* raw = map.get();
  maps_[index] = std::move(map);
  // Parents before children; models of one rank in the order the session met them.
  ranked_.insert(
      std::upper_bound(ranked_.begin(), ranked_.end(), raw,
                       [](const auto* a, const auto* b) { return a->rank() < b->rank(); }),
      raw);
}

void Session::autoflush() {
  if (options_.autoflush && changes_ > 0) flush_changes(false);
}

void Session::flush() {
  check_usable();
  flush_changes(true);
}

void Session::flush_changes(bool full) {
  check_usable();
  if (flushing_) return;
  if (ranked_.empty()) {
    changes_ = 0;
    return;
  }
  flushing_ = true;
  try {
    Connection& conn = connection();
    detail::FlushContext context{*this, conn, static_cast<int>(savepoints_.size()), full,
                                 options_.copy_threshold};
    // Inserts and updates parents first; then association rows; deletes children first.
    for (detail::ModelMapBase* map : ranked_) map->flush_writes(context);
    for (detail::ModelMapBase* map : ranked_) map->flush_relation_rows(context);
    for (auto it = ranked_.rbegin(); it != ranked_.rend(); ++it) (*it)->flush_deletes(context);
  } catch (...) {
    flushing_ = false;
    changes_ = 0;
    // Inside a savepoint, the failure rolls back to it (PostgreSQL refuses any other
    // statement in the transaction until then) and ends it: the session stays usable.
    if (!savepoints_.empty() && in_transaction() && !connection_lost()) {
      bool rolled_back = false;
      try {
        rollback_innermost_savepoint();
        rolled_back = true;
      } catch (...) {  // NOLINT(bugprone-empty-catch): then roll back the whole transaction
      }
      if (rolled_back) throw;
    }
    // The database statement failed: the transaction's work is undone now, and the session
    // refuses work until rollback() puts its objects back (SQLAlchemy's PendingRollback).
    if (in_transaction()) {
      try {
        connection_->rollback();
      } catch (...) {  // NOLINT(bugprone-empty-catch): the original error matters more
      }
    }
    drop_savepoints();
    if (!needs_rollback_) {  // else the reason is set already (the connection was lost)
      require_rollback(
          "this session's transaction was rolled back by the database after an error during "
          "flush; call rollback() before using the session again");
    }
    throw;
  }
  flushing_ = false;
  changes_ = 0;
}

void Session::commit() {
  flush();
  // A lost connection fails its COMMIT below (OperationalError); one invalidated by hand
  // has nothing to send it to.
  if (connection_ && connection_->closed()) check_transaction_alive();
  if (in_transaction()) {
    try {
      connection_->commit();
    } catch (...) {
      // A COMMIT that failed on a live connection with the transaction still open may be
      // retried (SQLite's SQLITE_BUSY). One that ended the transaction (the connection was
      // lost, or the database rolled it back) leaves objects the database does not hold.
      if (connection_lost() || !connection_->in_transaction()) {
        require_rollback(
            "this session's COMMIT failed and its transaction is gone (the connection was "
            "lost, or the database rolled it back); call rollback() before using the "
            "session again");
      }
      throw;
    }
  }
  transaction_begun_ = false;
  drop_savepoints();
  for (detail::ModelMapBase* map : ranked_) map->committed();
}

void Session::rollback() {
  end_transaction_on_connection();
  drop_savepoints();
  needs_rollback_ = false;
  transaction_begun_ = false;
  changes_ = 0;
  for (detail::ModelMapBase* map : ranked_) map->rolled_back();
}

void Session::expunge_all() {
  if (tracker_) tracker_->report_unused(*this);  // before the objects are destroyed
  for (detail::ModelMapBase* map : ranked_) map->clear();
  changes_ = 0;
}

SessionSavepoint Session::begin_nested() {
  flush();
  Connection& conn = connection();
  savepoints_.push_back({++savepoint_serial_, conn.begin_nested()});
  return {*this, savepoint_serial_};
}

bool Session::savepoint_active(std::uint64_t serial) const {
  return std::any_of(savepoints_.begin(), savepoints_.end(),
                     [&](const SavepointFrame& frame) { return frame.serial == serial; });
}

void Session::finish_savepoint(std::uint64_t serial, bool roll_back) {
  auto it = std::find_if(savepoints_.begin(), savepoints_.end(),
                         [&](const SavepointFrame& frame) { return frame.serial == serial; });
  if (it == savepoints_.end()) {
    throw InvalidRequestError(
        std::string(roll_back ? "rollback()" : "commit()") +
        ": the savepoint is finished (by itself, an enclosing savepoint, a failed flush, or "
        "the session's commit, rollback or close)");
  }
  const auto level = static_cast<std::size_t>(it - savepoints_.begin());
  if (roll_back) {
    while (savepoints_.size() > level) rollback_innermost_savepoint();
    return;
  }
  flush();  // a failure rolls back to the innermost savepoint (flush() says how) and throws
  while (savepoints_.size() > level) release_innermost_savepoint();
}

void Session::pop_innermost_savepoint(bool roll_back) {
  SavepointFrame frame = std::move(savepoints_.back());
  savepoints_.pop_back();
  try {
    if (roll_back) {
      frame.savepoint.rollback();
    } else {
      frame.savepoint.commit();
    }
  } catch (...) {
    // RELEASE or ROLLBACK TO failed (the connection is gone): what the session holds can
    // no longer be matched with the database; as after a failed flush, only rollback() helps.
    require_rollback(std::string("this session's ") +
                     (roll_back ? "ROLLBACK TO SAVEPOINT" : "RELEASE SAVEPOINT") +
                     " failed; call rollback() before using the session again");
    throw;
  }
}

void Session::release_innermost_savepoint() {
  const int depth = static_cast<int>(savepoints_.size());
  pop_innermost_savepoint(false);
  for (detail::ModelMapBase* map : ranked_) map->savepoint_released(depth);
}

void Session::rollback_innermost_savepoint() {
  const int depth = static_cast<int>(savepoints_.size());
  pop_innermost_savepoint(true);
  changes_ = 0;
  for (detail::ModelMapBase* map : ranked_) map->rolled_back_to_savepoint(depth);
}

void Session::drop_savepoints() { savepoints_.clear(); }

void Session::end_transaction_on_connection() {
  if (!connection_ || connection_->closed()) return;
  if (!connection_lost()) {
    try {
      if (connection_->in_transaction()) connection_->rollback();
    } catch (...) {
      // The ROLLBACK itself met a lost connection: the server ends the transaction with
      // the session, so the rollback has happened all the same. Any other failure is
      // the caller's to see.
      if (!connection_lost()) throw;
    }
  }
  // SQLAlchemy invalidates a connection on a disconnect error: a lost connection (or one a
  // failed pipeline left unusable) goes, and the next use of the session takes a new one.
  if (connection_lost()) {
    drop_savepoints();  // they refer to the connection
    connection_->invalidate();
    lost_connection_ = true;
  }
}

void Session::close() {
  try {
    end_transaction_on_connection();
  } catch (...) {
    // The ROLLBACK failed on a connection that is not known lost: nobody can tell its
    // state, so it is not reused.
    drop_savepoints();
    connection_->invalidate();
  }
  drop_savepoints();
  for (detail::ModelMapBase* map : ranked_) map->detach_all();
  changes_ = 0;
  needs_rollback_ = false;
  transaction_begun_ = false;
  connection_.reset();
  // Last, so that the session is closed even when a report handler throws.
  if (tracker_) tracker_->report_unused(*this);
}

}  // namespace ormc
