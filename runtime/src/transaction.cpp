// The RAII transaction guard.
#include "ormc/transaction.hpp"

#include "ormc/connection.hpp"
#include "ormc/error.hpp"

namespace ormc {

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
