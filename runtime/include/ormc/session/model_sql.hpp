// The SQL a Session issues for one model: select, insert, update and delete by primary key,
// built from model_traits<M> and a dialect. The identity map builds each text once per
// column set and keeps it; the connection's statement cache then finds the prepared
// statement by that text.
#pragma once

#include <cstddef>
#include <string>

#include "ormc/dialect.hpp"
#include "ormc/model.hpp"
#include "ormc/session/column_values.hpp"

namespace ormc::detail {

//! The index of M's version-counter column (schema attribute `version`), or -1.
template <Model M>
constexpr int version_column() {
  if constexpr (requires { model_traits<M>::version_column; }) {
    return model_traits<M>::version_column;
  } else {
    return -1;
  }
}

//! The index of M's autoincrement column, or -1.
template <Model M>
constexpr int autoincrement_column() {
  int found = -1;
  int index = 0;
  for_each_column<M>([&](const auto& column) {
    if (column.flags.autoincrement) found = index;
    ++index;
  });
  return found;
}

template <Model M>
constexpr bool is_primary_key_column(std::size_t index) {
  for (std::size_t column : model_traits<M>::primary_key) {
    if (column == index) return true;
  }
  return false;
}

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

//! WHERE "pk1" = ?n AND "pk2" = ?n+1 ... [AND "version" = ?], numbering from `next`;
//! returns the next number.
template <Model M>
std::size_t append_key_where(std::string& sql, const Dialect& dialect, std::size_t next,
                             bool with_version) {
  sql += " WHERE ";
  bool first = true;
  for (std::size_t index : model_traits<M>::primary_key) {
    if (!first) sql += " AND ";
    first = false;
    for_each_column_indexed<M>([&](const auto& column, auto i) {
      if (decltype(i)::value != index) return;
      dialect.append_identifier(sql, column.name);
      sql += " = ";
      dialect.append_placeholder(sql, next++);
    });
  }
  if (with_version) {
    for_each_column_indexed<M>([&](const auto& column, auto i) {
      if (static_cast<int>(decltype(i)::value) != version_column<M>()) return;
      sql += " AND ";
      dialect.append_identifier(sql, column.name);
      sql += " = ";
      dialect.append_placeholder(sql, next++);
    });
  }
  return next;
}

template <Model M>
std::string select_by_key_sql(const Dialect& dialect) {
  std::string sql = "SELECT ";
  append_column_list<M>(sql, dialect);
  sql += " FROM ";
  dialect.append_identifier(sql, model_traits<M>::table_name);
  append_key_where<M>(sql, dialect, 1, false);
  return sql;
}

template <Model M>
std::string delete_sql(const Dialect& dialect) {
  std::string sql = "DELETE FROM ";
  dialect.append_identifier(sql, model_traits<M>::table_name);
  append_key_where<M>(sql, dialect, 1, version_column<M>() >= 0);
  return sql;
}

//! INSERT of the columns marked in `included`. `returning_key`: the autoincrement key is
//! left to the database and read back (the only column an INSERT lets it fill: the
//! object holds every other value the row gets).
template <Model M>
std::string insert_sql(const Dialect& dialect, const ColumnMask<M>& included, bool returning_key) {
  std::string sql = "INSERT INTO ";
  dialect.append_identifier(sql, model_traits<M>::table_name);
  std::string values;
  std::size_t next = 1;
  bool first = true;
  std::string_view key_name;
  for_each_column_indexed<M>([&](const auto& column, auto index) {
    if (static_cast<int>(decltype(index)::value) == autoincrement_column<M>()) {
      key_name = column.name;
    }
    if (!included[decltype(index)::value]) return;
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
  if (returning_key) {
    sql += " RETURNING ";
    dialect.append_identifier(sql, key_name);
  }
  return sql;
}

//! UPDATE of the columns marked in `changed`, by primary key (and version counter).
template <Model M>
std::string update_sql(const Dialect& dialect, const ColumnMask<M>& changed) {
  std::string sql = "UPDATE ";
  dialect.append_identifier(sql, model_traits<M>::table_name);
  sql += " SET ";
  std::size_t next = 1;
  bool first = true;
  for_each_column_indexed<M>([&](const auto& column, auto index) {
    if (!changed[decltype(index)::value]) return;
    if (!first) sql += ", ";
    first = false;
    dialect.append_identifier(sql, column.name);
    sql += " = ";
    dialect.append_placeholder(sql, next++);
  });
  append_key_where<M>(sql, dialect, next, version_column<M>() >= 0);
  return sql;
}

}  // namespace ormc::detail
