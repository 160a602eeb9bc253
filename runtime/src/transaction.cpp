// The RAII transaction guard and the names of isolation levels.
#include "ormc/transaction.hpp"

#include "ormc/connection.hpp"
#include "ormc/error.hpp"

namespace ormc {

std::string_view to_string(IsolationLevel level) {
  switch (level) {
    case IsolationLevel::database_default: return "DEFAULT";
    case IsolationLevel::read_uncommitted: return "READ UNCOMMITTED";
    case IsolationLevel::read_committed: return "READ COMMITTED";
    case IsolationLevel::repeatable_read: return "REPEATABLE READ";
    case IsolationLevel::serializable: return "SERIALIZABLE";
  }
  return "?";
}

Transaction::Transaction(Connection& connection, TransactionOptions options)
    : connection_(&connection) {
  connection.begin(options);
}

Transaction::Transaction(Transaction&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)) {}

Transaction::~Transaction() {
  if (connection_ == nullptr) return;
  try {
    connection_->rollback();
  } catch (...) {  // NOLINT(bugprone-empty-catch): see the declaration
  }
}

void Transaction::commit() {
  Connection* connection = std::exchange(connection_, nullptr);
  if (connection == nullptr) throw InvalidRequestError("commit(): the transaction is finished");
  connection->commit();
}

void Transaction::rollback() {
  Connection* connection = std::exchange(connection_, nullptr);
  if (connection == nullptr) throw InvalidRequestError("rollback(): the transaction is finished");
  connection->rollback();
}

}  // namespace ormc
