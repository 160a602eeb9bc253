// The pool under concurrency: 16 threads x 5,000 checkouts against pool_size=4,
// max_overflow=4 — no deadlock, no leak, never more than 8 connections out, waits and
// timeouts counted. Also built and run under ThreadSanitizer (ORMC_SANITIZE=thread).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "pool_support.hpp"

namespace {

constexpr int threads = 16;

// Keeps the highest value `current` reached.
void raise_max(std::atomic<int>& max, int current) {
  int seen = max.load();
  while (current > seen && !max.compare_exchange_weak(seen, current)) {
  }
}

}  // namespace

TEST_CASE("16 threads x 5,000 checkouts, pool_size=4, max_overflow=4") {
  constexpr int per_thread = 5000;
  auto engine =
      ormc::Engine::connect(pool_test::fresh_url("pool_size=4&max_overflow=4&pool_timeout=60"));
  std::atomic<std::uint64_t> checkins{0};
  engine.on_pool_event([&](const ormc::PoolEvent& e) {
    if (e.kind == ormc::PoolEventKind::checkin) checkins.fetch_add(1);
  });
  engine.reset_stats();

  std::atomic<int> in_hand{0};
  std::atomic<int> most_in_hand{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (int i = 0; i < per_thread; ++i) {
        try {
          auto conn = engine.connect();
          raise_max(most_in_hand, in_hand.fetch_add(1) + 1);
          if (i % 16 == t % 16) {  // a short statement now and then, on whichever handle
            if (conn.prepare("SELECT 1").query().scalar<int>() != 1) failures.fetch_add(1);
          }
          std::this_thread::yield();  // hold it a moment: others must wait
          in_hand.fetch_sub(1);
        } catch (const std::exception&) {
          failures.fetch_add(1);
        }
      }
    });
  }
  for (auto& w : workers) w.join();

  const auto stats = engine.stats();
  const auto& pool = stats.pool;
  CHECK(failures.load() == 0);
  CHECK(most_in_hand.load() <= 8);
  CHECK(pool.checkouts == std::uint64_t{threads} * per_thread);
  CHECK(checkins.load() == std::uint64_t{threads} * per_thread);
  CHECK(pool.checked_out == 0);  // no leak: every connection came back
  CHECK(pool.waiting == 0);
  CHECK(pool.open <= 8);
  CHECK(pool.idle == 4);  // overflow connections closed on return, pool_size kept
  CHECK(pool.open == pool.idle);
  CHECK(pool.overflow == 0);
  CHECK(pool.timeouts == 0);
  CHECK(pool.waits > 0);
  CHECK(stats.connections_opened >= 3);  // at least the 3 beyond the engine's first
  MESSAGE("waits " << pool.waits << ", connections opened " << stats.connections_opened
                   << ", most in hand " << most_in_hand.load());
}

TEST_CASE("under a short pool_timeout, every TimeoutError is counted") {
  constexpr int per_thread = 500;
  auto engine =
      ormc::Engine::connect(pool_test::fresh_url("pool_size=2&max_overflow=1&pool_timeout=0.001"));
  engine.reset_stats();
  std::atomic<std::uint64_t> served{0};
  std::atomic<std::uint64_t> timed_out{0};
  std::atomic<int> other_errors{0};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (int i = 0; i < per_thread; ++i) {
        try {
          auto conn = engine.connect();
          served.fetch_add(1);
          std::this_thread::sleep_for(std::chrono::microseconds(200));
        } catch (const ormc::TimeoutError& e) {
          timed_out.fetch_add(1);
          if (std::string(e.what()).find("size 2, checked out 3") == std::string::npos) {
            other_errors.fetch_add(1);
          }
        } catch (const std::exception&) {
          other_errors.fetch_add(1);
        }
      }
    });
  }
  for (auto& w : workers) w.join();
  const auto pool = engine.stats().pool;
  CHECK(other_errors.load() == 0);
  CHECK(served.load() + timed_out.load() == std::uint64_t{threads} * per_thread);
  CHECK(timed_out.load() > 0);
  CHECK(pool.timeouts == timed_out.load());
  CHECK(pool.checkouts == served.load());
  CHECK(pool.waits >= pool.timeouts);
  CHECK(pool.checked_out == 0);
  CHECK(pool.waiting == 0);
  CHECK(pool.open == 2);
  MESSAGE("served " << served.load() << ", timed out " << timed_out.load() << ", waits "
                    << pool.waits);
}
