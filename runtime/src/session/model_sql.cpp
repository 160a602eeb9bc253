// The statement texts of the Session's writes and key lookups, from a model's SQL shape
// (ormc/session/model_sql.hpp): one path for every model.
#include "ormc/session/model_sql.hpp"

namespace ormc::detail {
namespace {

//! WHERE "pk1" = ?n AND "pk2" = ?n+1 ... [AND "version" = ?], numbering from `next`.
void append_key_where(std::string& sql, const Dialect& dialect, const ModelSqlShape& shape,
                      std::size_t next, bool with_version) {
  sql += " WHERE ";
  bool first = true;
  for (std::size_t index : shape.primary_key) {
    if (!first) sql += " AND ";
    first = false;
    dialect.append_identifier(sql, shape.columns[index]);
    sql += " = ";
    dialect.append_placeholder(sql, next++);
  }
  if (with_version && shape.version_column >= 0) {
    sql += " AND ";
    dialect.append_identifier(sql, shape.columns[static_cast<std::size_t>(shape.version_column)]);
    sql += " = ";
    dialect.append_placeholder(sql, next);
  }
}

}  // namespace

void append_column_list(std::string& sql, const Dialect& dialect, const ModelSqlShape& shape) {
  bool first = true;
  for (std::string_view column : shape.columns) {
    if (!first) sql += ", ";
    first = false;
    dialect.append_identifier(sql, column);
  }
}

std::string select_by_key_sql(const Dialect& dialect, const ModelSqlShape& shape) {
  std::string sql = "SELECT ";
  append_column_list(sql, dialect, shape);
  sql += " FROM ";
  dialect.append_identifier(sql, shape.table_name);
  append_key_where(sql, dialect, shape, 1, false);
  return sql;
}

std::string delete_sql(const Dialect& dialect, const ModelSqlShape& shape) {
  std::string sql = "DELETE FROM ";
  dialect.append_identifier(sql, shape.table_name);
  append_key_where(sql, dialect, shape, 1, true);
  return sql;
}

std::string insert_sql(const Dialect& dialect, const ModelSqlShape& shape,
                       std::span<const bool> included, bool returning_key) {
  std::string sql = "INSERT INTO ";
  dialect.append_identifier(sql, shape.table_name);
  std::string values;
  std::size_t next = 1;
  bool first = true;
  for (std::size_t i = 0; i < shape.columns.size(); ++i) {
    if (!included[i]) continue;
    sql += first ? " (" : ", ";
    values += first ? "" : ", ";
    first = false;
    dialect.append_identifier(sql, shape.columns[i]);
    dialect.append_placeholder(values, next++);
  }
  if (first) {
    sql += " DEFAULT VALUES";
  } else {
    sql += ") VALUES (" + values + ")";
  }
  // Only a model with an autoincrement column asks for its key back.
  if (returning_key && shape.autoincrement_column >= 0) {
    sql += " RETURNING ";
    dialect.append_identifier(sql,
                              shape.columns[static_cast<std::size_t>(shape.autoincrement_column)]);
  }
  return sql;
}

std::string update_sql(const Dialect& dialect, const ModelSqlShape& shape,
                       std::span<const bool> changed) {
  std::string sql = "UPDATE ";
  dialect.append_identifier(sql, shape.table_name);
  sql += " SET ";
  std::size_t next = 1;
  bool first = true;
  for (std::size_t i = 0; i < shape.columns.size(); ++i) {
    if (!changed[i]) continue;
    if (!first) sql += ", ";
    first = false;
    dialect.append_identifier(sql, shape.columns[i]);
    sql += " = ";
    dialect.append_placeholder(sql, next++);
  }
  append_key_where(sql, dialect, shape, next, true);
  return sql;
}

}  // namespace ormc::detail
