// Keeping a database's key generator ahead of keys written explicitly: after an INSERT that
// gave a model's autoincrement key its own value (copied rows, fixtures), PostgreSQL's
// identity sequence would still hand out that key later; SQLite needs nothing.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "ormc/connection.hpp"
#include "ormc/dialect.hpp"
#include "ormc/model.hpp"
#include "ormc/result.hpp"
#include "ormc/statement.hpp"

namespace ormc::detail {

//! Moves the key generator of M's autoincrement column past every key its table holds
//! (Dialect::advance_key_generator_sql); a no-op where the dialect needs none.
template <Model M>
void advance_key_generator(Connection& connection) {
  for_each_column<M>([&](const auto& column) {
    if (!column.flags.autoincrement) return;
    const std::string sql =
        connection.dialect().advance_key_generator_sql(model_traits<M>::table_name, column.name);
    if (sql.empty()) return;
    Statement statement = connection.prepare(sql);
    Result result = statement.query();
    while (result.next()) {
    }
  });
}

//! Whether an INSERT naming `columns` writes M's autoincrement column.
template <Model M>
bool writes_autoincrement(const std::vector<std::string_view>& columns) {
  bool writes = false;
  for_each_column<M>([&](const auto& column) {
    if (column.flags.autoincrement &&
        std::find(columns.begin(), columns.end(), column.name) != columns.end()) {
      writes = true;
    }
  });
  return writes;
}

}  // namespace ormc::detail
