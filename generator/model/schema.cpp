// Lookups and orderings over the resolved schema.
#include "model/schema.hpp"

#include <utility>

namespace ormc::model {

bool is_integer(TypeKind kind) {
  return kind == TypeKind::int16 || kind == TypeKind::int32 || kind == TypeKind::int64;
}

bool is_numeric(TypeKind kind) {
  return is_integer(kind) || kind == TypeKind::float32 || kind == TypeKind::float64 ||
         kind == TypeKind::decimal;
}

bool is_textual(TypeKind kind) { return kind == TypeKind::string || kind == TypeKind::text; }

bool is_temporal(TypeKind kind) {
  return kind == TypeKind::date || kind == TypeKind::time || kind == TypeKind::timestamp ||
         kind == TypeKind::timestamptz;
}

const char* type_kind_name(TypeKind kind) {
  switch (kind) {
    case TypeKind::boolean: return "bool";
    case TypeKind::int16: return "int16";
    case TypeKind::int32: return "int32";
    case TypeKind::int64: return "int64";
    case TypeKind::float32: return "float32";
    case TypeKind::float64: return "float64";
    case TypeKind::decimal: return "decimal";
    case TypeKind::string: return "string";
    case TypeKind::text: return "text";
    case TypeKind::bytes: return "bytes";
    case TypeKind::date: return "date";
    case TypeKind::time: return "time";
    case TypeKind::timestamp: return "timestamp";
    case TypeKind::timestamptz: return "timestamptz";
    case TypeKind::uuid: return "uuid";
    case TypeKind::json: return "json";
    case TypeKind::enumeration: return "enum";
  }
  return "?";
}

const char* action_name(ReferentialAction action) {
  switch (action) {
    case ReferentialAction::no_action: return "no_action";
    case ReferentialAction::restrict: return "restrict";
    case ReferentialAction::cascade: return "cascade";
    case ReferentialAction::set_null: return "set_null";
    case ReferentialAction::set_default: return "set_default";
  }
  return "?";
}

const char* relation_kind_name(RelationKind kind) {
  switch (kind) {
    case RelationKind::many_to_one: return "many_to_one";
    case RelationKind::one_to_many: return "one_to_many";
    case RelationKind::one_to_one: return "one_to_one";
    case RelationKind::many_to_many: return "many_to_many";
  }
  return "?";
}

const char* load_strategy_name(LoadStrategy strategy) {
  switch (strategy) {
    case LoadStrategy::lazy: return "lazy";
    case LoadStrategy::joined: return "joined";
    case LoadStrategy::selectin: return "selectin";
    case LoadStrategy::subquery: return "subquery";
    case LoadStrategy::raise: return "raise";
    case LoadStrategy::noload: return "noload";
  }
  return "?";
}

const Column* Model::find_column(std::string_view column_name) const {
  for (const Column& column : columns) {
    if (column.name == column_name) return &column;
  }
  return nullptr;
}

const Model* Schema::find_model(std::string_view name) const {
  for (const Model& model : models) {
    if (model.name == name) return &model;
  }
  return nullptr;
}

const Enum* Schema::find_enum(std::string_view name) const {
  for (const Enum& enumeration : enums) {
    if (enumeration.name == name) return &enumeration;
  }
  return nullptr;
}

std::vector<ModelId> Schema::dependency_order() const {
  // Depth-first post-order over foreign keys; a model on the current path (a cycle or a
  // self-reference) is skipped, so the order stays total and deterministic. An explicit
  // stack, not recursion: a chain of 100,000 foreign keys must not overflow the call stack.
  enum class Mark { none, active, done };
  std::vector<Mark> marks(models.size(), Mark::none);
  std::vector<ModelId> order;
  order.reserve(models.size());
  std::vector<std::pair<ModelId, std::size_t>> path;  // a model and its next foreign key
  for (ModelId start = 0; start < models.size(); ++start) {
    if (marks[start] != Mark::none) continue;
    marks[start] = Mark::active;
    path.emplace_back(start, 0);
    while (!path.empty()) {
      auto& [id, next] = path.back();
      if (next < models[id].foreign_keys.size()) {
        ModelId target = models[id].foreign_keys[next++].target;
        if (marks[target] == Mark::none) {
          marks[target] = Mark::active;
          path.emplace_back(target, 0);
        }
        continue;
      }
      marks[id] = Mark::done;
      order.push_back(id);
      path.pop_back();
    }
  }
  return order;
}

}  // namespace ormc::model
