// A snapshot of an engine's connection pool (EngineStats::pool).
#pragma once

#include <cstddef>
#include <cstdint>

#include "ormc/pool_options.hpp"

namespace ormc {

struct PoolStats {
  PoolClass pool_class = PoolClass::automatic;  //!< the pool actually in use
  // The state now (reset_stats() leaves these alone).
  std::size_t size = 0;         //!< the configured pool_size (singleton: 1; null: 0)
  std::size_t open = 0;         //!< driver connections open: idle + checked out
  std::size_t idle = 0;         //!< open connections waiting in the pool
  std::size_t checked_out = 0;  //!< connections lent to ormc::Connections
  std::size_t overflow = 0;     //!< open connections beyond pool_size
  std::size_t waiting = 0;      //!< threads waiting in a checkout now
  // Counted since the engine was created or reset_stats().
  std::uint64_t checkouts = 0;      //!< successful checkouts
  std::uint64_t waits = 0;          //!< checkouts that had to wait for a connection
  std::uint64_t timeouts = 0;       //!< checkouts that gave up with TimeoutError
  std::uint64_t recycled = 0;       //!< connections replaced at checkout for pool_recycle
  std::uint64_t ping_failures = 0;  //!< dead connections found (and replaced) by pre_ping
  std::uint64_t invalidated = 0;    //!< connections that broke in use or failed their reset
};

}  // namespace ormc
