// The SQL a Session issues for one model: select, insert, update and delete by primary key,
// built from model_traits<M> and the connection's dialect. The fixed statements are built
// once per model and dialect; inserts and updates that name a subset of the columns are
// built per call (the connection's statement cache then finds the prepared statement).
#pragma once

#include <array>
#include <string>

#include "ormc/connection.hpp"
#include "ormc/dialect.hpp"
#include "ormc/hydrate.hpp"
#include "ormc/model.hpp"
#include "ormc/query/key_generator.hpp"
#include "ormc/result.hpp"
#include "ormc/session/identity_key.hpp"
#include "ormc/statement.hpp"

namespace ormc::detail {

//! "col1", "col2", ... in model order.
template <Model M>
void append_column_list(std::string& sql, const Dialect& dialect) {
  bool first = true;
  for_each_column<M>([&](const auto& column) {
    if (!first) sql += ", ";
    first = false;
    dialect.append_identifier(sql, column.name);
  });
}

//! WHERE "pk1" = ?n AND "pk2" = ?n+1 ..., numbering from `next`; returns the next number.
template <Model M>
std::size_t append_primary_key_where(std::string& sql, const Dialect& dialect, std::size_t next) {
  sql += " WHERE ";
  bool first = true;
  for_each_column<M>([&](const auto& column) {
    if constexpr (is_primary_key_column<M>(std::remove_cvref_t<decltype(column)>::index)) {
      if (!first) sql += " AND ";
      first = false;
      dialect.append_identifier(sql, column.name);
      sql += " = ";
      dialect.append_placeholder(sql, next++);
    }
  });
  return next;
}

//! Binds `row`'s primary-key values, in key order, from parameter `next` on (the order
//! append_primary_key_where() numbers them in).
template <Model M>
void bind_primary_key(Statement& statement, std::size_t next, const M& row) {
  for_each_column<M>([&](const auto& column) {
    if constexpr (is_primary_key_column<M>(std::remove_cvref_t<decltype(column)>::index)) {
      statement.bind(next++, column.of(row));
    }
  });
}

template <Model M>
const std::string& select_by_key_sql(const Dialect& dialect) {
  thread_local std::array<std::string, 2> built;
  std::string& sql = built[static_cast<std::size_t>(dialect.kind())];
  if (sql.empty()) {
    sql = "SELECT ";
    append_column_list<M>(sql, dialect);
    sql += " FROM ";
    dialect.append_identifier(sql, model_traits<M>::table_name);
    append_primary_key_where<M>(sql, dialect, 1);
  }
  return sql;
}

template <Model M>
const std::string& delete_by_key_sql(const Dialect& dialect) {
  thread_local std::array<std::string, 2> built;
  std::string& sql = built[static_cast<std::size_t>(dialect.kind())];
  if (sql.empty()) {
    sql = "DELETE FROM ";
    dialect.append_identifier(sql, model_traits<M>::table_name);
    append_primary_key_where<M>(sql, dialect, 1);
  }
  return sql;
}

//! INSERT of the columns marked in `included`, returning every column so that keys and
//! server defaults come back into the object.
template <Model M>
std::string insert_sql(const Dialect& dialect,
                       const std::array<bool, model_column_count<M>>& included) {
  std::string sql = "INSERT INTO ";
  dialect.append_identifier(sql, model_traits<M>::table_name);
  std::string values;
  std::size_t next = 1;
  bool first = true;
  for_each_column<M>([&](const auto& column) {
    if (!included[std::remove_cvref_t<decltype(column)>::index]) return;
    sql += first ? " (" : ", ";
    values += first ? "" : ", ";
    first = false;
    dialect.append_identifier(sql, column.name);
    dialect.append_placeholder(values, next++);
  });
  if (first) {
    sql += " DEFAULT VALUES";
  } else {
    sql += ") VALUES (" + values + ")";
  }
  sql += " RETURNING ";
  append_column_list<M>(sql, dialect);
  return sql;
}

//! UPDATE of the columns marked in `changed`, by primary key.
template <Model M>
std::string update_sql(const Dialect& dialect,
                       const std::array<bool, model_column_count<M>>& changed) {
  std::string sql = "UPDATE ";
  dialect.append_identifier(sql, model_traits<M>::table_name);
  sql += " SET ";
  std::size_t next = 1;
  bool first = true;
  for_each_column<M>([&](const auto& column) {
    if (!changed[std::remove_cvref_t<decltype(column)>::index]) return;
    if (!first) sql += ", ";
    first = false;
    dialect.append_identifier(sql, column.name);
    sql += " = ";
    dialect.append_placeholder(sql, next++);
  });
  append_primary_key_where<M>(sql, dialect, next);
  return sql;
}

}  // namespace ormc::detail
