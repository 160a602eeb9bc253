// QueuePool and NullPool: SQLAlchemy's pool semantics over any driver's connections.
//
// One mutex guards the pool's bookkeeping; driver work (opening, pinging, resetting,
// closing connections) and listener calls happen outside it. A checkout reserves its slot
// (open_, checked_out_) under the lock before it opens a connection, so the limits hold
// while connections are being opened; a failed open gives the slot back.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <limits>
#include <mutex>
#include <string>
#include <unordered_map>

#include "ormc/error.hpp"
#include "pool/pool.hpp"

namespace ormc::pool {
namespace {

using Clock = std::chrono::steady_clock;

struct Entry {
  std::unique_ptr<detail::DriverConnection> connection;
  Clock::time_point created;
  std::uint64_t id = 0;
  std::uint64_t generation = 0;  //!< the pool's generation when it was opened (dispose())
};

std::string seconds_text(std::chrono::milliseconds ms) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f s", static_cast<double>(ms.count()) / 1000.0);
  return buffer;
}

class QueuePool final : public detail::ConnectionSource {
 public:
  QueuePool(detail::EngineState& state, Factory factory, bool null_pool)
      : state_(state),
        factory_(std::move(factory)),
        options_(state.options.pool),
        null_pool_(null_pool),
        unlimited_(null_pool || options_.pool_size == 0 || options_.max_overflow < 0),
        capacity_(unlimited_
                      ? std::numeric_limits<std::size_t>::max()
                      : options_.pool_size + static_cast<std::size_t>(options_.max_overflow)),
        keep_(null_pool                 ? 0
              : options_.pool_size == 0 ? std::numeric_limits<std::size_t>::max()
                                        : options_.pool_size) {}

  // No events here: the engine's listeners may be gone already. Connections still
  // checked out cannot exist (each ormc::Connection keeps the engine alive).
  ~QueuePool() override = default;

  detail::DriverConnection* acquire() override {
    Entry entry;
    bool fresh = false;
    {
      std::unique_lock lock(mutex_);
      bool waited = false;
      Clock::time_point deadline;
      for (;;) {
        if (!idle_.empty()) {
          entry = std::move(idle_.front());  // FIFO, as QueuePool's default (use_lifo=False)
          idle_.pop_front();
          break;
        }
        if (open_ < capacity_) {
          ++open_;  // reserve the slot; the connection is opened outside the lock
          fresh = true;
          break;
        }
        if (!waited) {
          waited = true;
          waits_.fetch_add(1, std::memory_order_relaxed);
          deadline = Clock::now() + options_.pool_timeout;
        }
        ++waiting_;
        const bool ready = available_.wait_until(
            lock, deadline, [&] { return !idle_.empty() || open_ < capacity_; });
        if (!ready) {
          timeouts_.fetch_add(1, std::memory_order_relaxed);
          std::string message = timeout_message();
          --waiting_;
          throw TimeoutError(message);
        }
        --waiting_;
      }
      ++checked_out_;
    }
    try {
      if (fresh) {
        entry = open_new();
      } else {
        refresh(entry);
      }
    } catch (...) {
      {
        const std::lock_guard lock(mutex_);
        --open_;
        --checked_out_;
      }
      available_.notify_one();
      throw;
    }
    detail::DriverConnection* connection = entry.connection.get();
    const std::uint64_t id = entry.id;
    {
      const std::lock_guard lock(mutex_);
      in_use_.emplace(connection, std::move(entry));
    }
    checkouts_.fetch_add(1, std::memory_order_relaxed);
    state_.emit_pool({PoolEventKind::checkout, id, {}});
    return connection;
  }

  void release(detail::DriverConnection* connection) noexcept override {
    check_in(connection, false);
  }

  void invalidate(detail::DriverConnection* connection) noexcept override {
    check_in(connection, true);
  }

  [[nodiscard]] PoolStats stats() const override {
    PoolStats s;
    s.pool_class = null_pool_ ? PoolClass::null : PoolClass::queue;
    s.size = null_pool_ ? 0 : options_.pool_size;
    {
      const std::lock_guard lock(mutex_);
      s.open = open_;
      s.idle = idle_.size();
      s.checked_out = checked_out_;
      s.waiting = waiting_;
    }
    s.overflow = !null_pool_ && options_.pool_size != 0 && s.open > options_.pool_size
                     ? s.open - options_.pool_size
                     : 0;
    s.checkouts = checkouts_.load(std::memory_order_relaxed);
    s.waits = waits_.load(std::memory_order_relaxed);
    s.timeouts = timeouts_.load(std::memory_order_relaxed);
    s.recycled = recycled_.load(std::memory_order_relaxed);
    s.ping_failures = ping_failures_.load(std::memory_order_relaxed);
    s.invalidated = invalidated_.load(std::memory_order_relaxed);
    return s;
  }

  void dispose() noexcept override {
    std::deque<Entry> closing;
    {
      const std::lock_guard lock(mutex_);
      ++generation_;  // the connections checked out now are closed when they come back
      closing.swap(idle_);
      open_ -= closing.size();
    }
    available_.notify_all();
    for (Entry& entry : closing) close(entry, "disposed");
  }

