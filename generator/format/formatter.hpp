// The canonical formatter behind `ormc fmt`: an ast::File printed back as .orm text.
#pragma once

#include <string>

#include "parse/ast.hpp"

namespace ormc {

//! Prints `file` in canonical layout (see format/formatter.cpp for the rules). Every comment
//! is kept, the text parses back to the same tree, and formatting the result changes nothing.
//! A file with no declarations and no comments prints as "".
[[nodiscard]] std::string format_file(const ast::File& file);

}  // namespace ormc
