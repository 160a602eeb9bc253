// Where a SQLite engine's driver connections come from: the factory a pool calls for a
// file database, one shared handle for :memory:.
#pragma once

#include <memory>

#include "detail/engine_state.hpp"
#include "pool/pool.hpp"

namespace ormc::sqlite {

//! The single shared handle of a :memory: database (SingletonThreadPool-like); opens it now.
[[nodiscard]] std::unique_ptr<detail::ConnectionSource> make_memory_source(
    detail::EngineState& state);

//! Opens a new handle on `state`'s database file with the engine's options.
[[nodiscard]] pool::Factory connection_factory(detail::EngineState& state);

//! Whether a handle may be used by one thread after another (sqlite3_threadsafe() != 0:
//! serialized or multi-thread mode); when not, the engine uses a NullPool.
[[nodiscard]] bool handles_may_change_threads();

}  // namespace ormc::sqlite
