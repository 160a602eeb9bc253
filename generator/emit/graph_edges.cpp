// The reference edges of the ER diagrams, and column type/key display shared by both.
#include "emit/graph_edges.hpp"

#include <algorithm>
#include <map>
#include <utility>

namespace ormc::emit_detail {
namespace {

std::string join(const std::vector<std::string>& names, std::string_view separator) {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out += separator;
    out += name;
  }
  return out;
}

std::vector<model::ColumnId> sorted(std::vector<model::ColumnId> columns) {
  std::sort(columns.begin(), columns.end());
  return columns;
}

// True when no two rows of `model` can share the values of `columns`: they are the primary
// key, a unique index or constraint, or a single unique column.
bool columns_are_unique(const model::Model& model, const std::vector<model::ColumnId>& columns) {
  auto wanted = sorted(columns);
  if (wanted.size() == 1 && model.columns[wanted.front()].unique) return true;
  if (!model.primary_key.empty() && sorted(model.primary_key) == wanted) return true;
  for (const model::Index& index : model.indexes) {
    if (!index.unique || index.where) continue;
    std::vector<model::ColumnId> indexed;
    for (const model::IndexColumn& column : index.columns) indexed.push_back(column.column);
    if (sorted(std::move(indexed)) == wanted) return true;
  }
  return false;
}

// The relation names that travel one foreign key, by the side of the key they start from.
struct EdgeNames {
  std::vector<std::string> parent_side;
  std::vector<std::string> child_side;
  bool one_to_one = false;
};

}  // namespace

std::vector<ReferenceEdge> reference_edges(const model::Schema& schema) {
  using Key = std::pair<model::ModelId, model::ForeignKeyId>;
  std::map<Key, EdgeNames> names;
  for (const model::Model& model : schema.models) {
    for (const model::Relation& relation : model.relations) {
      EdgeNames& edge = names[{relation.fk_owner, relation.foreign_key}];
      // A relation starts at the parent unless its own model holds the key; a many-to-many
      // one starts at the parent of its local key in the association table.
      bool from_child =
          relation.kind != model::RelationKind::many_to_many && relation.owns_foreign_key;
      (from_child ? edge.child_side : edge.parent_side).push_back(relation.name);
      if (relation.kind == model::RelationKind::one_to_one) edge.one_to_one = true;
    }
  }

  std::vector<ReferenceEdge> edges;
  for (model::ModelId child = 0; child < schema.models.size(); ++child) {
    const model::Model& model = schema.models[child];
    for (model::ForeignKeyId id = 0; id < model.foreign_keys.size(); ++id) {
      const model::ForeignKey& key = model.foreign_keys[id];
      ReferenceEdge edge;
      edge.child = child;
      edge.foreign_key = id;
      edge.parent = key.target;
      edge.parent_optional = std::any_of(key.columns.begin(), key.columns.end(),
                                         [&](auto c) { return model.columns[c].nullable; });
      edge.child_at_most_one = columns_are_unique(model, key.columns);
      auto found = names.find({child, id});
      if (found == names.end()) {
        edge.label = key.name;
      } else {
        const EdgeNames& used_by = found->second;
        edge.child_at_most_one = edge.child_at_most_one || used_by.one_to_one;
        edge.label = join(used_by.parent_side, ", ");
        if (!used_by.parent_side.empty() && !used_by.child_side.empty()) edge.label += " / ";
        edge.label += join(used_by.child_side, ", ");
      }
      edges.push_back(std::move(edge));
    }
  }
  return edges;
}

std::string column_type_text(const model::ColumnType& type, const model::Schema& schema) {
  switch (type.kind) {
    case model::TypeKind::string: return "string(" + std::to_string(type.length) + ")";
    case model::TypeKind::decimal:
      return "decimal(" + std::to_string(type.precision) + "," + std::to_string(type.scale) + ")";
    case model::TypeKind::enumeration: return schema.enums[type.enum_id].name;
    default: return model::type_kind_name(type.kind);
  }
}

ColumnKeys column_keys(const model::Model& model, model::ColumnId column) {
  ColumnKeys keys;
  const model::Column& c = model.columns[column];
  keys.primary = c.primary_key;
  keys.unique =
      columns_are_unique(model, {column}) && !(keys.primary && model.primary_key.size() == 1);
  for (const model::ForeignKey& key : model.foreign_keys) {
    if (std::find(key.columns.begin(), key.columns.end(), column) != key.columns.end()) {
      keys.foreign = true;
    }
  }
  return keys;
}

}  // namespace ormc::emit_detail
