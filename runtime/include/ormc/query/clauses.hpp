// Helpers the statement builders share: the column list of a whole model, a RETURNING list, and the
// compile-time checks of a where() argument.
#pragma once

#include <cstddef>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "ormc/dialect.hpp"
#include "ormc/expr/expression.hpp"
#include "ormc/model.hpp"

namespace ormc::detail {

//! "t"."a", "t"."b", ... for every column of M, in column order.
template <Model M>
void append_all_columns(ExprData& out) {
  const std::string_view table(model_traits<M>::table_name);
  for_each_column<M>([&](const auto& column) { out.add_column(table, column.name); });
}

template <typename... Es>
ExprData expression_list(Es&&... es) {
  ExprData out;
  (append_expr(out, std::forward<Es>(es)), ...);
  return out;
}

//! The row type of a list of selected or returned expressions.
template <typename... Es>
using row_type_t = std::tuple<expr_value_t<Es>...>;

//! A where() or having() argument: a boolean expression over the statement's models,
//! without a window function.
template <typename E, typename Models>
inline constexpr bool filter_ok_v = [] {
  if constexpr (Expression<E>) {
    return boolean_v<expr_value_t<E>> && list_subset_v<expr_models_t<E>, Models>;
  } else {
    return false;
  }
}();

template <typename E, typename Models>
void diagnose_filter() {
  static_assert(Expression<E>,
                "ormc: where() and having() take a condition (a comparison, like(), in_(), "
                "a Condition, ...)");
  if constexpr (Expression<E>) {
    static_assert(boolean_v<expr_value_t<E>>,
                  "ormc: where() and having() take a boolean condition, not a value");
    static_assert(!has_window_v<expr_models_t<E>>,
                  "ormc: where() and having() cannot hold a window function (SQL computes "
                  "windows after WHERE, GROUP BY and HAVING): select it, labelled, in a "
                  "subquery or CTE and filter that: select(..., rn.as(\"rn\"))"
                  ".subquery<\"s\">(), then select_from(s).where(s.col<I>() <= 3)");
    if constexpr (!has_window_v<expr_models_t<E>>) {
      static_assert(list_subset_v<expr_models_t<E>, Models>,
                    "ormc: this condition reads a model the statement does not read from");
    }
  }
}

template <typename E, typename Models>
ExprData filter_data(E&& e) {
  ExprData out;
  if constexpr (filter_ok_v<E, Models>)
    append_expr(out, std::forward<E>(e));
  else
    diagnose_filter<E, Models>();
  return out;
}

//! A RETURNING list over the columns of M; its row type is row_type_t<Es...>.
template <typename M, typename... Es>
ExprData returning_data(Es&&... es) {
  static_assert(sizeof...(Es) > 0, "ormc: returning() needs at least one column or expression");
  static_assert((list_subset_v<expr_models_t<Es>, model_list<M>> && ...),
                "ormc: returning() may only read the columns of the statement's model");
  return expression_list(std::forward<Es>(es)...);
}

//! Placeholders per multi-row INSERT: PostgreSQL's protocol limit (65535); for SQLite not
//! its limit (32766 since 3.32) but 999, because SQLite compiles a VALUES list in time that
//! grows faster than its length: 100k rows took 27x the raw sqlite3 loop in statements of
//! 32766 placeholders and 1.8x in statements of 999 (docs/perf.md).
[[nodiscard]] inline std::size_t max_parameters(const Dialect& dialect) {
  return dialect.kind() == DialectKind::sqlite ? 999 : 65535;
}

}  // namespace ormc::detail
