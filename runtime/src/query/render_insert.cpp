// INSERT statements as SQL text, split into batches under the placeholder limit
// (see ormc/query/insert.hpp and upsert.hpp).
#include <string>

#include "ormc/error.hpp"
#include "ormc/query/insert.hpp"

namespace ormc::detail {
namespace {

void render_conflict(SqlWriter& w, const ConflictData& conflict) {
  if (conflict.action == ConflictData::Action::none) return;
  w.text(" ON CONFLICT");
  if (!conflict.target.empty()) {
    w.text(" (").identifier_list(conflict.target).text(")");
  }
  if (conflict.action == ConflictData::Action::nothing) {
    w.text(" DO NOTHING");
    return;
  }
  w.text(" DO UPDATE SET ");
  // Each set value is one tree; walk them in step with the column names.
  std::size_t pos = 0;
  for (std::size_t i = 0; i < conflict.set_columns.size(); ++i) {
    if (i != 0) w.text(", ");
    w.identifier(conflict.set_columns[i]).text(" = ");
    pos = w.expression_at(conflict.set_values, pos);
  }
}

void render_returning(SqlWriter& w, const ExprData& returning) {
  if (returning.empty()) return;
  w.text(" RETURNING ").expression_list(returning);
}

RenderedStatement render_default_values(const InsertData& insert, const Dialect& dialect) {
  SqlWriter w(dialect);
  w.text("INSERT INTO ").identifier(insert.table).text(" DEFAULT VALUES");
  render_conflict(w, insert.conflict);
  render_returning(w, insert.returning);
  return std::move(w).finish();
}

}  // namespace

std::vector<RenderedStatement> render_insert(const InsertData& insert, const Dialect& dialect,
                                             std::size_t max_parameters,
                                             std::vector<StatementObjects>* objects) {
  if (!insert.returning.empty() && !dialect.supports_returning()) {
    throw InvalidRequestError("insert into \"" + std::string(insert.table) +
                              "\": RETURNING is not supported by " + std::string(dialect.name()));
  }
  std::vector<RenderedStatement> out;
  const auto add = [&](RenderedStatement statement, StatementObjects taken) {
    out.push_back(std::move(statement));
    if (objects != nullptr) objects->push_back(taken);
  };
  if (insert.groups.empty()) {
    add(render_default_values(insert, dialect), {});
    return out;
  }
  const std::size_t fixed = insert.conflict.set_values.values.size();
  for (std::size_t g = 0; g < insert.groups.size(); ++g) {
    const InsertGroup& group = insert.groups[g];
    const std::size_t width = group.columns.size();
    const std::size_t rows = group.objects > 0 ? group.objects : group.rows.size();
    if (width == 0) {
      // Every column is left to the database: one DEFAULT VALUES statement per row.
      for (std::size_t i = 0; i < rows; ++i) {
        add(render_default_values(insert, dialect),
            {group.objects > 0 ? group.first_object + i : 0, group.objects > 0 ? 1U : 0U, 0, g});
      }
      continue;
    }
    std::size_t start = 0;
    while (start < rows) {
      std::size_t used = fixed;
      std::size_t end = start;
      while (end < rows) {
        const std::size_t need = group.objects > 0 ? width : group.rows[end].values.size();
        if (end > start && max_parameters != 0 && used + need > max_parameters) break;
        used += need;
        ++end;
      }
      SqlWriter w(dialect);
      w.text("INSERT INTO ").identifier(insert.table).text(" (");
      w.identifier_list(group.columns).text(") VALUES ");
      for (std::size_t r = start; r < end; ++r) {
        if (r != start) w.text(", ");
        w.text("(");
        if (group.objects > 0) {
          w.unbound_placeholders(width);
        } else {
          w.expression_list(group.rows[r]);
        }
        w.text(")");
      }
      render_conflict(w, insert.conflict);
      render_returning(w, insert.returning);
      StatementObjects taken;
      if (group.objects > 0) taken = {group.first_object + start, end - start, width, g};
      add(std::move(w).finish(), taken);
      start = end;
    }
  }
  return out;
}

RenderedStatement single_statement(std::vector<RenderedStatement> statements,
                                   std::string_view table) {
  if (statements.size() != 1) {
    throw InvalidRequestError("insert into \"" + std::string(table) + "\" needs " +
                              std::to_string(statements.size()) +
                              " statements (its rows set different columns): use "
                              "render_batches()");
  }
  return std::move(statements.front());
}

}  // namespace ormc::detail
