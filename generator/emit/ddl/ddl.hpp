// The DDL of a schema per SQL dialect: CREATE/DROP statements for tables, indexes and
// (PostgreSQL) enum types, as `ormc generate` embeds them in the generated header.
#pragma once

#include <string>
#include <vector>

#include "model/schema.hpp"

namespace ormc::ddl {

enum class SqlDialect { sqlite, postgresql };

//! Statements without a trailing ';', each executable on its own. `create` makes what does
//! not exist yet (enum types, then tables with their constraints, then indexes) and can run
//! again harmlessly; `drop` removes it all, dependents first.
struct DdlStatements {
  std::vector<std::string> create;
  std::vector<std::string> drop;
};

//! The DDL of `tables`, given in dependency order (Schema::dependency_order restricted to
//! them), and of `enums` (the enums the tables may use; only PostgreSQL creates types).
[[nodiscard]] DdlStatements generate_ddl(const model::Schema& schema,
                                         const std::vector<model::ModelId>& tables,
                                         const std::vector<model::EnumId>& enums,
                                         SqlDialect dialect);

}  // namespace ormc::ddl
