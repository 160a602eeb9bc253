// What the Mermaid and Graphviz diagrams share: the reference edges between tables with
// their cardinality and labels, and how a column's type and keys are shown.
#pragma once

#include <string>
#include <vector>

#include "model/schema.hpp"

namespace ormc::emit_detail {

//! One foreign key drawn as a line between two tables: the child holds the key, the parent
//! is referenced by it. Every foreign key of the schema is exactly one edge, so a relation
//! and its back() partner (which share a key) are drawn once.
struct ReferenceEdge {
  model::ModelId child = 0;
  model::ForeignKeyId foreign_key = 0;
  model::ModelId parent = 0;
  bool parent_optional = false;    //!< a key column is nullable: a child row may have no parent
  bool child_at_most_one = false;  //!< one-to-one: the key columns are unique in the child
  //! The relations using the key, parent side first ("posts / author"); the constraint
  //! name when no relation does.
  std::string label;
};

//! Every foreign key of `schema`, in declaration order (models, then their keys).
[[nodiscard]] std::vector<ReferenceEdge> reference_edges(const model::Schema& schema);

//! The type as written in .orm, with arguments: "int64", "string(80)", "decimal(10,2)",
//! or the enum's name.
[[nodiscard]] std::string column_type_text(const model::ColumnType& type,
                                           const model::Schema& schema);

struct ColumnKeys {
  bool primary = false;
  bool foreign = false;  //!< part of some foreign key
  bool unique = false;   //!< unique on its own (unique column, or a one-column unique index)
};
[[nodiscard]] ColumnKeys column_keys(const model::Model& model, model::ColumnId column);

}  // namespace ormc::emit_detail
