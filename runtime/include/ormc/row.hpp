// Row: the current row of a Result, read by column index into typed values, models and
// tuples; visit() hands the backend's concrete reader to code that reads many values.
#pragma once

#include <string_view>
#include <tuple>
#include <utility>

#include "ormc/column_type.hpp"
#include "ormc/config.hpp"
#include "ormc/detail/sqlite/row_reader.hpp"
#include "ormc/dialect.hpp"
#include "ormc/hydrate.hpp"
#include "ormc/model.hpp"
#if ORMC_WITH_POSTGRESQL
#include "ormc/detail/postgres/row_reader.hpp"
#endif

namespace ormc {

//! A view valid until its Result moves to the next row or is destroyed. Not thread-safe.
class Row {
 public:
  Row() = default;
  Row(DialectKind backend, void* handle) : backend_(backend), handle_(handle) {}

  //! Calls f(reader) with the backend's row reader (sqlite::RowReader or
  //! postgres::RowReader). This is the one run-time dispatch: everything f does with the
  //! reader is a direct call, so a whole result set is read after one switch.
  template <typename F>
  decltype(auto) visit(F&& f) const {
#if ORMC_WITH_POSTGRESQL
    if (backend_ == DialectKind::postgresql) {
      const postgres::RowReader reader(static_cast<postgres::PgStatement*>(handle_));
      return std::forward<F>(f)(reader);
    }
#endif
    if (backend_ != DialectKind::sqlite) detail::throw_backend_not_built(backend_);
    const sqlite::RowReader reader(static_cast<sqlite3_stmt*>(handle_));
    return std::forward<F>(f)(reader);
  }

  //! Column `column` (0-based) as T; NULL needs std::optional<T> (or Value).
  template <ColumnType T>
  [[nodiscard]] T get(int column) const {
    T value{};
    visit([&](const auto& reader) { read_column(reader, column, value); });
    return value;
  }

  [[nodiscard]] int column_count() const;
  [[nodiscard]] std::string_view column_name(int column) const;

 private:
  DialectKind backend_ = DialectKind::sqlite;
  void* handle_ = nullptr;
};

//! Reads M's columns, in model order, from columns first_column, first_column + 1, ...:
//! what the ORM uses for the statements it generates (whole models, joined models).
template <Model M>
void read_row(const Row& row, M& out, int first_column = 0) {
  row.visit([&](const auto& reader) { read_model(reader, out, first_column); });
}

//! Reads the tuple's elements from columns first_column, first_column + 1, ...
template <typename... Ts>
void read_row(const Row& row, std::tuple<Ts...>& out, int first_column = 0) {
  row.visit([&](const auto& reader) { read_tuple(reader, out, first_column); });
}

}  // namespace ormc
