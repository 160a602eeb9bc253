// Transaction: the RAII guard of a connection's transaction — begun by the constructor,
// rolled back by the destructor unless committed, and the options a transaction begins with.
#pragma once

#include "ormc/isolation_level.hpp"

namespace ormc {

class Connection;

struct TransactionOptions {
  //! database_default: the engine's EngineOptions::isolation_level, which defaults to the
  //! database's own default (READ COMMITTED on PostgreSQL, SERIALIZABLE on SQLite).
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
