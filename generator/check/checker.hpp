// The checker's entry point: parsed files -> a resolved model::Schema, or diagnostics.
#pragma once

#include <optional>
#include <vector>

#include "diag/diagnostic.hpp"
#include "model/schema.hpp"
#include "parse/ast.hpp"

namespace ormc {

//! Resolves and validates `files` (already parsed, imports first or in any order: names
//! are global across them). Returns the schema when no errors were reported; warnings do
//! not prevent it. Every problem found is reported, not just the first.
[[nodiscard]] std::optional<model::Schema> check_schema(const std::vector<const ast::File*>& files,
                                                        const SourceManager& sources,
                                                        DiagnosticEngine& diagnostics);

}  // namespace ormc
