// SQLite's one isolation level: the rule both Engine::connect (for the engine's default)
// and Connection::begin (for a transaction's own) enforce.
#pragma once

#include <string>
#include <string_view>

#include "ormc/error.hpp"
#include "ormc/isolation_level.hpp"

namespace ormc::sqlite {

//! ArgumentError, starting with `context`, unless `level` is one SQLite provides: its
//! transactions are always SERIALIZABLE.
inline void check_isolation(IsolationLevel level, std::string_view context) {
  if (level == IsolationLevel::database_default || level == IsolationLevel::serializable) return;
  throw ArgumentError(std::string(context) + std::string(to_string(level)) +
                      " is not available on SQLite, whose transactions are always "
                      "SERIALIZABLE (use database_default or serializable)");
}

}  // namespace ormc::sqlite
