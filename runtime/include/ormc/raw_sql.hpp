// Raw SQL with named binds (SQLAlchemy's text("... :age")): the parameter list users write,
// and the translation of `:name` into the dialect's numbered placeholders.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ormc/value.hpp"

namespace ormc {

class Dialect;

//! One `:name` value: `{"age", 25}`. Value converts from bool, integers, double, strings,
//! Bytes, Decimal, Date, Time, Timestamp, Uuid, Json; ormc::to_value() (bind.hpp) converts
//! enums and optionals.
struct NamedParam {
  std::string name;
  Value value;
};

//! `conn.query<Row>(sql, {{"age", 25}, {"name", "alice"}})`
using Params = std::vector<NamedParam>;

//! SQL whose `:name` binds were replaced by placeholders.
struct TranslatedSql {
  std::string sql;
  //! names[i] is bound to placeholder i + 1; a name written twice has one placeholder.
  std::vector<std::string> names;
};

//! Replaces each `:name` (a letter or '_' then letters, digits, '_') with the dialect's
//! placeholder, the same number for every occurrence of a name. Leaves alone what is
//! inside '...' strings, "..." identifiers, -- and /* */ comments, and `::` casts.
[[nodiscard]] TranslatedSql translate_named_binds(std::string_view sql, const Dialect& dialect);

//! The values of `params` in placeholder order (pointers into `params`). Throws ArgumentError
//! listing the names the SQL uses but `params` lacks, and the names `params` has but the SQL does
//! not use.
[[nodiscard]] std::vector<const Value*> order_params(const TranslatedSql& translated,
                                                     const Params& params, std::string_view sql);

}  // namespace ormc
