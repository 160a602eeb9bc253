// How an Engine pools its driver connections (SQLAlchemy's QueuePool semantics), and the
// events a pool reports.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string_view>

namespace ormc {

//! Which pool an engine uses; URL `poolclass=queue|null|singleton`.
enum class PoolClass {
  automatic,  //!< the backend's choice: singleton for SQLite :memory:, queue otherwise
  queue,      //!< QueuePool: up to pool_size idle connections kept, max_overflow more opened
  null,       //!< NullPool: a new connection per checkout, closed on return
  singleton,  //!< one shared connection, lent to one thread at a time (SQLite :memory: only)
};

[[nodiscard]] std::string_view to_string(PoolClass pool_class);

//! The pool options of EngineOptions (EngineOptions::pool). URL query names in brackets.
struct PoolOptions {
  PoolClass pool_class = PoolClass::automatic;  //!< [poolclass]
  //! Connections kept open in the pool [pool_size]; 0 = no limit (as in SQLAlchemy).
  std::size_t pool_size = 5;
  //! Connections opened beyond pool_size when all are checked out, closed again when
  //! returned [max_overflow]; -1 = no limit.
  int max_overflow = 10;
  //! How long a checkout waits for a connection when pool_size + max_overflow are checked
  //! out before it throws TimeoutError [pool_timeout, in seconds, fractions allowed].
  std::chrono::milliseconds pool_timeout{30000};
  //! Connections older than this are closed and replaced at checkout [pool_recycle, in
  //! seconds, fractions allowed]; negative = never.
  std::chrono::milliseconds pool_recycle{-1};
  //! Ping each connection at checkout (a `SELECT 1` round trip) and replace a dead one
  //! transparently [pool_pre_ping].
  bool pre_ping = false;
};

//! What happened to a pooled connection.
enum class PoolEventKind {
  connect,   //!< a new driver connection was opened
  checkout,  //!< a connection was handed to an ormc::Connection
  checkin,   //!< it came back (after its reset)
  close,     //!< a driver connection was closed; PoolEvent::reason says why
};

[[nodiscard]] std::string_view to_string(PoolEventKind kind);

//! Passed to Engine::on_pool_event listeners, on the thread that caused the event.
struct PoolEvent {
  PoolEventKind kind = PoolEventKind::connect;
  //! Numbers the engine's driver connections from 1, in the order they were opened.
  std::uint64_t connection_id = 0;
  //! For close: "recycled", "ping failed", "broken", "invalidated" (Connection::invalidate()
  //! of a connection not known broken), "reset failed", "overflow", "null pool",
  //! "disposed". Empty otherwise.
  std::string_view reason;
};

using PoolListener = std::function<void(const PoolEvent&)>;

}  // namespace ormc
