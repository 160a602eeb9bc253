// The SQL functions, CASE, CAST and window functions of the expression layer (Op::round
// and after in ormc/expr/node.hpp), rendered per dialect; SqlWriter calls it for them.
#pragma once

#include <cstddef>

#include "ormc/expr/node.hpp"
#include "ormc/expr/sql_writer.hpp"

namespace ormc::detail {

//! Renders the function tree at data.nodes[pos] and moves pos past it. Every form it
//! writes is self-delimited (a call, CASE ... END, a parenthesised operation), so it needs
//! no parentheses from its context.
void render_function(SqlWriter& writer, const ExprData& data, std::size_t& pos);

}  // namespace ormc::detail
