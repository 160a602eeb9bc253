// Counters and statement events of an engine.
#include "detail/engine_state.hpp"

#include <algorithm>

namespace ormc::detail {

EngineStats EngineState::stats() const {
  EngineStats s;
  s.statements = counters.statements.load();
  s.prepares = counters.prepares.load();
  s.cache_hits = counters.cache_hits.load();
  s.begins = counters.begins.load();
  s.commits = counters.commits.load();
  s.rollbacks = counters.rollbacks.load();
  s.connections_opened = counters.connections_opened.load();
  if (source) s.pool = source->stats();
  return s;
}

void EngineState::reset_stats() {
  counters.statements = 0;
  counters.prepares = 0;
  counters.cache_hits = 0;
  counters.begins = 0;
  counters.commits = 0;
  counters.rollbacks = 0;
  counters.connections_opened = 0;
  if (source) source->reset_counters();
}

void EngineState::emit(const LogRecord& record) const noexcept {
  try {
    if (options.echo) {
      if (options.logger) {
        options.logger(record);
      } else {
        stderr_logger(record);
      }
    }
    if (!has_listeners_.load(std::memory_order_relaxed)) return;
    // Called under the lock: a listener removed on another thread is never called after
    // remove_listener() returns. Listeners must therefore not add or remove listeners.
    const std::lock_guard lock(listeners_mutex_);
    for (const auto& listener : listeners_) listener.call(record);
  } catch (...) {  // NOLINT(bugprone-empty-catch): a logger's failure must not fail the query
  }
}

std::uint64_t EngineState::add_listener(std::function<void(const LogRecord&)> listener) {
  const std::lock_guard lock(listeners_mutex_);
  const std::uint64_t id = next_listener_id_++;
  listeners_.push_back({id, std::move(listener)});
  has_listeners_ = true;
  return id;
}

void EngineState::remove_listener(std::uint64_t id) {
  const std::lock_guard lock(listeners_mutex_);
  std::erase_if(listeners_, [id](const Listener& l) { return l.id == id; });
  has_listeners_ = !listeners_.empty();
  std::erase_if(pool_listeners_, [id](const PoolListenerEntry& l) { return l.id == id; });
  has_pool_listeners_ = !pool_listeners_.empty();
}

void EngineState::emit_pool(const PoolEvent& event) const noexcept {
  if (!has_pool_listeners_.load(std::memory_order_relaxed)) return;
  try {
    // Under the lock, as statement listeners: none is called after its removal.
    const std::lock_guard lock(listeners_mutex_);
    for (const auto& listener : pool_listeners_) listener.call(event);
  } catch (...) {  // NOLINT(bugprone-empty-catch): a listener's failure must not fail a checkout
  }
}

std::uint64_t EngineState::add_pool_listener(PoolListener listener) {
  const std::lock_guard lock(listeners_mutex_);
  const std::uint64_t id = next_listener_id_++;
  pool_listeners_.push_back({id, std::move(listener)});
  has_pool_listeners_ = true;
  return id;
}

}  // namespace ormc::detail
