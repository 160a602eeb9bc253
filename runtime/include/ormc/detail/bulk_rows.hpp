// Runtime primitives for bulk inserts of typed objects on PostgreSQL, for Core's
// Insert::copy() and the Session's flush of many new objects:
//   - copy_rows<M>(connection, objects, columns, format): the chosen columns of every object
//     by one COPY ... FROM STDIN (detail/copy_writer.hpp), values bound straight from the
//     members (no run-time Value per row), with the INSERT path's checks;
//   - reserve_keys<M>(connection, n): n values of M's identity sequence in one statement,
//     ascending, so that the caller can give new objects their keys before COPY (which
//     cannot return rows).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ormc/bind.hpp"
#include "ormc/connection.hpp"
#include "ormc/detail/copy_writer.hpp"
#include "ormc/detail/decimal_column.hpp"
#include "ormc/error.hpp"
#include "ormc/model.hpp"
#include "ormc/result.hpp"
#include "ormc/statement.hpp"

namespace ormc::detail {

//! The number of columns of M.
template <Model M>
[[nodiscard]] constexpr std::size_t bulk_column_count() {
  std::size_t n = 0;
  for_each_column<M>([&](const auto&) { ++n; });
  return n;
}

//! Writes `columns` (positions in M's column list, ascending) of every object of `rows`
//! into M's table by one COPY, in `format`; returns the rows copied. Every value is written
//! as it is (an autoincrement key too, so reserve it first; default(now) is not applied:
//! the caller sets what it wants); a decimal(p, s) value is fitted to its scale and refused
//! when it does not fit, and the values ormc refuses anywhere are refused, all before
//! anything is sent (DataError naming the row, the column and the table). In the open
//! transaction, else atomic on its own. PostgreSQL only: InvalidRequestError on SQLite.
template <Model M, typename Range>
std::int64_t copy_rows(Connection& connection, const Range& rows,
                       std::span<const std::size_t> columns,
                       CopyFormat format = CopyFormat::binary) {
  constexpr std::size_t count = bulk_column_count<M>();
  std::vector<char> selected(count, 0);
  std::vector<std::string_view> names;
  names.reserve(columns.size());
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] >= count || (i > 0 && columns[i] <= columns[i - 1])) {
      throw ArgumentError("copy_rows into \"" + std::string(model_traits<M>::table_name) +
                          "\": column positions must be ascending and below " +
                          std::to_string(count));
    }
    selected[columns[i]] = 1;
  }
  for_each_column<M>([&](const auto& column) {
    if (selected[std::remove_cvref_t<decltype(column)>::index] != 0) names.push_back(column.name);
  });
  CopyWriter writer(connection, model_traits<M>::table_name, names, format);
  for (const M& row : rows) {
    int position = 0;
    for_each_column<M>([&](const auto& column) {
      using C = std::remove_cvref_t<decltype(column)>;
      if (selected[C::index] == 0) return;
      ++position;
      if constexpr (is_decimal_column_v<C>) {
        typename C::value_type fitted = column.of(row);
        fit_column_value(column, fitted);
        bind_column(writer, position, fitted, true);
      } else {
        bind_column(writer, position, column.of(row), true);
      }
    });
    writer.end_row();
  }
  return writer.finish();
}

//! Every column of M, for copy_rows.
template <Model M>
[[nodiscard]] std::vector<std::size_t> all_columns() {
  std::vector<std::size_t> out(bulk_column_count<M>());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = i;
  return out;
}

//! The SQL of reserve_keys: one statement; the sequence is looked up once, in a subquery
//! of its own, not per row.
inline constexpr std::string_view reserve_keys_sql =
    "SELECT nextval(q.s) FROM (SELECT pg_get_serial_sequence($1, $2)::regclass AS s) q, "
    "generate_series(1, $3)";

//! `n` new values of the identity sequence of M's autoincrement column, ascending, in one
//! statement (nextval n times: each is M's own, whatever other sessions take meanwhile; a
//! rolled-back transaction leaves gaps, as any nextval does). PostgreSQL only:
//! InvalidRequestError on SQLite (its keys come from the rowid as the rows are inserted)
//! and for a model without an autoincrement key.
template <Model M>
[[nodiscard]] std::vector<std::int64_t> reserve_keys(Connection& connection, std::size_t n) {
  std::string_view key;
  for_each_column<M>([&](const auto& column) {
    if (column.flags.autoincrement) key = column.name;
  });
  const std::string table(model_traits<M>::table_name);
  if (key.empty()) {
    throw InvalidRequestError("reserve_keys: \"" + table + "\" has no autoincrement key");
  }
  if (connection.dialect().kind() != DialectKind::postgresql) {
    throw InvalidRequestError("reserve_keys on \"" + table +
                              "\": only PostgreSQL's identity sequences hand out keys before "
                              "the rows are inserted");
  }
  std::vector<std::int64_t> keys;
  if (n == 0) return keys;
  keys.reserve(n);
  std::string quoted = "\"";
  for (const char c : table) {
    quoted += c;
    if (c == '"') quoted += '"';
  }
  quoted += '"';
  Statement statement = connection.prepare(reserve_keys_sql);
  Result result =
      statement.bind(1, quoted).bind(2, key).bind(3, static_cast<std::int64_t>(n)).query();
  while (result.next()) keys.push_back(result.row().template get<std::int64_t>(0));
  std::sort(keys.begin(), keys.end());  // nextval's order within one statement, made sure
  return keys;
}

}  // namespace ormc::detail
