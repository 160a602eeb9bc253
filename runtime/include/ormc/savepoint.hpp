// Savepoint: a nested transaction (SQLAlchemy's begin_nested) inside a connection's
// transaction: rolling it back undoes only what was done since it began.
#pragma once

#include <string>
#include <string_view>

namespace ormc {

class Connection;

//! Made by Connection::begin_nested(). commit() releases the savepoint (its changes join
//! the enclosing transaction); rollback() or destruction without commit() rolls back to
//! it, keeping the enclosing transaction open. Savepoints nest; they must be finished
//! innermost first. Not thread-safe; must not outlive its connection.
class Savepoint {
 public:
  Savepoint(Savepoint&& other) noexcept;
  Savepoint& operator=(Savepoint&&) = delete;
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;
  ~Savepoint();

  void commit();
  void rollback();
  [[nodiscard]] bool active() const { return connection_ != nullptr; }
  [[nodiscard]] const std::string& name() const { return name_; }

 private:
  friend class Connection;
  Savepoint(Connection& connection, std::string name);

  Connection* connection_;
  std::string name_;
};

}  // namespace ormc
