// SQLite connection sources. A file database: handles opened by the factory the engine's
// pool (runtime/src/pool/) calls. :memory:: a database lives only as long as its handle,
// so every Connection must share one; it is lent to one thread at a time.
#include "sqlite/sqlite_source.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

#include <sqlite3.h>

#include "sqlite/sqlite_connection.hpp"

namespace ormc::sqlite {
namespace {

class SharedMemorySource final : public detail::ConnectionSource {
 public:
  explicit SharedMemorySource(detail::EngineState& state) : connection_(":memory:", state.options) {
    state.counters.connections_opened.fetch_add(1, std::memory_order_relaxed);
  }

  // Re-entrant per thread: a second Connection on the thread holding the handle shares
  // it (SQLAlchemy's SingletonThreadPool) instead of deadlocking on itself.
  detail::DriverConnection* acquire() override {
    std::unique_lock lock(mutex_);
    const auto self = std::this_thread::get_id();
    if (depth_ > 0 && owner_ == self) {
      ++depth_;
      return &connection_;
    }
    if (depth_ > 0) {
      ++waits_;
      ++waiting_;
      released_.wait(lock, [&] { return depth_ == 0; });
      --waiting_;
    }
    owner_ = self;
    depth_ = 1;
    ++checkouts_;
    return &connection_;
  }

  void release(detail::DriverConnection* /*connection*/) noexcept override {
    const std::lock_guard lock(mutex_);
    if (--depth_ > 0) return;
    // Reset on return, as a pool does: the next thread must not inherit a transaction.
    if (connection_.in_transaction()) (void)connection_.exec("ROLLBACK");
    connection_.transaction_owner = nullptr;
    if (connection_.read_only_transaction) {
      connection_.read_only_transaction = false;
      (void)connection_.exec("PRAGMA query_only = OFF");
    }
    owner_ = {};
    released_.notify_one();
  }

  [[nodiscard]] PoolStats stats() const override {
    const std::lock_guard lock(mutex_);
    PoolStats s;
    s.pool_class = PoolClass::singleton;
    s.size = 1;
    s.open = 1;
    s.idle = depth_ == 0 ? 1 : 0;
    s.checked_out = depth_ == 0 ? 0 : 1;
    s.waiting = waiting_;
    s.checkouts = checkouts_;
    s.waits = waits_;
    return s;
  }

  void reset_counters() noexcept override {
    const std::lock_guard lock(mutex_);
    checkouts_ = 0;
    waits_ = 0;
  }

 private:
  SqliteConnection connection_;
  mutable std::mutex mutex_;
  std::condition_variable released_;
  std::thread::id owner_;
  int depth_ = 0;
  std::size_t waiting_ = 0;
  std::uint64_t checkouts_ = 0;
  std::uint64_t waits_ = 0;
};

}  // namespace

std::unique_ptr<detail::ConnectionSource> make_memory_source(detail::EngineState& state) {
  return std::make_unique<SharedMemorySource>(state);
}

pool::Factory connection_factory(detail::EngineState& state) {
  return [&state]() -> std::unique_ptr<detail::DriverConnection> {
    return std::make_unique<SqliteConnection>(state.url.database, state.options);
  };
}

bool handles_may_change_threads() { return sqlite3_threadsafe() != 0; }

}  // namespace ormc::sqlite
