// `ormc graph`: the schema as an entity-relationship diagram, in Mermaid or Graphviz form.
#pragma once

#include <ostream>

#include "model/schema.hpp"

namespace ormc {

//! A Mermaid `erDiagram`: one entity per table (columns with PK/FK/UK markers), one
//! crow's-foot line per foreign key, labelled with the relations that use it ("posts /
//! author") or, when no relation does, with the constraint name.
void write_mermaid(std::ostream& out, const model::Schema& schema);

//! A Graphviz digraph: one HTML-table node per table (a row per column) and one edge per
//! foreign key, from the referencing column to the referenced one, in crow's-foot notation.
void write_dot(std::ostream& out, const model::Schema& schema);

}  // namespace ormc
