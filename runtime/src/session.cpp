// Session's non-template half: the transaction, the flush order, commit and rollback.
#include "ormc/session.hpp"

#include <algorithm>
#include <span>
#include <string>
#include <utility>

#include "detail/driver_connection.hpp"

namespace ormc {

Session::Session(Engine& engine, SessionOptions options) : engine_(&engine), options_(options) {}

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

void Session::adopt(std::unique_ptr<detail::EntryBase> entry) {
  detail::EntryBase* raw = entry.get();
  by_address_.emplace(raw->address(), raw);
  if (raw->state() == ObjectState::persistent) identity_.emplace(raw->key(), raw);
  entries_.push_back(std::move(entry));
}

detail::EntryBase* Session::find(const std::string& key) {
  auto it = identity_.find(key);
  return it == identity_.end() ? nullptr : it->second;
}

namespace {

bool in_session(ObjectState state) {
  return state == ObjectState::pending || state == ObjectState::persistent ||
         state == ObjectState::deleted;
}

}  // namespace

void Session::forget(detail::EntryBase& entry, ObjectState state) {
  auto it = identity_.find(entry.key());
  if (it != identity_.end() && it->second == &entry) identity_.erase(it);
  entry.set_state(state);  // by_address_ keeps it, so state() still answers for it
}

void Session::flush() {
  check_usable();
  if (flushing_) return;
  std::vector<detail::EntryBase*> writes;
  std::vector<detail::EntryBase*> deletes;
  for (const auto& entry : entries_) {
    if (!entry->needs_flush()) continue;
    (entry->state() == ObjectState::deleted ? deletes : writes).push_back(entry.get());
  }
  structural_.clear();
  if (writes.empty() && deletes.empty()) return;
  // Parents before children for INSERT and UPDATE; children before parents for DELETE.
  std::stable_sort(writes.begin(), writes.end(), [](const auto* a, const auto* b) {
    return a->rank() != b->rank() ? a->rank() < b->rank() : a->order() < b->order();
  });
  std::stable_sort(deletes.begin(), deletes.end(), [](const auto* a, const auto* b) {
    return a->rank() != b->rank() ? a->rank() > b->rank() : a->order() < b->order();
  });
  flushing_ = true;
  try {
    Connection& conn = connection();
    const int depth = static_cast<int>(savepoints_.size());
    std::vector<detail::EntryBase*> pending;  // of the run being flushed
    // On PostgreSQL a run of objects of one model is flushed as one batch (one pipeline
    // instead of a round trip per object); SQLite has no round trips to save and binds
    // each object's fields directly.
    const bool batch = conn.dialect().kind() == DialectKind::postgresql;
    auto flush_in_order = [&](std::vector<detail::EntryBase*>& entries) {
      for (std::size_t i = 0; i < entries.size();) {
        detail::EntryBase* entry = entries[i];
        std::size_t end = i + 1;
        while (batch && end < entries.size() && entries[end]->model_tag() == entry->model_tag()) {
          ++end;
        }
        const std::span<detail::EntryBase* const> run(entries.data() + i, end - i);
        pending.clear();
        for (detail::EntryBase* member : run) {
          if (depth > 0 && member->save_for_savepoint(depth)) {
            savepoints_.back().written.push_back(member);
          }
          if (member->state() == ObjectState::pending) pending.push_back(member);
        }
        if (run.size() == 1) {
          entry->flush(conn);
        } else {
          entry->flush_group(conn, run);
        }
        for (detail::EntryBase* member : pending) {
          identity_.emplace(member->key(), member);  // the key exists now
        }
        i = end;
      }
    };
    flush_in_order(writes);
    flush_in_order(deletes);
  } catch (...) {
    flushing_ = false;
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
  for (const auto& entry : entries_) {
    if (!in_session(entry->state())) continue;
    bool deleted = entry->state() == ObjectState::deleted;
    entry->committed();
    if (deleted) forget(*entry, ObjectState::detached);
  }
}

void Session::rollback() {
  end_transaction_on_connection();
  drop_savepoints();
  needs_rollback_ = false;
  transaction_begun_ = false;
  structural_.clear();
  for (const auto& entry : entries_) {
    if (!in_session(entry->state())) continue;
    std::string old_key = entry->state() == ObjectState::pending ? "" : entry->key();
    entry->rolled_back();
    if (entry->state() == ObjectState::transient && !old_key.empty()) {
      auto it = identity_.find(old_key);
      if (it != identity_.end() && it->second == entry.get()) identity_.erase(it);
    }
  }
}

SessionSavepoint Session::begin_nested() {
  flush();
  Connection& conn = connection();
  savepoints_.push_back({++savepoint_serial_, conn.begin_nested(), {}});
  return SessionSavepoint(*this, savepoint_serial_);
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

Session::SavepointFrame Session::pop_innermost_savepoint(bool roll_back) {
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
  return frame;
}

void Session::release_innermost_savepoint() {
  const int depth = static_cast<int>(savepoints_.size());
  const SavepointFrame frame = pop_innermost_savepoint(false);
  for (detail::EntryBase* entry : frame.written) {
    if (entry->release_savepoint(depth)) savepoints_.back().written.push_back(entry);
  }
}

void Session::rollback_innermost_savepoint() {
  const int depth = static_cast<int>(savepoints_.size());
  pop_innermost_savepoint(true);
  structural_.clear();
  for (const auto& entry : entries_) {
    const ObjectState before = entry->state();
    if (!in_session(before)) continue;
    entry->rollback_to_savepoint(depth);
    // An object inserted since the savepoint leaves the identity map; its fields (and so
    // its key) are untouched by the rollback.
    if (entry->state() == ObjectState::transient && before != ObjectState::pending) {
      auto it = identity_.find(entry->key());
      if (it != identity_.end() && it->second == entry.get()) identity_.erase(it);
    }
  }
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
  for (const auto& entry : entries_) {
    if (entry->state() == ObjectState::persistent || entry->state() == ObjectState::deleted) {
      entry->set_state(ObjectState::detached);
    } else if (entry->state() == ObjectState::pending) {
      entry->set_state(ObjectState::transient);
    }
  }
  identity_.clear();
  structural_.clear();
  needs_rollback_ = false;
  transaction_begun_ = false;
  connection_.reset();
}

}  // namespace ormc
