// Transaction: the RAII guard of a connection's transaction — begun by the constructor,
// rolled back by the destructor unless committed. Also the isolation levels.
#pragma once

#include <string_view>

namespace ormc {

class Connection;

//! SQLite transactions are always serializable, so SQLite accepts only database_default
//! and serializable; any other level is an ArgumentError there. PostgreSQL (issue 4) maps
//! each to SET TRANSACTION ISOLATION LEVEL.
enum class IsolationLevel {
  database_default,
  read_uncommitted,
  read_committed,
  repeatable_read,
  serializable,
};

[[nodiscard]] std::string_view to_string(IsolationLevel level);

struct TransactionOptions {
  IsolationLevel isolation = IsolationLevel::database_default;
  //! Writes fail inside the transaction (SQLite: PRAGMA query_only for its duration).
  bool read_only = false;
};

//! `ormc::Transaction tx(conn); ...; tx.commit();` — leaving the scope without commit()
//! (an exception, an early return) rolls back. Not thread-safe; must not outlive conn.
class Transaction {
 public:
  explicit Transaction(Connection& connection, TransactionOptions options = {});
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  //! Rolls back if still active; never throws (a failed rollback is dropped: the
  //! connection discards the transaction anyway when it is closed).
  ~Transaction();

  void commit();
  void rollback();
  [[nodiscard]] bool active() const { return connection_ != nullptr; }

 private:
  Connection* connection_;
};

}  // namespace ormc
