// The connection pools of an engine, for any backend: they open driver connections through
// a factory the engine gives them. QueuePool and NullPool, with SQLAlchemy's semantics.
#pragma once

#include <functional>
#include <memory>

#include "detail/driver_connection.hpp"
#include "detail/engine_state.hpp"

namespace ormc::pool {

//! Opens a new driver connection; throws OperationalError when it cannot.
using Factory = std::function<std::unique_ptr<detail::DriverConnection>()>;

//! SQLAlchemy's QueuePool over `factory` with state.options.pool: pool_size idle
//! connections kept, max_overflow more opened under load, TimeoutError after
//! pool_timeout, pool_recycle, pre_ping, reset on return, broken connections discarded.
[[nodiscard]] std::unique_ptr<detail::ConnectionSource> make_queue_pool(detail::EngineState& state,
                                                                        Factory factory);

//! NullPool: a new connection per checkout, closed when it is returned.
[[nodiscard]] std::unique_ptr<detail::ConnectionSource> make_null_pool(detail::EngineState& state,
                                                                       Factory factory);

}  // namespace ormc::pool
