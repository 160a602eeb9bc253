// The names of isolation levels, both ways.
#include "ormc/isolation_level.hpp"

#include <array>
#include <cctype>
#include <string>

namespace ormc {

std::string_view to_string(IsolationLevel level) {
  switch (level) {
    case IsolationLevel::database_default: return "DEFAULT";
    case IsolationLevel::read_uncommitted: return "READ UNCOMMITTED";
    case IsolationLevel::read_committed: return "READ COMMITTED";
    case IsolationLevel::repeatable_read: return "REPEATABLE READ";
    case IsolationLevel::serializable: return "SERIALIZABLE";
  }
  return "?";
}

std::optional<IsolationLevel> isolation_level_from_string(std::string_view name) {
  // "read_committed", "READ COMMITTED" and "Read Committed" all name one level: compare
  // upper-cased with '_' read as ' '.
  std::string normal;
  normal.reserve(name.size());
  for (const char c : name) {
    normal += c == '_' ? ' ' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  constexpr std::array levels = {IsolationLevel::database_default, IsolationLevel::read_uncommitted,
                                 IsolationLevel::read_committed, IsolationLevel::repeatable_read,
                                 IsolationLevel::serializable};
  for (const IsolationLevel level : levels) {
    if (normal == to_string(level)) return level;
  }
  if (normal == "DATABASE DEFAULT") return IsolationLevel::database_default;
  return std::nullopt;
}

}  // namespace ormc
