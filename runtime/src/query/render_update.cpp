// UPDATE and DELETE statements as SQL text (see ormc/query/update.hpp and delete.hpp).
#include <string>

#include "ormc/error.hpp"
#include "ormc/query/delete.hpp"
#include "ormc/query/update.hpp"

namespace ormc::detail {
namespace {

//! WHERE, or nothing for all_rows(); an empty condition that did not say all_rows() is a
//! where() given an empty Condition, which must not silently touch every row.
void render_filter(SqlWriter& w, const ExprData& where, bool all_rows, std::string_view verb,
                   std::string_view table) {
  if (!where.empty()) {
    w.text(" WHERE ").expression(where);
    return;
  }
  if (!all_rows) {
    throw InvalidRequestError(std::string(verb) + " \"" + std::string(table) +
                              "\": where() was given an empty condition; say .all_rows() to " +
                              std::string(verb) + " every row");
  }
}

void render_returning(SqlWriter& w, const ExprData& returning, std::string_view verb,
                      std::string_view table) {
  if (returning.empty()) return;
  if (!w.dialect().supports_returning()) {
    throw InvalidRequestError(std::string(verb) + " \"" + std::string(table) +
                              "\": RETURNING is not supported by " +
                              std::string(w.dialect().name()));
  }
  w.text(" RETURNING ").expression_list(returning);
}

}  // namespace

RenderedStatement render_update(const UpdateData& update,
                                const std::vector<std::string_view>& automatic_columns,
                                const ExprData& automatic_values, const Dialect& dialect) {
  if (update.set_columns.empty()) {
    throw InvalidRequestError("update \"" + std::string(update.table) +
                              "\" sets no column: call set(column, value)");
  }
  SqlWriter w(dialect);
  w.text("UPDATE ").identifier(update.table).text(" SET ");
  std::size_t pos = 0;
  for (std::size_t i = 0; i < update.set_columns.size(); ++i) {
    if (i != 0) w.text(", ");
    w.identifier(update.set_columns[i]).text(" = ");
    pos = w.expression_at(update.set_values, pos);
  }
  pos = 0;
  for (std::string_view column : automatic_columns) {
    w.text(", ").identifier(column).text(" = ");
    pos = w.expression_at(automatic_values, pos);
  }
  render_filter(w, update.where, update.all_rows, "update", update.table);
  render_returning(w, update.returning, "update", update.table);
  return std::move(w).finish();
}

RenderedStatement render_delete(const DeleteData& remove, const Dialect& dialect) {
  SqlWriter w(dialect);
  w.text("DELETE FROM ").identifier(remove.table);
  render_filter(w, remove.where, remove.all_rows, "delete", remove.table);
  render_returning(w, remove.returning, "delete", remove.table);
  return std::move(w).finish();
}

}  // namespace ormc::detail
