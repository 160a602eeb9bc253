// The front door of parsing: .orm text -> ast::File, with syntax diagnostics.
// This folder is the only code in ormc that sees ANTLR types.
#pragma once

#include <optional>

#include "diag/diagnostic.hpp"
#include "diag/source.hpp"
#include "parse/ast.hpp"

namespace ormc {

//! Parses one file. Returns nullopt (after reporting why) when the text is not valid UTF-8,
//! holds NUL bytes, has lexical or syntax errors, or nests expressions too deeply; the
//! reported errors cover the whole file, not just the first problem.
[[nodiscard]] std::optional<ast::File> parse_file(const SourceManager& sources, FileId file,
                                                  DiagnosticEngine& diagnostics);

//! How deep parentheses and prefix operators may nest in one expression.
inline constexpr std::size_t max_expression_nesting = 100;
//! How deep an expression's operator tree may be (long `a and b and ...` chains).
inline constexpr std::size_t max_expression_tree_depth = 1000;

}  // namespace ormc
