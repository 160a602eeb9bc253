// Lookups and orderings over the resolved schema.
#include "model/schema.hpp"

#include <algorithm>
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

namespace {

// Whether a foreign key can be left NULL at insert and set by a second UPDATE (the
// runtime's post_update): every column nullable.
bool nullable_key(const Model& model, const ForeignKey& key) {
  for (ColumnId id : key.columns) {
    if (!model.columns.at(id).nullable) return false;
  }
  return true;
}

// The models of one cycle (a strongly connected component, ids ascending), ordered by
// their NOT NULL foreign keys inside it: the nullable ones are those a flush breaks with a
// second UPDATE, so a model whose key to another member may be NULL can come first.
void order_cycle(const std::vector<Model>& models, std::vector<ModelId> members,
                 std::vector<ModelId>& order) {
  std::sort(members.begin(), members.end());
  auto member = [&](ModelId id) { return std::binary_search(members.begin(), members.end(), id); };
  std::vector<ModelId> done;
  std::vector<ModelId> active;
  std::vector<std::pair<ModelId, std::size_t>> path;
  auto seen = [&](ModelId id) {
    return std::find(done.begin(), done.end(), id) != done.end() ||
           std::find(active.begin(), active.end(), id) != active.end();
  };
  for (ModelId start : members) {
    if (seen(start)) continue;
    active.push_back(start);
    path.emplace_back(start, 0);
    while (!path.empty()) {
      auto& [id, next] = path.back();
      const Model& model = models[id];
      if (next < model.foreign_keys.size()) {
        const ForeignKey& key = model.foreign_keys[next++];
        if (member(key.target) && !nullable_key(model, key) && !seen(key.target)) {
          active.push_back(key.target);
          path.emplace_back(key.target, 0);
        }
        continue;
      }
      done.push_back(id);
      order.push_back(id);
      path.pop_back();
    }
  }
}

}  // namespace

std::vector<ModelId> Schema::dependency_order() const {
  // Tarjan's strongly connected components over foreign keys, iteratively (a chain of
  // 100,000 foreign keys must not overflow the call stack). Components come out
  // referenced-first; without cycles that is the depth-first post-order in declaration
  // order. The models of a cycle are ordered by order_cycle (self-references need nothing).
  constexpr auto unvisited = static_cast<std::size_t>(-1);
  std::vector<std::size_t> index(models.size(), unvisited);
  std::vector<std::size_t> low(models.size(), 0);
  std::vector<bool> on_stack(models.size(), false);
  std::vector<ModelId> stack;
  std::vector<ModelId> order;
  order.reserve(models.size());
  std::size_t counter = 0;
  std::vector<std::pair<ModelId, std::size_t>> path;  // a model and its next foreign key
  auto enter = [&](ModelId id) {
    index[id] = low[id] = counter++;
    stack.push_back(id);
    on_stack[id] = true;
    path.emplace_back(id, 0);
  };
  for (ModelId start = 0; start < models.size(); ++start) {
    if (index[start] != unvisited) continue;
    enter(start);
    while (!path.empty()) {
      const ModelId id = path.back().first;
      std::size_t& next = path.back().second;
      if (next < models[id].foreign_keys.size()) {
        const ModelId target = models[id].foreign_keys[next++].target;
        if (index[target] == unvisited) {
          enter(target);
        } else if (on_stack[target]) {
          low[id] = std::min(low[id], index[target]);
        }
        continue;
      }
      path.pop_back();
      if (!path.empty()) low[path.back().first] = std::min(low[path.back().first], low[id]);
      if (low[id] != index[id]) continue;
      std::vector<ModelId> component;
      ModelId member = 0;
      do {
        member = stack.back();
        stack.pop_back();
        on_stack[member] = false;
        component.push_back(member);
      } while (member != id);
      if (component.size() == 1) {
        order.push_back(id);
      } else {
        order_cycle(models, std::move(component), order);
      }
    }
  }
  return order;
}

}  // namespace ormc::model
