// SessionSavepoint: the handle of one Session savepoint; the work is Session's.
#include "ormc/session/session_savepoint.hpp"

#include <utility>

#include "ormc/error.hpp"
#include "ormc/session.hpp"

namespace ormc {

SessionSavepoint::SessionSavepoint(SessionSavepoint&& other) noexcept
    : session_(std::exchange(other.session_, nullptr)), serial_(other.serial_) {}

SessionSavepoint::~SessionSavepoint() {
  if (!active()) return;
  try {
    session_->finish_savepoint(serial_, true);
  } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw; the session
  }                // then requires rollback() (finish_savepoint marks it)
}

bool SessionSavepoint::active() const {
  return session_ != nullptr && session_->savepoint_active(serial_);
}

void SessionSavepoint::commit() {
  Session* session = std::exchange(session_, nullptr);
  if (session == nullptr) throw InvalidRequestError("commit(): the savepoint is finished");
  session->finish_savepoint(serial_, false);
}

void SessionSavepoint::rollback() {
  Session* session = std::exchange(session_, nullptr);
  if (session == nullptr) throw InvalidRequestError("rollback(): the savepoint is finished");
  session->finish_savepoint(serial_, true);
}

}  // namespace ormc
