// SELECT statements as SQL text (see ormc/query/select.hpp).
#include "ormc/query/select.hpp"

namespace ormc::detail {

RenderedStatement render_select(const SelectData& select, const Dialect& dialect) {
  SqlWriter w(dialect);
  w.text(select.distinct ? "SELECT DISTINCT " : "SELECT ");
  w.expression_list(select.columns);
  if (!select.from.empty()) {
    w.text(" FROM ");
    w.identifier_list(select.from);
  }
  if (!select.where.empty()) w.text(" WHERE ").expression(select.where);
  if (!select.group_by.empty()) w.text(" GROUP BY ").expression_list(select.group_by);
  if (!select.having.empty()) w.text(" HAVING ").expression(select.having);
  if (!select.order_by.empty()) w.text(" ORDER BY ").expression_list(select.order_by);
  if (select.limit) {
    w.text(" LIMIT ").bind(*select.limit);
  } else if (select.offset && dialect.kind() == DialectKind::sqlite) {
    w.text(" LIMIT -1");  // SQLite has no OFFSET without LIMIT; -1 is "no limit"
  }
  if (select.offset) w.text(" OFFSET ").bind(*select.offset);
  return std::move(w).finish();
}

}  // namespace ormc::detail
