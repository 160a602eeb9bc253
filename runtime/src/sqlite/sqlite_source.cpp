// SQLite connection sources. A file database: each Connection opens its own handle (the
// pool of issue 4 will keep them). :memory:: a database lives only as long as its handle,
// so every Connection must share one; it is lent to one thread at a time.
#include "sqlite/sqlite_source.hpp"

#include <condition_variable>
#include <mutex>
#include <thread>

#include "sqlite/sqlite_connection.hpp"

namespace ormc::sqlite {
namespace {

class FileSource final : public detail::ConnectionSource {
 public:
  explicit FileSource(detail::EngineState& state) : state_(state) {}

  detail::DriverConnection* acquire() override {
    auto connection = std::make_unique<SqliteConnection>(state_.url.database, state_.options);
    state_.counters.connections_opened.fetch_add(1, std::memory_order_relaxed);
    return connection.release();
  }
  void release(detail::DriverConnection* connection) noexcept override { delete connection; }

 private:
  detail::EngineState& state_;
};

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
    released_.wait(lock, [&] { return depth_ == 0; });
    owner_ = self;
    depth_ = 1;
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

 private:
  SqliteConnection connection_;
  std::mutex mutex_;
  std::condition_variable released_;
  std::thread::id owner_;
  int depth_ = 0;
};

}  // namespace

std::unique_ptr<detail::ConnectionSource> make_source(detail::EngineState& state) {
  if (state.url.is_memory()) return std::make_unique<SharedMemorySource>(state);
  return std::make_unique<FileSource>(state);
}

}  // namespace ormc::sqlite
