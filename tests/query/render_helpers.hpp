// Rendering helpers for the query tests: an expression or statement to (sql, values).
#pragma once

#include <string>
#include <utility>

#include "ormc/dialect.hpp"
#include "ormc/expr.hpp"

namespace testdb {

template <typename E>
ormc::RenderedStatement render_expr(E&& e, const ormc::Dialect& dialect = ormc::sqlite_dialect()) {
  ormc::detail::ExprData data;
  ormc::detail::append_expr(data, std::forward<E>(e));
  ormc::SqlWriter w(dialect);
  w.expression(data);
  return std::move(w).finish();
}

template <typename E>
std::string expr_sql(E&& e, const ormc::Dialect& dialect = ormc::sqlite_dialect()) {
  return render_expr(std::forward<E>(e), dialect).sql;
}

template <typename S>
std::string sql(const S& statement, const ormc::Dialect& dialect = ormc::sqlite_dialect()) {
  return statement.render(dialect).sql;
}

}  // namespace testdb
