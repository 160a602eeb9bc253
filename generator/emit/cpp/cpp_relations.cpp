// Relation descriptors: one ormc::Relation object per relation of a model, in the model's
// column namespace, after the column descriptors of every model of the header (a relation's
// join path names the columns of other models). docs/design/generated-code.md.
#include "emit/cpp/cpp_sections.hpp"
#include "emit/cpp/cpp_values.hpp"

namespace ormc::cpp {
namespace {

// Everything is written fully qualified: inside the column namespace, a relation or column
// named like a model or like another model's column namespace would hide it.
std::string struct_name(const model::Model& model) {
  return "::" + model.cpp_namespace + "::" + model.cpp_struct;
}

std::string column_name(const model::Model& model, model::ColumnId column) {
  return "::" + model.cpp_namespace + "::" + model.cpp_columns +
         "::" + model.columns.at(column).name;
}

const char* kind_name(model::RelationKind kind) {
  switch (kind) {
    case model::RelationKind::many_to_one: return "many_to_one";
    case model::RelationKind::one_to_many: return "one_to_many";
    case model::RelationKind::one_to_one: return "one_to_one";
    case model::RelationKind::many_to_many: return "many_to_many";
  }
  return "many_to_one";
}

//! One hop: join `to` on `from`'s columns `from_columns` equal to `to`'s `to_columns`.
struct Hop {
  const model::Model* from = nullptr;
  std::vector<model::ColumnId> from_columns;
  const model::Model* to = nullptr;
  std::vector<model::ColumnId> to_columns;
};

// The join path from `model` to the relation's target, along the foreign keys the checker
// chose: the owner's key columns against the referenced columns, in the key's order.
std::vector<Hop> relation_hops(const model::Relation& relation, const model::Model& model,
                               const model::Schema& schema) {
  const model::Model& target = schema.models.at(relation.target);
  if (relation.through) {
    const model::Model& through = schema.models.at(*relation.through);
    const model::ForeignKey& local = through.foreign_keys.at(relation.through_local);
    const model::ForeignKey& remote = through.foreign_keys.at(relation.through_remote);
    return {Hop{&model, local.target_columns, &through, local.columns},
            Hop{&through, remote.columns, &target, remote.target_columns}};
  }
  const model::ForeignKey& key =
      schema.models.at(relation.fk_owner).foreign_keys.at(relation.foreign_key);
  if (relation.owns_foreign_key) return {Hop{&model, key.columns, &target, key.target_columns}};
  return {Hop{&model, key.target_columns, &target, key.columns}};
}

// May the joined rows be missing: every collection, and a to-one relation that is optional
// or whose foreign key has a nullable column (the checker makes those agree, but the
// descriptor must never claim an INNER JOIN is safe when it is not).
bool relation_nullable(const model::Relation& relation, const model::Model& model) {
  if (relation.many || relation.optional) return true;
  if (!relation.owns_foreign_key) return true;  // an inverse to-one may find no row
  const model::ForeignKey& key = model.foreign_keys.at(relation.foreign_key);
  for (model::ColumnId id : key.columns) {
    if (model.columns.at(id).nullable) return true;
  }
  return false;
}

std::string column_list(const model::Model& model, const std::vector<model::ColumnId>& columns,
                        std::string_view tail) {
  std::vector<std::string> names;
  names.reserve(columns.size());
  for (model::ColumnId id : columns) names.push_back(column_name(model, id));
  return wrap_list("            ", "::ormc::column_list<", names, ">" + std::string(tail));
}

// The on_delete(...) of the foreign key behind the relation: the association table's key to
// this model for a many-to-many, else the relation's own key (whichever side holds it).
model::ReferentialAction relation_on_delete(const model::Relation& relation,
                                            const model::Schema& schema) {
  if (relation.through) {
    return schema.models.at(*relation.through).foreign_keys.at(relation.through_local).on_delete;
  }
  return schema.models.at(relation.fk_owner).foreign_keys.at(relation.foreign_key).on_delete;
}

// The schema's cascade(...), load(...) and the key's on_delete(...) when they differ from
// the defaults, as the initializers after the names:
// `, {.expunge = true, ...}, ::ormc::LoadStrategy::joined, ::ormc::OnDelete::cascade`.
std::string relation_options(const model::Relation& relation, const model::Schema& schema) {
  const model::Cascade defaults;
  const model::Cascade& cascade = relation.cascade;
  std::vector<std::string> set;
  auto flag = [&](bool value, bool default_value, const char* name) {
    if (value != default_value)
      set.push_back(std::string(".") + name + " = " + (value ? "true" : "false"));
  };
  flag(cascade.save_update, defaults.save_update, "save_update");
  flag(cascade.merge, defaults.merge, "merge");
  flag(cascade.expunge, defaults.expunge, "expunge");
  flag(cascade.delete_, defaults.delete_, "delete_");
  flag(cascade.delete_orphan, defaults.delete_orphan, "delete_orphan");
  flag(cascade.refresh_expire, defaults.refresh_expire, "refresh_expire");
  const bool lazy = relation.load == model::LoadStrategy::lazy;
  const model::ReferentialAction on_delete = relation_on_delete(relation, schema);
  const bool no_action = on_delete == model::ReferentialAction::no_action;
  if (set.empty() && lazy && no_action) return {};
  std::string out = ", {";
  for (std::size_t i = 0; i < set.size(); ++i) out += (i > 0 ? ", " : "") + set[i];
  out += "}";
  if (!lazy || !no_action) {
    out += ", ::ormc::LoadStrategy::" + std::string(model::load_strategy_name(relation.load));
  }
  if (!no_action) out += ", ::ormc::OnDelete::" + std::string(model::action_name(on_delete));
  return out;
}

void append_relation(std::string& out, const model::Relation& relation, const model::Model& model,
                     const model::Schema& schema) {
  const model::Model& target = schema.models.at(relation.target);
  if (!relation.doc.empty()) append_doc(out, relation.doc);
  out += "// " + relation_text(relation, model, schema, 0) + "\n";
  out += "inline constexpr ::ormc::Relation<\n";
  out += wrap_code("    " + struct_name(model) + ", " + struct_name(target) +
                   ", ::ormc::RelationKind::" + kind_name(relation.kind) + ", " +
                   (relation_nullable(relation, model) ? "true" : "false") + ",");
  out += "    ::ormc::relation_path<\n";
  const std::vector<Hop> hops = relation_hops(relation, model, schema);
  for (std::size_t i = 0; i < hops.size(); ++i) {
    const Hop& hop = hops[i];
    out += "        ::ormc::RelationHop<" + struct_name(*hop.to) + ",\n";
    out += column_list(*hop.from, hop.from_columns, ",");
    out += column_list(*hop.to, hop.to_columns, i + 1 < hops.size() ? ">," : ">>,");
  }
  out += "    &" + struct_name(model) + "::" + relation.name;
  // many-to-one owns its key by default; a one-to-one says which side does.
  if (relation.kind == model::RelationKind::one_to_one && relation.owns_foreign_key)
    out += ", true";
  out += ">\n";
  // {"name", "back"}, with the back name left out when there is none and nothing follows.
  std::string initializers = cpp_string_literal(relation.name);
  const std::string options = relation_options(relation, schema);
  if (relation.back || !options.empty()) {
    initializers +=
        ", " + cpp_string_literal(relation.back ? target.relations.at(*relation.back).name
                                                : std::string());
  }
  out += wrap_code("    " + relation.name + "{" + initializers + options + "};");
}

}  // namespace

void append_relations(std::string& out, const model::Model& model, const model::Schema& schema) {
  if (model.relations.empty()) return;
  out += "\n/// Descriptors of " + model.cpp_struct + "'s relations, for joins along them.\n";
  out += "namespace " + model.cpp_columns + " {\n";
  for (std::size_t i = 0; i < model.relations.size(); ++i) {
    if (i > 0) out += '\n';
    append_relation(out, model.relations[i], model, schema);
  }
  out += "}  // namespace " + model.cpp_columns + "\n";
}

}  // namespace ormc::cpp
