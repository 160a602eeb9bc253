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
#include "ormc/url.hpp"

namespace ormc {

namespace detail {
class EngineState;
}

using ListenerId = std::uint64_t;

//! Thread-safe: one Engine may be shared by every thread; connect(), stats() and the
//! listener functions may be called concurrently. Connections it returns are not shared.
//!
//! How connections are obtained (a pool with SQLAlchemy's QueuePool semantics arrives with
//! PostgreSQL, issue 4):
//!  - a SQLite file database opens a new sqlite3 handle for every Connection and closes it
//!    when the Connection is destroyed;
//!  - `sqlite://:memory:` is one database per handle, so the engine keeps ONE handle and
//!    every Connection shares it. A Connection holds the handle's lock for its lifetime;
//!    another thread's connect() waits for it, while a second connect() on the same thread
//!    shares the handle (and its transaction) like SQLAlchemy's SingletonThreadPool.
class Engine {
 public:
  //! Opens the database at `url` (see docs/runtime.md for the URL forms and options) and
  //! checks it can be used: a malformed URL is an ArgumentError, a database that cannot be
  //! opened an OperationalError (a missing directory is named as such).
  [[nodiscard]] static Engine connect(std::string_view url, EngineOptions options = {});

  Engine(Engine&&) noexcept;
  Engine& operator=(Engine&&) noexcept;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  ~Engine();

  //! A connection to the database; see the class comment for where it comes from.
  [[nodiscard]] Connection connect();

  [[nodiscard]] const Dialect& dialect() const;
  [[nodiscard]] const Url& url() const;
  [[nodiscard]] const EngineOptions& options() const;

  [[nodiscard]] EngineStats stats() const;
  void reset_stats();

  //! Calls `listener` after every statement any of this engine's connections executes
  //! (also transaction control: check LogRecord::kind), on the executing thread. Listeners
  //! must not throw. Returns an id for remove_listener().
  ListenerId on_statement(std::function<void(const LogRecord&)> listener);
  void remove_listener(ListenerId id);

  //! For the runtime's own classes.
  [[nodiscard]] const std::shared_ptr<detail::EngineState>& state() const { return state_; }

 private:
  explicit Engine(std::shared_ptr<detail::EngineState> state);

  std::shared_ptr<detail::EngineState> state_;
};

}  // namespace ormc
