// SessionSavepoint: a nested transaction of a Session (SQLAlchemy's session.begin_nested()).
#pragma once

#include <cstdint>

namespace ormc {

class Session;

//! Made by Session::begin_nested(), which flushes and sets a SAVEPOINT.
//!  - commit() flushes and releases it: its changes join the enclosing transaction (still
//!    to be committed by session.commit()).
//!  - rollback(), or destruction while active, rolls the database back to it and the
//!    session's objects with it: rows written since are restored, unflushed edits
//!    dropped, objects added since become transient, objects removed since persistent.
//!    The enclosing transaction stays open, and so do the objects' earlier changes.
//!  - A flush that fails inside it (an IntegrityError, say) rolls back to it at once and
//!    ends it, so the session stays usable: catch the error and carry on.
//! Savepoints nest. Finishing an outer one finishes the inner ones with it (commit
//! releases them, rollback rolls them back); session.commit() / rollback() / close()
//! finish them all. Not thread-safe; must not outlive its Session.
class SessionSavepoint {
 public:
  SessionSavepoint(SessionSavepoint&& other) noexcept;
  SessionSavepoint& operator=(SessionSavepoint&&) = delete;
  SessionSavepoint(const SessionSavepoint&) = delete;
  SessionSavepoint& operator=(const SessionSavepoint&) = delete;
  //! Rolls back if still active; never throws.
  ~SessionSavepoint();

  void commit();
  void rollback();
  //! Neither finished by this object nor ended by the session.
  [[nodiscard]] bool active() const;

 private:
  friend class Session;
  SessionSavepoint(Session& session, std::uint64_t serial) : session_(&session), serial_(serial) {}

  Session* session_;
  std::uint64_t serial_;
};

}  // namespace ormc