  void reset_counters() noexcept override {
    checkouts_ = 0;
    waits_ = 0;
    timeouts_ = 0;
    recycled_ = 0;
    ping_failures_ = 0;
    invalidated_ = 0;
  }

 private:
  // A connection comes back: reset and kept idle, or closed (broken, invalidated, not
  // resettable, disposed, or beyond pool_size). An invalidated one is not reset: nothing
  // is sent on a connection nobody trusts, and closing it ends its transaction on the
  // server.
  void check_in(detail::DriverConnection* connection, bool invalidate) noexcept {
    const bool clean = invalidate || connection->reset();  // ROLLBACK of anything left open
    const bool broken = connection->broken();
    Entry entry;
    std::string_view reason;
    std::uint64_t id = 0;
    {
      const std::lock_guard lock(mutex_);
      auto it = in_use_.find(connection);
      if (it == in_use_.end()) return;  // not ours: cannot happen
      id = it->second.id;
      --checked_out_;
      if (broken || invalidate || !clean) {
        reason = broken ? "broken" : invalidate ? "invalidated" : "reset failed";
        invalidated_.fetch_add(1, std::memory_order_relaxed);
      } else if (it->second.generation != generation_) {
        reason = "disposed";
      } else if (idle_.size() >= keep_) {
        reason = null_pool_ ? "null pool" : "overflow";
      }
      if (reason.empty()) {
        idle_.push_back(std::move(it->second));
      } else {
        --open_;
        entry = std::move(it->second);
      }
      in_use_.erase(it);
    }
    available_.notify_one();
    state_.emit_pool({PoolEventKind::checkin, id, {}});
    if (entry.connection) close(entry, reason);
  }

  Entry open_new() {
    Entry entry;
    entry.connection = factory_();
    entry.created = Clock::now();
    entry.id = next_id_.fetch_add(1, std::memory_order_relaxed) + 1;
    {
      const std::lock_guard lock(mutex_);
      entry.generation = generation_;
    }
    state_.counters.connections_opened.fetch_add(1, std::memory_order_relaxed);
    state_.emit_pool({PoolEventKind::connect, entry.id, {}});
    return entry;
  }

  // A connection from the pool: replaced when it is too old, broken, or fails its ping.
  void refresh(Entry& entry) {
    std::string_view reason;
    if (options_.pool_recycle.count() >= 0 &&
        Clock::now() - entry.created >= options_.pool_recycle) {
      reason = "recycled";
      recycled_.fetch_add(1, std::memory_order_relaxed);
    } else if (entry.connection->broken()) {
      reason = "broken";
      invalidated_.fetch_add(1, std::memory_order_relaxed);
    } else if (options_.pre_ping && !entry.connection->ping()) {
      reason = "ping failed";
      ping_failures_.fetch_add(1, std::memory_order_relaxed);
    }
    if (reason.empty()) return;
    close(entry, reason);
    entry = open_new();
  }

  void close(Entry& entry, std::string_view reason) noexcept {
    state_.emit_pool({PoolEventKind::close, entry.id, reason});
    entry.connection.reset();
  }

  // Under the lock.
  [[nodiscard]] std::string timeout_message() const {
    const std::size_t overflow = open_ > options_.pool_size ? open_ - options_.pool_size : 0;
    return "QueuePool limit of size " + std::to_string(options_.pool_size) + " overflow " +
           std::to_string(options_.max_overflow) + " reached: no connection was returned within " +
           "pool_timeout " + seconds_text(options_.pool_timeout) + " (pool state: size " +
           std::to_string(options_.pool_size) + ", checked out " + std::to_string(checked_out_) +
           ", overflow " + std::to_string(overflow) + "/" + std::to_string(options_.max_overflow) +
           ", idle " + std::to_string(idle_.size()) + ", waiting " + std::to_string(waiting_) +
           " including this one). Return connections sooner (close Connections and Sessions), "
           "or raise pool_size, max_overflow or pool_timeout";
  }

  detail::EngineState& state_;
  const Factory factory_;
  const PoolOptions options_;
  const bool null_pool_;
  const bool unlimited_;
  const std::size_t capacity_;  //!< most connections open at once
  const std::size_t keep_;      //!< most idle connections kept

  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::deque<Entry> idle_;
  std::unordered_map<detail::DriverConnection*, Entry> in_use_;
  std::size_t open_ = 0;
  std::size_t checked_out_ = 0;
  std::size_t waiting_ = 0;
  std::uint64_t generation_ = 0;  //!< advanced by dispose()

  std::atomic<std::uint64_t> next_id_{0};
  std::atomic<std::uint64_t> checkouts_{0};
  std::atomic<std::uint64_t> waits_{0};
  std::atomic<std::uint64_t> timeouts_{0};
  std::atomic<std::uint64_t> recycled_{0};
  std::atomic<std::uint64_t> ping_failures_{0};
  std::atomic<std::uint64_t> invalidated_{0};
};

}  // namespace

std::unique_ptr<detail::ConnectionSource> make_queue_pool(detail::EngineState& state,
                                                          Factory factory) {
  return std::make_unique<QueuePool>(state, std::move(factory), false);
}

std::unique_ptr<detail::ConnectionSource> make_null_pool(detail::EngineState& state,
                                                         Factory factory) {
  return std::make_unique<QueuePool>(state, std::move(factory), true);
}

}  // namespace ormc::pool
