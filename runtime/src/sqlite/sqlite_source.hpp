// Where a SQLite engine's driver connections come from: a new handle per Connection for
// a file, one shared handle for :memory:.
#pragma once

#include <memory>

#include "detail/engine_state.hpp"

namespace ormc::sqlite {

//! The connection source for `state`'s URL; opens the shared handle of :memory: now.
[[nodiscard]] std::unique_ptr<detail::ConnectionSource> make_source(detail::EngineState& state);

}  // namespace ormc::sqlite
