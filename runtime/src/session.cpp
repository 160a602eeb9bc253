// Session's non-template half: the transaction, the flush order, commit and rollback.
#include "ormc/session.hpp"

namespace ormc {

Session::Session(Engine& engine, SessionOptions options) : engine_(&engine), options_(options) {}

Session::~Session() {
  try {
    close();
  } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw
  }
}

void Session::check_usable() const {
  if (needs_rollback_) {
    throw InvalidRequestError(
        "this session's transaction was rolled back by the database after an error during "
        "flush; call rollback() before using the session again");
  }
}

Connection& Session::connection() {
  check_usable();
  if (!connection_) connection_.emplace(engine_->connect());
  if (!connection_->in_transaction()) connection_->begin();
  return *connection_;
}

bool Session::in_transaction() const { return connection_ && connection_->in_transaction(); }

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
    for (detail::EntryBase* entry : writes) {
      bool was_pending = entry->state() == ObjectState::pending;
      entry->flush(conn);
      if (was_pending) identity_.emplace(entry->key(), entry);  // the key exists now
    }
    for (detail::EntryBase* entry : deletes) entry->flush(conn);
  } catch (...) {
    flushing_ = false;
    // The database statement failed: the transaction's work is undone now, and the session
    // refuses work until rollback() puts its objects back (SQLAlchemy's PendingRollback).
    if (connection_ && connection_->in_transaction()) {
      try {
        connection_->rollback();
      } catch (...) {  // NOLINT(bugprone-empty-catch): the original error matters more
      }
    }
    needs_rollback_ = true;
    throw;
  }
  flushing_ = false;
}

void Session::commit() {
  flush();
  if (connection_ && connection_->in_transaction()) connection_->commit();
  for (const auto& entry : entries_) {
    if (!in_session(entry->state())) continue;
    bool deleted = entry->state() == ObjectState::deleted;
    entry->committed();
    if (deleted) forget(*entry, ObjectState::detached);
  }
}

void Session::rollback() {
  if (connection_ && connection_->in_transaction()) connection_->rollback();
  needs_rollback_ = false;
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

void Session::close() {
  if (connection_ && connection_->in_transaction()) connection_->rollback();
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
  connection_.reset();
}

}  // namespace ormc
