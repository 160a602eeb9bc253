// Resolved expressions (model::Expr) printed back as .orm text, for dump and graph output.
#pragma once

#include <string>
#include <string_view>

#include "model/schema.hpp"
#include "support/schema_string.hpp"  // quote_schema_string, used with these

namespace ormc {

//! `expr`, which belongs to `model`, in .orm syntax: columns by name, enum values as
//! `Enum.value`, strings quoted, single spaces around operators, parentheses exactly where
//! the author wrote them. Parsing the text in `model` gives the same expression back.
[[nodiscard]] std::string expr_to_schema_text(const model::Expr& expr, const model::Model& model,
                                              const model::Schema& schema);

}  // namespace ormc
