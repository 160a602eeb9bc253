// What an Engine shares with its Connections and Statements: URL, options, dialect, the
// connection source, counters and statement listeners. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "detail/driver_connection.hpp"
#include "ormc/engine_options.hpp"
#include "ormc/engine_stats.hpp"
#include "ormc/logging.hpp"
#include "ormc/pool_options.hpp"
#include "ormc/url.hpp"

namespace ormc::detail {

class EngineState {
 public:
  EngineState(Url engine_url, EngineOptions engine_options, const Dialect& engine_dialect)
      : url(std::move(engine_url)), options(std::move(engine_options)), dialect(engine_dialect) {}

  const Url url;
  const EngineOptions options;
  const Dialect& dialect;
  std::unique_ptr<ConnectionSource> source;

  struct Counters {
    std::atomic<std::uint64_t> statements{0};
    std::atomic<std::uint64_t> prepares{0};
    std::atomic<std::uint64_t> cache_hits{0};
    std::atomic<std::uint64_t> begins{0};
    std::atomic<std::uint64_t> commits{0};
    std::atomic<std::uint64_t> rollbacks{0};
    std::atomic<std::uint64_t> connections_opened{0};
  } counters;

  //! Bumped by every DDL statement run through the engine (and by the end of a transaction
  //! that ran DDL): a connection whose cache was filled under an older generation drops
  //! its prepared statements before it prepares or reuses one (PostgreSQL binds each
  //! parameter's type OID into a prepared statement, so a re-created enum or table leaves
  //! it pointing at a type that is gone: docs/postgresql.md).
  std::atomic<std::uint64_t> ddl_generation{0};

  //! `driver` ran DDL (or ended a transaction that did).
  void note_ddl(DriverConnection& driver) {
    ddl_generation.fetch_add(1, std::memory_order_acq_rel);
    driver.ddl_in_transaction = driver.in_transaction();
  }
  //! Drops `driver`'s cached statements when DDL ran since they were prepared.
  void refresh_statements(DriverConnection& driver) const {
    const std::uint64_t generation = ddl_generation.load(std::memory_order_acquire);
    if (driver.ddl_generation == generation) return;
    driver.cache.invalidate();
    driver.ddl_generation = generation;
  }

  [[nodiscard]] EngineStats stats() const;
  void reset_stats();

  //! Whether anyone looks at statement records: echo or a listener. When not, statements
  //! skip the clock and the formatting of parameters.
  [[nodiscard]] bool wants_records() const {
    return options.echo || has_listeners_.load(std::memory_order_relaxed);
  }
  //! Logs (echo) and calls the listeners; never throws.
  void emit(const LogRecord& record) const noexcept;

  std::uint64_t add_listener(std::function<void(const LogRecord&)> listener);
  //! Removes a statement or a pool listener.
  void remove_listener(std::uint64_t id);

  //! Calls the pool listeners (Engine::on_pool_event); never throws.
  void emit_pool(const PoolEvent& event) const noexcept;
  std::uint64_t add_pool_listener(PoolListener listener);

 private:
  struct Listener {
    std::uint64_t id;
    std::function<void(const LogRecord&)> call;
  };
  mutable std::mutex listeners_mutex_;
  std::vector<Listener> listeners_;
  struct PoolListenerEntry {
    std::uint64_t id;
    PoolListener call;
  };
  std::vector<PoolListenerEntry> pool_listeners_;
  std::atomic<bool> has_pool_listeners_{false};
  std::uint64_t next_listener_id_ = 1;
  std::atomic<bool> has_listeners_{false};
};

}  // namespace ormc::detail
