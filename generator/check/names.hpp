// Name rules shared by the checker: C++ and SQL keywords, identifier shape, SQL naming,
// and "did you mean" suggestions by edit distance.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "support/identifier_case.hpp"  // snake_case, pascal_case: the checker names with them

namespace ormc {

[[nodiscard]] bool is_cpp_keyword(std::string_view name);
//! Identifiers C++ reserves for the implementation: `__x` anywhere, `_X` at the start.
[[nodiscard]] bool is_cpp_reserved(std::string_view name);
//! Words PostgreSQL or SQLite reserve; such names are always quoted in generated SQL.
[[nodiscard]] bool is_sql_reserved(std::string_view name);
[[nodiscard]] bool is_ascii_identifier(std::string_view name);

//! A SQL identifier of at most 63 bytes (PostgreSQL's limit): longer names are cut and
//! end in a short hash of the whole name, so distinct long names stay distinct.
[[nodiscard]] std::string fit_sql_identifier(std::string name);

[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

//! The candidate closest to `name`, if close enough to be a plausible typo.
[[nodiscard]] std::optional<std::string> suggest(std::string_view name,
                                                 const std::vector<std::string>& candidates);

}  // namespace ormc
