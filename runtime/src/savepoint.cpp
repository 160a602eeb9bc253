// Savepoints: SAVEPOINT, RELEASE, ROLLBACK TO.
#include "ormc/savepoint.hpp"

#include "ormc/connection.hpp"
#include "ormc/error.hpp"

namespace ormc {

Savepoint::Savepoint(Connection& connection, std::string name)
    : connection_(&connection), name_(std::move(name)) {}

Savepoint::Savepoint(Savepoint&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)), name_(std::move(other.name_)) {}

Savepoint::~Savepoint() {
  if (connection_ == nullptr || connection_->closed()) return;
  try {
    connection_->release_savepoint(name_, true);
  } catch (...) {  // NOLINT(bugprone-empty-catch): a destructor must not throw
  }
}

void Savepoint::commit() {
  Connection* connection = std::exchange(connection_, nullptr);
  if (connection == nullptr) throw InvalidRequestError("commit(): the savepoint is finished");
  connection->release_savepoint(name_, false);
}

void Savepoint::rollback() {
  Connection* connection = std::exchange(connection_, nullptr);
  if (connection == nullptr) throw InvalidRequestError("rollback(): the savepoint is finished");
  connection->release_savepoint(name_, true);
}

}  // namespace ormc
