// The SQL a Session issues for one model: select, insert, update and delete by primary key,
// built from model_traits<M> and a dialect. The identity map builds each text once per
// column set and keeps it; the connection's statement cache then finds the prepared
// statement by that text.
#pragma once

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <string_view>

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

//! What the SQL of a model's statements needs of it, without its types: the table, the
//! column names in model order, the key columns, the version and autoincrement columns.
//! The statement texts below are built by one non-template path from it (each text is
//! built once per column set and cached, so this costs nothing per flush), rather than by
//! a loop over M's column descriptors instantiated for every model.
struct ModelSqlShape {
  std::string_view table_name;
  std::span<const std::string_view> columns;
  std::span<const std::size_t> primary_key;
  int version_column = -1;
  int autoincrement_column = -1;
};

template <Model M>
inline constexpr std::array<std::string_view, model_column_count<M>> column_names_of = [] {
  std::array<std::string_view, model_column_count<M>> names{};
  std::size_t index = 0;
  for_each_column<M>([&](const auto& column) { names[index++] = column.name; });
  return names;
}();

template <Model M>
inline constexpr ModelSqlShape model_sql_shape{model_traits<M>::table_name, column_names_of<M>,
                                               model_traits<M>::primary_key, version_column<M>(),
                                               autoincrement_column<M>()};

//! "col1", "col2", ... in model order.
void append_column_list(std::string& sql, const Dialect& dialect, const ModelSqlShape& shape);
[[nodiscard]] std::string select_by_key_sql(const Dialect& dialect, const ModelSqlShape& shape);
//! DELETE by primary key (and version counter).
[[nodiscard]] std::string delete_sql(const Dialect& dialect, const ModelSqlShape& shape);
//! INSERT of the columns marked in `included`. `returning_key`: the autoincrement key is
//! left to the database and read back (the only column an INSERT lets it fill: the
//! object holds every other value the row gets).
[[nodiscard]] std::string insert_sql(const Dialect& dialect, const ModelSqlShape& shape,
                                     std::span<const bool> included, bool returning_key);
//! UPDATE of the columns marked in `changed`, by primary key (and version counter).
[[nodiscard]] std::string update_sql(const Dialect& dialect, const ModelSqlShape& shape,
                                     std::span<const bool> changed);

template <Model M>
void append_column_list(std::string& sql, const Dialect& dialect) {
  append_column_list(sql, dialect, model_sql_shape<M>);
}

template <Model M>
std::string select_by_key_sql(const Dialect& dialect) {
  return select_by_key_sql(dialect, model_sql_shape<M>);
}

template <Model M>
std::string delete_sql(const Dialect& dialect) {
  return delete_sql(dialect, model_sql_shape<M>);
}

template <Model M>
std::string insert_sql(const Dialect& dialect, const ColumnMask<M>& included, bool returning_key) {
  return insert_sql(dialect, model_sql_shape<M>, included, returning_key);
}

template <Model M>
std::string update_sql(const Dialect& dialect, const ColumnMask<M>& changed) {
  return update_sql(dialect, model_sql_shape<M>, changed);
}

}  // namespace ormc::detail
