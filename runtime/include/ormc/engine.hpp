// Engine: the entry point — a URL, a dialect, options, counters and statement events, and
// the source of Connections. Created once per database and shared.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string_view>

#include "ormc/connection.hpp"
#include "ormc/dialect.hpp"
#include "ormc/engine_options.hpp"
#include "ormc/engine_stats.hpp"
#include "ormc/logging.hpp"
#include "ormc/pool_options.hpp"
#include "ormc/url.hpp"

namespace ormc {

namespace detail {
class EngineState;
}

using ListenerId = std::uint64_t;

//! Thread-safe: one Engine may be shared by every thread; connect(), stats() and the
//! listener functions may be called concurrently. Connections it returns are not shared.
//!
//! How connections are obtained (EngineOptions::pool, docs/runtime.md "The pool"):
//!  - by default a QueuePool (SQLAlchemy's semantics): connect() checks a driver
//!    connection out of the pool, ~Connection() resets it (ROLLBACK) and checks it in;
//!    pool_size, max_overflow, pool_timeout (TimeoutError), pool_recycle, pre_ping;
//!  - poolclass=null: a new driver connection per connect(), closed when it is returned;
//!  - `sqlite://:memory:` is one database per handle, so the engine keeps ONE handle and
//!    every Connection shares it. A Connection holds the handle's lock for its lifetime;
//!    another thread's connect() waits for it, while a second connect() on the same thread
//!    shares the handle (and its transaction) like SQLAlchemy's SingletonThreadPool.
class Engine {
 public:
  //! Opens the database at `url` (see docs/runtime.md for the URL forms and options; a
  //! string without "://" is a libpq conninfo string, host=/run/postgresql dbname=app) and
  //! checks it can be used: a malformed URL is an ArgumentError, a database that cannot be
  //! opened an OperationalError (a missing directory is named as such).
  [[nodiscard]] static Engine connect(std::string_view url, EngineOptions options = {});

  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  ~Engine();

  //! A connection to the database; see the class comment for where it comes from. Throws
  //! TimeoutError when the pool stays exhausted for pool_timeout, OperationalError when a
  //! new connection cannot be opened.
  [[nodiscard]] Connection connect();

  [[nodiscard]] const Dialect& dialect() const;
  [[nodiscard]] const Url& url() const;
  [[nodiscard]] const EngineOptions& options() const;

  //! SQLAlchemy's engine.dispose(): closes the pool's idle connections now, and each
  //! checked-out one when it is returned; later connect()s open new connections. For after
  //! a fork (a child must not share its parent's sockets), a failover or a restart of the
  //! server (instead of pre-ping). Connections and Sessions in use keep working. A
  //! `sqlite://:memory:` engine keeps its one connection: it is the database.
  void dispose();

  [[nodiscard]] EngineStats stats() const;
  void reset_stats();

  //! Calls `listener` after every statement any of this engine's connections executes
  //! (also transaction control: check LogRecord::kind), on the executing thread. Listeners
  //! must not throw. Returns an id for remove_listener().
  ListenerId on_statement(std::function<void(const LogRecord&)> listener);
  //! Calls `listener` on every pool event (connect, checkout, checkin, close), on the
  //! thread that caused it, under the engine's listener lock; it must not throw, nor add
  //! or remove listeners. Returns an id for remove_listener().
  ListenerId on_pool_event(PoolListener listener);
  //! Removes a statement or pool listener.
  void remove_listener(ListenerId id);

  //! For the runtime's own classes.
  [[nodiscard]] const std::shared_ptr<detail::EngineState>& state() const { return state_; }

 private:
  explicit Engine(std::shared_ptr<detail::EngineState> state);

  std::shared_ptr<detail::EngineState> state_;
};

}  // namespace ormc
