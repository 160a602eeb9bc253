// How a PostgreSQL engine makes driver connections: the factory its pool calls.
#pragma once

#include <string_view>

#include "detail/engine_state.hpp"
#include "pool/pool.hpp"

namespace ormc::postgres {

//! Opens a new connection to `state`'s server (throws OperationalError); the pool counts it.
[[nodiscard]] pool::Factory connection_factory(detail::EngineState& state);

//! Whether `name` is a URL query option the PostgreSQL driver reads itself (sslmode,
//! application_name, connect_timeout, statement_timeout, options, ...).
[[nodiscard]] bool is_driver_option(std::string_view name);

}  // namespace ormc::postgres
