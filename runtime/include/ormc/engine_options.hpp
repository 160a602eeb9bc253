// The options of an Engine, from code and from the URL's query string.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

#include "ormc/isolation_level.hpp"
#include "ormc/logging.hpp"
#include "ormc/pool_options.hpp"

namespace ormc {

//! Options given in code; options in the URL (`?echo=true&busy_timeout_ms=100`) override
//! these. URL names are the field names; booleans accept true/false, on/off, 1/0, yes/no.
struct EngineOptions {
  //! Log every statement with its bound values and duration through `logger`.
  bool echo = false;
  //! Replace bound values by "<redacted>" in logs, events and error messages.
  bool redact_values = false;
  //! Where echo writes; stderr_logger() when empty.
  Logger logger;
  //! Prepared statements kept per connection (least recently used ones are finalized).
  std::size_t statement_cache_size = 128;
  //! The connection pool: its class, size, overflow, timeout, recycle and pre-ping
  //! (URL: poolclass, pool_size, max_overflow, pool_timeout, pool_recycle, pool_pre_ping).
  PoolOptions pool;
  //! The isolation level of every transaction begun without one of its own
  //! (TransactionOptions::isolation == database_default), the Session's included. URL:
  //! isolation_level=serializable (or "REPEATABLE READ", ...). SQLite accepts only
  //! database_default and serializable: Engine::connect refuses the others.
  IsolationLevel isolation_level = IsolationLevel::database_default;

  // SQLite
  bool foreign_keys = true;  //!< PRAGMA foreign_keys; SQLite's own default is off
  //! How long a statement waits for another connection's lock before OperationalError.
  std::chrono::milliseconds busy_timeout{5000};
  //! PRAGMA journal_mode for every connection: "wal" lets one writer and any number of
  //! readers work at once (a reader never waits for a writer's commit, nor it for them);
  //! also "delete", "truncate", "persist", "memory", "off". Empty: the database file's
  //! own mode (WAL is remembered by the file; the default is delete). URL: journal_mode=wal.
  std::string journal_mode;
};

}  // namespace ormc
