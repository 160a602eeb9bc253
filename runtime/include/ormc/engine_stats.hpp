// Counters an Engine keeps for every connection it hands out; tests assert statement counts
// with them, users watch the statement cache with them.
#pragma once

#include <cstdint>

#include "ormc/pool_stats.hpp"

namespace ormc {

//! A snapshot of an engine's counters since it was created (or since reset_stats()).
struct EngineStats {
  std::uint64_t statements = 0;  //!< statements executed, transaction control excluded
  std::uint64_t prepares = 0;    //!< statements compiled by the driver (cache misses)
  std::uint64_t cache_hits = 0;  //!< prepared statements reused from a connection's cache
  std::uint64_t begins = 0;      //!< transactions begun (savepoints excluded)
  std::uint64_t commits = 0;
  std::uint64_t rollbacks = 0;
  std::uint64_t connections_opened = 0;  //!< driver connections (sqlite3 handles) opened
  PoolStats pool;                        //!< the connection pool's state and counters
};

}  // namespace ormc
