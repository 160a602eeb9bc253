// Resolved schema expressions (checks, partial-index predicates) rendered as SQL.
#pragma once

#include <string>

#include "model/schema.hpp"

namespace ormc::ddl {

//! The few ways dialects spell the same expression.
struct SqlExprStyle {
  bool booleans_as_integers = false;  //!< SQLite: 1 / 0; PostgreSQL: TRUE / FALSE
  //! SQLite: decimal columns hold text (TEXT COLLATE ormc_decimal), so arithmetic on them
  //! calls ormc's functions (ormc_dec_add, ...) and comparisons of computed decimals
  //! ormc_dec_cmp; decimal defaults are text with the column's scale.
  bool decimal_functions = false;
};

//! `expr`, which belongs to `model`, as SQL: columns by their quoted SQL names, strings and
//! enum values single-quoted, operators in upper case (`<>` for `!=`). The author's
//! parentheses are kept and more are added wherever SQL's precedence (which differs between
//! SQLite and PostgreSQL for mixed comparisons) could read the tree differently.
[[nodiscard]] std::string render_sql_expr(const model::Expr& expr, const model::Model& model,
                                          const model::Schema& schema, SqlExprStyle style);

}  // namespace ormc::ddl
