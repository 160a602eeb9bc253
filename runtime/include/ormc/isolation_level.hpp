// IsolationLevel: how much a transaction sees of others running at the same time. Its own
// header because both a transaction (TransactionOptions) and an engine (its default,
// EngineOptions::isolation_level) name one.
#pragma once

#include <optional>
#include <string_view>

namespace ormc {

//! SQLite transactions are always serializable, so SQLite accepts only database_default
//! and serializable; any other level is an ArgumentError there. PostgreSQL begins with
//! BEGIN ISOLATION LEVEL ... (READ UNCOMMITTED behaves as READ COMMITTED there).
enum class IsolationLevel {
  database_default,
  read_uncommitted,
  read_committed,
  repeatable_read,
  serializable,
};

//! The SQL name: "READ COMMITTED", ...; "DEFAULT" for database_default.
[[nodiscard]] std::string_view to_string(IsolationLevel level);

//! The level named `name`: the enumerator (read_committed) or the SQL name in any case
//! ("READ COMMITTED", "repeatable read"); nullopt for anything else.
[[nodiscard]] std::optional<IsolationLevel> isolation_level_from_string(std::string_view name);

}  // namespace ormc
