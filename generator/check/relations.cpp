// Pass 4: relations. Each relation is tied to the one foreign key that implements it:
//   - through(t): many-to-many over association table t (by(...) picks t's columns that
//     point at this model when there are several);
//   - by(cols): to-one, cols are this model's foreign key (or, for the side of a one-to-one
//     without the key, the target's); on a collection, cols are the target's foreign key;
//   - neither: the single foreign key between the two models in the direction the
//     cardinality implies, or the one the back(...) partner uses.
// Explicit relations resolve first so that their partners can follow them.
#include <algorithm>

#include "check/names.hpp"
#include "check/schema_checker.hpp"

namespace ormc::check_detail {
namespace {

bool same_columns(std::vector<model::ColumnId> a, std::vector<model::ColumnId> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

}  // namespace

std::vector<model::ForeignKeyId> SchemaChecker::foreign_keys_between(model::ModelId owner,
                                                                     model::ModelId target) const {
  std::vector<model::ForeignKeyId> result;
  const auto& keys = schema_.models[owner].foreign_keys;
  for (model::ForeignKeyId key = 0; key < keys.size(); ++key) {
    if (keys[key].target == target) result.push_back(key);
  }
  return result;
}

std::string SchemaChecker::describe_foreign_key(model::ModelId owner,
                                                model::ForeignKeyId key) const {
  const model::Model& model = schema_.models[owner];
  const model::ForeignKey& fk = model.foreign_keys[key];
  std::string columns;
  for (model::ColumnId column : fk.columns) {
    columns += (columns.empty() ? "" : ", ") + model.columns[column].name;
  }
  return model.name + "(" + columns + ") -> " + schema_.models[fk.target].name;
}

bool SchemaChecker::resolve_relation_target(model::ModelId id, model::RelationId relation_id) {
  model::Relation& relation = schema_.models[id].relations[relation_id];
  const ast::Relation& node = *syntax_[id].relations[relation_id];
  auto symbol = symbols_.find(node.target.text);
  if (symbol == symbols_.end()) {
    report_unknown_model(node.target, false);
    return false;
  }
  if (symbol->second.kind != Symbol::Kind::model) {
    bool table = symbol->second.kind == Symbol::Kind::table;
    diagnostics_
        .report(DiagCode::relation_target, node.target.span,
                "relation '" + relation.name + "' must point at a model, but '" + node.target.text +
                    "' is " + (table ? "a plain table" : "an enum") +
                    (table ? "; to join through it, point at the model on its far side and "
                             "add through(" +
                                 node.target.text + ")"
                           : std::string()))
        .note(symbol->second.span, "'" + node.target.text + "' declared here");
    return false;
  }
  relation.target = symbol->second.id;
  return true;
}

const model::Relation* SchemaChecker::partner_of(model::ModelId id,
                                                 model::RelationId relation_id) const {
  const ast::Attribute* back = syntax_[id].relation_attributes[relation_id].find("back");
  if (back == nullptr) return nullptr;
  const ast::Expr& argument = *back->args[0];
  if (argument.kind != ast::ExprKind::name || argument.path.size() != 1) return nullptr;
  model::ModelId target = schema_.models[id].relations[relation_id].target;
  const auto& candidates = schema_.models[target].relations;
  for (model::RelationId other = 0; other < candidates.size(); ++other) {
    if (candidates[other].name == argument.path[0].text &&
        syntax_[target].relation_state[other] == RelationState::resolved &&
        candidates[other].target == id) {
      return &candidates[other];
    }
  }
  return nullptr;
}

void SchemaChecker::resolve_relations() {
  for (model::ModelId id = 0; id < schema_.models.size(); ++id) {
    for (model::RelationId r = 0; r < schema_.models[id].relations.size(); ++r) {
      if (!resolve_relation_target(id, r)) syntax_[id].relation_state[r] = RelationState::failed;
    }
  }
  // Explicit by(...) first, then everything else (which may follow a resolved partner).
  for (int phase = 0; phase < 2; ++phase) {
    for (model::ModelId id = 0; id < schema_.models.size(); ++id) {
      for (model::RelationId r = 0; r < schema_.models[id].relations.size(); ++r) {
        auto& state = syntax_[id].relation_state[r];
        if (state != RelationState::pending) continue;
        bool explicit_by = syntax_[id].relation_attributes[r].has("by");
        if (phase == 0 && !explicit_by) continue;
        state =
            resolve_relation(id, r, phase == 1) ? RelationState::resolved : RelationState::failed;
      }
    }
  }
  link_back_relations();
  for (model::ModelId id = 0; id < schema_.models.size(); ++id) {
    for (model::RelationId r = 0; r < schema_.models[id].relations.size(); ++r) {
      resolve_cascade_and_load(id, r);
    }
  }
}

bool SchemaChecker::resolve_relation(model::ModelId id, model::RelationId relation_id,
                                     bool use_partner) {
  model::Relation& relation = schema_.models[id].relations[relation_id];
  const AttributeMap& attributes = syntax_[id].relation_attributes[relation_id];
  if (attributes.has("through")) {
    if (use_partner && !attributes.has("by")) {
      const model::Relation* partner = partner_of(id, relation_id);
      if (partner != nullptr && partner->kind == model::RelationKind::many_to_many) {
        if (!relation.many) return resolve_through(id, relation, attributes);  // reports it
        relation.kind = model::RelationKind::many_to_many;
        relation.through = partner->through;
        relation.through_local = partner->through_remote;
        relation.through_remote = partner->through_local;
        relation.fk_owner = *partner->through;
        relation.foreign_key = relation.through_local;
        return true;
      }
    }
    return resolve_through(id, relation, attributes);
  }
  bool ok = false;
  if (const ast::Attribute* by = attributes.find("by")) {
    ok = resolve_by(id, relation, *by);
  } else if (use_partner && partner_of(id, relation_id) != nullptr) {
    ok = resolve_from_partner(id, relation);
  } else {
    ok = infer_foreign_key(id, relation);
  }
  return ok && finish_relation(relation);
}

bool SchemaChecker::resolve_by(model::ModelId id, model::Relation& relation,
                               const ast::Attribute& by) {
  std::vector<ast::Name> names;
  for (const ast::ExprPtr& argument : by.args) {
    auto name = name_argument(*argument, diagnostics_, "by");
    if (!name) return false;
    names.push_back(*name);
  }
  const model::Model& model = schema_.models[id];
  const model::Model& target = schema_.models[relation.target];
  auto on = [&](const model::Model& m) {
    return std::all_of(names.begin(), names.end(),
                       [&](const ast::Name& n) { return m.find_column(n.text) != nullptr; });
  };
  // To-one: the key is normally ours; a collection's key is the target's.
  model::ModelId owner = id;
  if (relation.many || (!on(model) && on(target))) owner = relation.target;
  if (relation.many && on(model) && !on(target) && id != relation.target) {
    diagnostics_.report(DiagCode::relation_cardinality, relation.span,
                        "relation '" + relation.name +
                            "' is a collection, but by(...) names "
                            "columns of '" +
                            model.name + "', so each row has one " + target.name + "; write -> " +
                            target.name + " or " + target.name + "?");
    return false;
  }
  auto columns = find_columns(owner, names);
  if (!columns) return false;
  const model::Model& owner_model = schema_.models[owner];
  model::ModelId other = owner == id ? relation.target : id;
  for (model::ForeignKeyId key = 0; key < owner_model.foreign_keys.size(); ++key) {
    const model::ForeignKey& fk = owner_model.foreign_keys[key];
    if (!same_columns(fk.columns, *columns)) continue;
    if (fk.target != other) {
      diagnostics_.report(DiagCode::relation_by_mismatch, by.span,
                          "by(...) names the foreign key " + describe_foreign_key(owner, key) +
                              ", which does not point at '" + schema_.models[other].name + "'");
      return false;
    }
    relation.fk_owner = owner;
    relation.foreign_key = key;
    relation.owns_foreign_key = owner == id && !relation.many;
    return true;
  }
  const auto& broken = syntax_[owner].broken_key_columns;
  if (std::any_of(columns->begin(), columns->end(), [&](model::ColumnId c) {
        return std::find(broken.begin(), broken.end(), c) != broken.end();
      })) {
    return false;  // their foreign key was rejected, and that is already reported
  }
  std::string list;
  for (const ast::Name& name : names) list += (list.empty() ? "" : ", ") + name.text;
  diagnostics_.report(DiagCode::relation_by_mismatch, by.span,
                      "by(" + list + ") must name a foreign key of '" + owner_model.name +
                          "' to '" + schema_.models[other].name +
                          "', but no foreign key has "
                          "exactly these columns; add references(" +
                          schema_.models[other].name + ".id) to " + names.front().text);
  return false;
}

bool SchemaChecker::infer_foreign_key(model::ModelId id, model::Relation& relation) {
  const model::Model& model = schema_.models[id];
  const model::Model& target = schema_.models[relation.target];
  std::vector<model::ForeignKeyId> own;
  if (!relation.many) own = foreign_keys_between(id, relation.target);
  std::vector<model::ForeignKeyId> theirs = foreign_keys_between(relation.target, id);
  model::ModelId owner = own.empty() ? relation.target : id;
  const auto& candidates = own.empty() ? theirs : own;
  if (candidates.size() == 1) {
    relation.fk_owner = owner;
    relation.foreign_key = candidates.front();
    relation.owns_foreign_key = owner == id && !own.empty();
    return true;
  }
  if (candidates.empty()) {
    if (has_broken_key_to(id, relation.target) || has_broken_key_to(relation.target, id)) {
      return false;  // the key it needs was probably rejected, and that is reported
    }
    std::string snake = snake_case(model.name);
    diagnostics_.report(
        DiagCode::relation_no_foreign_key, relation.span,
        relation.many
            ? "no foreign key from '" + target.name + "' to '" + model.name + "' for relation '" +
                  relation.name + "'; add `" + snake + "_id int64 references(" + model.name +
                  ".id);` to " + target.name + ", or use through(table) for many-to-many"
            : "no foreign key joins '" + model.name + "' and '" + target.name + "' for relation '" +
                  relation.name + "'; add `" + snake_case(target.name) + "_id int64 references(" +
                  target.name + ".id);` to " + model.name);
    return false;
  }
  auto builder = diagnostics_.report(DiagCode::relation_ambiguous, relation.span,
                                     "relation '" + relation.name +
                                         "' is ambiguous: " + std::to_string(candidates.size()) +
                                         " foreign keys join '" + model.name + "' and '" +
                                         target.name + "'; say which with by(...)");
  for (model::ForeignKeyId key : candidates) {
    builder.note(schema_.models[owner].foreign_keys[key].span,
                 "candidate " + describe_foreign_key(owner, key));
  }
  return false;
}

bool SchemaChecker::resolve_from_partner(model::ModelId id, model::Relation& relation) {
  auto self = static_cast<model::RelationId>(&relation - schema_.models[id].relations.data());
  const model::Relation& partner = *partner_of(id, self);
  if (partner.kind == model::RelationKind::many_to_many) {
    diagnostics_.report(DiagCode::relation_cardinality, relation.span,
                        "relation '" + relation.name +
                            "' pairs with a many-to-many relation; "
                            "give it through(" +
                            schema_.models[*partner.through].name + ") too");
    return false;
  }
  relation.fk_owner = partner.fk_owner;
  relation.foreign_key = partner.foreign_key;
  relation.owns_foreign_key = !partner.owns_foreign_key;
  return true;
}

bool SchemaChecker::resolve_through(model::ModelId id, model::Relation& relation,
                                    const AttributeMap& attributes) {
  const ast::Attribute& through = *attributes.find("through");
  auto name = name_argument(*through.args[0], diagnostics_, "through");
  if (!name) return false;
  auto symbol = symbols_.find(name->text);
  if (symbol == symbols_.end() || symbol->second.kind == Symbol::Kind::enumeration) {
    auto suggestion = suggest(name->text, symbol_names(true, true, false));
    std::string message = "unknown table '" + name->text + "' in through(...)";
    if (suggestion) message += "; did you mean '" + *suggestion + "'?";
    auto builder = diagnostics_.report(DiagCode::unknown_table, name->span, message);
    if (suggestion) builder.fixit(*suggestion);
    return false;
  }
  model::ModelId table = symbol->second.id;
  const model::Model& model = schema_.models[id];
  const model::Model& association = schema_.models[table];
  if (table == id || table == relation.target) {
    diagnostics_.report(DiagCode::through_table_invalid, name->span,
                        "through(...) names an association table between '" + model.name +
                            "' and '" + schema_.models[relation.target].name +
                            "', not one of them");
    return false;
  }
  if (!relation.many) {
    diagnostics_.report(DiagCode::relation_cardinality, relation.span,
                        "a relation through(" + name->text + ") is a collection; write -> " +
                            schema_.models[relation.target].name + "[]");
    return false;
  }
  std::vector<model::ForeignKeyId> local = foreign_keys_between(table, id);
  if (const ast::Attribute* by = attributes.find("by")) {
    std::vector<ast::Name> names;
    for (const ast::ExprPtr& argument : by->args) {
      auto column = name_argument(*argument, diagnostics_, "by");
      if (!column) return false;
      names.push_back(*column);
    }
    auto columns = find_columns(table, names);
    if (!columns) return false;
    std::erase_if(local, [&](model::ForeignKeyId key) {
      return !same_columns(association.foreign_keys[key].columns, *columns);
    });
    if (local.empty()) {
      diagnostics_.report(DiagCode::relation_by_mismatch, by->span,
                          "by(...) must name the columns of '" + association.name +
                              "' that reference '" + model.name + "'");
      return false;
    }
  }
  bool keys_broken = has_broken_key_to(table, id) || has_broken_key_to(table, relation.target);
  if (local.empty()) {
    if (keys_broken) return false;
    diagnostics_.report(DiagCode::through_table_invalid, name->span,
                        "'" + association.name + "' has no foreign key to '" + model.name +
                            "', so it cannot join '" + model.name + "' to '" +
                            schema_.models[relation.target].name + "'");
    return false;
  }
  if (local.size() > 1) {
    auto builder = diagnostics_.report(DiagCode::relation_ambiguous, relation.span,
                                       "'" + association.name + "' has " +
                                           std::to_string(local.size()) + " foreign keys to '" +
                                           model.name + "'; say which is this side with by(...)");
    for (model::ForeignKeyId key : local) {
      builder.note(association.foreign_keys[key].span,
                   "candidate " + describe_foreign_key(table, key));
    }
    return false;
  }
  std::vector<model::ForeignKeyId> remote = foreign_keys_between(table, relation.target);
  std::erase(remote, local.front());
  if (remote.empty() && keys_broken) return false;
  if (remote.size() != 1) {
    diagnostics_.report(
        remote.empty() ? DiagCode::through_table_invalid : DiagCode::relation_ambiguous, name->span,
        remote.empty() ? "'" + association.name + "' has no foreign key to '" +
                             schema_.models[relation.target].name + "'"
                       : "'" + association.name + "' has several foreign keys to '" +
                             schema_.models[relation.target].name +
                             "'; name this side's columns with by(...)");
    return false;
  }
  relation.kind = model::RelationKind::many_to_many;
  relation.through = table;
  relation.through_local = local.front();
  relation.through_remote = remote.front();
  relation.fk_owner = table;
  relation.foreign_key = local.front();
  return true;
}

bool SchemaChecker::finish_relation(model::Relation& relation) {
  const model::Model& owner = schema_.models[relation.fk_owner];
  const model::ForeignKey& key = owner.foreign_keys[relation.foreign_key];
  const std::string target_name = schema_.models[relation.target].name;
  if (relation.owns_foreign_key) {
    if (relation.many) {
      diagnostics_.report(DiagCode::relation_cardinality, relation.span,
                          "relation '" + relation.name +
                              "' is a collection, but its foreign key "
                              "is on '" +
                              owner.name + "', so each row has one " + target_name + "; write -> " +
                              target_name + " or " + target_name + "?");
      return false;
    }
    relation.kind = is_key(owner, key.columns) ? model::RelationKind::one_to_one
                                               : model::RelationKind::many_to_one;
    bool any_nullable = std::any_of(key.columns.begin(), key.columns.end(),
                                    [&](auto c) { return owner.columns[c].nullable; });
    if (!relation.optional && any_nullable) {
      diagnostics_.report(DiagCode::relation_nullability, relation.span,
                          "relation '" + relation.name + "' is required, but its foreign key " +
                              describe_foreign_key(relation.fk_owner, relation.foreign_key) +
                              " is nullable; write -> " + target_name +
                              "? or make the column non-nullable");
      return false;
    }
    if (relation.optional && !any_nullable) {
      diagnostics_.report(DiagCode::optional_relation_non_null, relation.span,
                          "relation '" + relation.name + "' is optional, but its foreign key " +
                              describe_foreign_key(relation.fk_owner, relation.foreign_key) +
                              " is never null; write -> " + target_name);
    }
    return true;
  }
  if (relation.many) {
    relation.kind = model::RelationKind::one_to_many;
    return true;
  }
  relation.kind = model::RelationKind::one_to_one;
  if (!relation.optional) {
    diagnostics_.report(DiagCode::relation_nullability, relation.span,
                        "relation '" + relation.name + "' must be optional: the foreign key " +
                            describe_foreign_key(relation.fk_owner, relation.foreign_key) +
                            " is on the other side, so a row may have no " + target_name +
                            "; write -> " + target_name + "?");
    return false;
  }
  if (!is_key(owner, key.columns)) {
    diagnostics_.report(DiagCode::one_to_one_not_unique, relation.span,
                        "relation '" + relation.name + "' is one-to-one, but " +
                            describe_foreign_key(relation.fk_owner, relation.foreign_key) +
                            " is not unique, so several rows could match; mark it unique");
  }
  return true;
}

void SchemaChecker::link_back_relations() {
  for (model::ModelId id = 0; id < schema_.models.size(); ++id) {
    auto& relations = schema_.models[id].relations;
    for (model::RelationId r = 0; r < relations.size(); ++r) {
      const ast::Attribute* back = syntax_[id].relation_attributes[r].find("back");
      if (back == nullptr || syntax_[id].relation_state[r] == RelationState::failed) continue;
      auto name = name_argument(*back->args[0], diagnostics_, "back");
      if (!name) continue;
      model::Relation& relation = relations[r];
      const model::Model& target = schema_.models[relation.target];
      std::vector<std::string> names;
      std::optional<model::RelationId> found;
      for (model::RelationId other = 0; other < target.relations.size(); ++other) {
        names.push_back(target.relations[other].name);
        if (target.relations[other].name == name->text) found = other;
      }
      if (!found) {
        auto suggestion = suggest(name->text, names);
        std::string message = "'" + target.name + "' has no relation '" + name->text + "'";
        if (suggestion) message += "; did you mean '" + *suggestion + "'?";
        auto builder = diagnostics_.report(DiagCode::unknown_relation, name->span, message);
        if (suggestion) builder.fixit(*suggestion);
        builder.note(target.span, "'" + target.name + "' declared here");
        continue;
      }
      relation.back = *found;
      // A partner that failed to resolve has been reported; comparing with it only echoes.
      if (syntax_[relation.target].relation_state[*found] == RelationState::failed) continue;
      check_relation_pair(id, r);
    }
  }
}

void SchemaChecker::check_relation_pair(model::ModelId id, model::RelationId relation_id) {
  const model::Relation& relation = schema_.models[id].relations[relation_id];
  model::ModelId target_id = relation.target;
  const model::Relation& other = schema_.models[target_id].relations[*relation.back];
  const std::string here = schema_.models[id].name + "." + relation.name;
  const std::string there = schema_.models[target_id].name + "." + other.name;
  if (other.target != id) {
    diagnostics_
        .report(DiagCode::relation_back_target, relation.span,
                "back(" + other.name + ") names '" + there + "', which points at '" +
                    schema_.models[other.target].name + "', not back at '" +
                    schema_.models[id].name + "'")
        .note(other.span, "'" + there + "' declared here");
    return;
  }
  const ast::Attribute* other_back =
      syntax_[target_id].relation_attributes[*relation.back].find("back");
  std::string other_back_name;
  if (other_back != nullptr && other_back->args[0]->kind == ast::ExprKind::name) {
    other_back_name = other_back->args[0]->path[0].text;
  }
  const AttributeMap& other_attributes = syntax_[target_id].relation_attributes[*relation.back];
  bool other_back_dangles =
      other_back != nullptr && !other_back_name.empty() &&
      schema_.models[id].relations.end() ==
          std::find_if(schema_.models[id].relations.begin(), schema_.models[id].relations.end(),
                       [&](const model::Relation& r) { return r.name == other_back_name; });
  if (other_back_name != relation.name &&
      ((other_back == nullptr && other_attributes.had_errors) || other_back_dangles)) {
    return;  // the partner's own attribute error is reported; this would repeat it
  }
  if (other_back_name != relation.name) {
    auto builder = diagnostics_.report(
        DiagCode::relation_not_mutual, relation.span,
        other_back == nullptr
            ? "'" + here + "' says back(" + other.name + "), but '" + there +
                  "' does not name it back; add back(" + relation.name + ") to '" + there + "'"
            : "'" + here + "' says back(" + other.name + "), but '" + there + "' says back(" +
                  other_back_name + "); the two must name each other");
    builder.note(other.span, "'" + there + "' declared here");
    return;
  }
  // Report a disagreeing pair once, from its first side.
  bool first_side = id < target_id || (id == target_id && relation_id < *relation.back);
  if (!first_side) return;
  if (syntax_[id].relation_state[relation_id] != RelationState::resolved ||
      syntax_[target_id].relation_state[*relation.back] != RelationState::resolved) {
    return;
  }
  bool consistent = false;
  if (relation.kind == model::RelationKind::many_to_many ||
      other.kind == model::RelationKind::many_to_many) {
    consistent = relation.kind == other.kind && relation.through == other.through &&
                 relation.through_local == other.through_remote &&
                 relation.through_remote == other.through_local;
  } else {
    consistent = relation.fk_owner == other.fk_owner && relation.foreign_key == other.foreign_key &&
                 relation.owns_foreign_key != other.owns_foreign_key;
  }
  if (consistent) return;
  std::string why;
  if (relation.many && other.many && relation.kind != model::RelationKind::many_to_many) {
    why = "both are collections; a many-to-many pair needs through(table) on both";
  } else if (relation.owns_foreign_key && other.owns_foreign_key) {
    why = "both hold a foreign key; one side of a pair must be the inverse";
  } else {
    why = "they use different foreign keys or tables";
  }
  diagnostics_
      .report(DiagCode::relation_cardinality, relation.span,
              "'" + here + "' and '" + there + "' do not form a pair: " + why)
      .note(other.span, "'" + there + "' declared here");
}

void SchemaChecker::resolve_cascade_and_load(model::ModelId id, model::RelationId relation_id) {
  model::Relation& relation = schema_.models[id].relations[relation_id];
  const AttributeMap& attributes = syntax_[id].relation_attributes[relation_id];
  if (const ast::Attribute* cascade = attributes.find("cascade")) {
    static const std::vector<std::string> options = {
        "all",     "none",   "save_update",   "merge",
        "expunge", "delete", "delete_orphan", "refresh_expire"};
    model::Cascade result{false, false, false, false, false, false};
    for (const ast::ExprPtr& argument : cascade->args) {
      auto word = name_argument(*argument, diagnostics_, "cascade");
      if (!word) continue;
      const std::string& w = word->text;
      if (w == "all") {
        result.save_update = result.merge = result.expunge = result.delete_ = true;
        result.refresh_expire = true;
      } else if (w == "none") {
      } else if (w == "save_update") {
        result.save_update = true;
      } else if (w == "merge") {
        result.merge = true;
      } else if (w == "expunge") {
        result.expunge = true;
      } else if (w == "delete") {
        result.delete_ = true;
      } else if (w == "delete_orphan") {
        result.delete_orphan = true;
      } else if (w == "refresh_expire") {
        result.refresh_expire = true;
      } else {
        auto suggestion = suggest(w, options);
        std::string message = "unknown cascade '" + w +
                              "'; the cascades are all, none, "
                              "save_update, merge, expunge, delete, delete_orphan and "
                              "refresh_expire";
        if (suggestion)
          message = "unknown cascade '" + w + "'; did you mean '" + *suggestion + "'?";
        auto builder = diagnostics_.report(DiagCode::unknown_option, word->span, message);
        if (suggestion) builder.fixit(*suggestion);
        continue;
      }
      if (w == "delete_orphan" &&
          syntax_[id].relation_state[relation_id] == RelationState::resolved &&
          (relation.owns_foreign_key || relation.kind == model::RelationKind::many_to_many)) {
        diagnostics_.report(
            DiagCode::cascade_invalid, word->span,
            "delete_orphan belongs on the parent side (a collection or the "
            "one-to-one side without the foreign key), not on '" +
                relation.name + "', which " +
                (relation.kind == model::RelationKind::many_to_many ? "is many-to-many"
                                                                    : "holds the foreign key"));
      }
    }
    relation.cascade = result;
  }
  if (const ast::Attribute* load = attributes.find("load")) {
    auto word = name_argument(*load->args[0], diagnostics_, "load");
    if (!word) return;
    static const std::vector<std::string> strategies = {"lazy",     "joined", "selectin",
                                                        "subquery", "raise",  "noload"};
    auto found = std::find(strategies.begin(), strategies.end(), word->text);
    if (found == strategies.end()) {
      auto suggestion = suggest(word->text, strategies);
      std::string message = "unknown load strategy '" + word->text +
                            "'; the strategies are lazy, joined, selectin, subquery, raise and "
                            "noload";
      if (suggestion) {
        message = "unknown load strategy '" + word->text + "'; did you mean '" + *suggestion + "'?";
      }
      auto builder = diagnostics_.report(DiagCode::unknown_option, word->span, message);
      if (suggestion) builder.fixit(*suggestion);
      return;
    }
    relation.load = static_cast<model::LoadStrategy>(found - strategies.begin());
  }
}

}  // namespace ormc::check_detail
