// Helpers of the PostgreSQL fault tests: restarting the server, terminating a backend,
// and a log of an engine's pool events.
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ormc/connection.hpp"
#include "ormc/engine.hpp"
#include "ormc/pool_options.hpp"

namespace fault_test {

//! A shell command that restarts the server, or nullopt when there is none:
//! ORMC_TEST_PG_RESTART, else pg_virtualenv's own cluster (pg_ctlcluster stop, start).
[[nodiscard]] std::optional<std::string> restart_command();

//! Whether restart_command() has a command; without one, prints the loud skip line
//! (naming the test, `what`) and fails under CI=true.
[[nodiscard]] bool restart_available(std::string_view what);
//! Runs restart_command() (REQUIRE: it exists and succeeds).
void restart_server();

[[nodiscard]] std::int64_t backend_pid(ormc::Connection& conn);

//! Ends the backend `pid` from another session and waits (up to 5 s) until it is gone.
void terminate_backend(ormc::Engine& admin, std::int64_t pid);

//! Every pool event of an engine, in order.
class PoolEventLog {
 public:
  struct Event {
    ormc::PoolEventKind kind;
    std::uint64_t connection_id;
    std::string reason;
  };

  explicit PoolEventLog(ormc::Engine& engine)
      : engine_(engine), listener_(engine.on_pool_event([this](const ormc::PoolEvent& event) {
          try {
            const std::lock_guard lock(mutex_);
            events_.push_back({event.kind, event.connection_id, std::string(event.reason)});
          } catch (...) {  // NOLINT(bugprone-empty-catch): out of memory; must not throw
          }
        })) {}
  ~PoolEventLog() { engine_.remove_listener(listener_); }
  PoolEventLog(const PoolEventLog&) = delete;
  PoolEventLog& operator=(const PoolEventLog&) = delete;

  [[nodiscard]] std::vector<Event> events() const {
    const std::lock_guard lock(mutex_);
    return events_;
  }

  //! The connections closed for `reason`, in order.
  [[nodiscard]] std::vector<std::uint64_t> closed(std::string_view reason) const {
    std::vector<std::uint64_t> ids;
    for (const Event& event : events()) {
      if (event.kind == ormc::PoolEventKind::close && event.reason == reason) {
        ids.push_back(event.connection_id);
      }
    }
    return ids;
  }

  //! Whether connection `id` was checked out after it was closed: a dead connection
  //! handed out again.
  [[nodiscard]] bool checked_out_after_close(std::uint64_t id) const {
    bool closed = false;
    for (const Event& event : events()) {
      if (event.connection_id != id) continue;
      if (event.kind == ormc::PoolEventKind::close) closed = true;
      if (closed && event.kind == ormc::PoolEventKind::checkout) return true;
    }
    return false;
  }

  //! The connection the last checkout handed out.
  [[nodiscard]] std::uint64_t last_checkout() const {
    std::uint64_t id = 0;
    for (const Event& event : events()) {
      if (event.kind == ormc::PoolEventKind::checkout) id = event.connection_id;
    }
    return id;
  }

 private:
  ormc::Engine& engine_;
  mutable std::mutex mutex_;
  std::vector<Event> events_;
  ormc::ListenerId listener_;  // last: registered once the log can take events
};

//! A pool at rest: nothing checked out, every open connection idle (doctest CHECKs).
void check_pool_at_rest(const ormc::Engine& engine);

}  // namespace fault_test
