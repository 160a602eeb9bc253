// Pass 5: advice that does not stop generation (unindexed foreign keys, redundant
// indexes) and clashes between SQL names, which would make the DDL fail.
#include <algorithm>
#include <array>
#include <string_view>
#include <unordered_map>

#include "check/names.hpp"
#include "check/schema_checker.hpp"

namespace ormc::check_detail {

bool SchemaChecker::is_indexed_prefix(const model::Model& model,
                                      const std::vector<model::ColumnId>& columns) const {
  auto covers = [&](const std::vector<model::ColumnId>& leading) {
    if (leading.size() < columns.size()) return false;
    std::vector<model::ColumnId> prefix(
        leading.begin(), leading.begin() + static_cast<std::ptrdiff_t>(columns.size()));
    std::vector<model::ColumnId> wanted = columns;
    std::sort(prefix.begin(), prefix.end());
    std::sort(wanted.begin(), wanted.end());
    return prefix == wanted;
  };
  if (covers(model.primary_key)) return true;
  return std::any_of(model.indexes.begin(), model.indexes.end(), [&](const model::Index& index) {
    if (index.where) return false;
    std::vector<model::ColumnId> ids;
    for (const model::IndexColumn& column : index.columns) ids.push_back(column.column);
    return covers(ids);
  });
}

void SchemaChecker::warn_unindexed_foreign_keys(model::ModelId id) {
  const model::Model& model = schema_.models[id];
  for (const model::ForeignKey& key : model.foreign_keys) {
    if (is_indexed_prefix(model, key.columns)) continue;
    std::string columns;
    for (model::ColumnId column : key.columns) {
      columns += (columns.empty() ? "" : ", ") + model.columns[column].name;
    }
    diagnostics_.report(DiagCode::foreign_key_not_indexed, key.span,
                        "foreign key (" + columns + ") of '" + model.name +
                            "' has no index; joins and cascading deletes from '" +
                            schema_.models[key.target].name + "' will scan '" + model.table_name +
                            "': add `index` to the column or `index (" + columns + ");`");
  }
}

void SchemaChecker::warn_redundant_indexes(model::ModelId id) {
  const model::Model& model = schema_.models[id];
  for (std::size_t i = 0; i < model.indexes.size(); ++i) {
    const model::Index& index = model.indexes[i];
    if (index.where) continue;
    std::vector<model::ColumnId> ids;
    for (const model::IndexColumn& column : index.columns) ids.push_back(column.column);
    if (ids == model.primary_key) {
      diagnostics_.report(DiagCode::redundant_index, index.span,
                          "index '" + index.name + "' repeats the primary key of '" + model.name +
                              "', which is indexed already");
      continue;
    }
    for (std::size_t j = 0; j < i; ++j) {
      const model::Index& earlier = model.indexes[j];
      if (earlier.where || earlier.columns.size() != index.columns.size()) continue;
      bool same = std::equal(index.columns.begin(), index.columns.end(), earlier.columns.begin(),
                             [](const model::IndexColumn& a, const model::IndexColumn& b) {
                               return a.column == b.column && a.descending == b.descending;
                             });
      if (same && (earlier.unique || !index.unique)) {
        diagnostics_
            .report(DiagCode::redundant_index, index.span,
                    "index '" + index.name + "' has the same columns as '" + earlier.name + "'")
            .note(earlier.span, "'" + earlier.name + "' declared here");
        break;
      }
    }
  }
}

void SchemaChecker::check_sql_names() {
  // Tables and indexes share one namespace in a PostgreSQL schema; constraint names are
  // per table. Keys are compared case-insensitively, as unquoted SQL would.
  auto fold = [](std::string name) {
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return name;
  };
  struct Owner {
    std::string what;
    SourceSpan span;
  };
  std::unordered_map<std::string, Owner> relations;
  auto claim = [&](std::unordered_map<std::string, Owner>& names, const std::string& name,
                   const std::string& what, SourceSpan span) {
    auto [it, fresh] = names.try_emplace(fold(name), Owner{what, span});
    if (fresh) return;
    diagnostics_
        .report(DiagCode::duplicate_sql_name, span,
                what + " uses the SQL name '" + name + "', already used by " + it->second.what)
        .note(it->second.span, it->second.what + " declared here");
  };
  for (const model::Model& model : schema_.models) {
    claim(relations, model.table_name, "the table of '" + model.name + "'", model.span);
  }
  // PostgreSQL names a table's primary key index <table>_pkey and the sequence of an
  // identity column <table>_<column>_seq; a table or index of that name created later
  // fails, or with IF NOT EXISTS is silently skipped.
  for (const model::Model& model : schema_.models) {
    if (!model.primary_key.empty() && model.table_name.size() + 5 <= 63) {
      claim(relations, model.table_name + "_pkey",
            "the primary key index PostgreSQL makes for '" + model.name + "'", model.span);
    }
    for (const model::Column& column : model.columns) {
      std::string sequence = model.table_name + "_" + column.sql_name + "_seq";
      if (column.autoincrement && sequence.size() <= 63) {
        claim(relations, sequence,
              "the sequence PostgreSQL makes for '" + model.name + "." + column.name + "'",
              column.span);
      }
    }
  }
  // Every PostgreSQL table is also a composite type of its name, beside the enum types.
  std::unordered_map<std::string, Owner> types;
  for (const model::Model& model : schema_.models) {
    types.try_emplace(fold(model.table_name),
                      Owner{"the table of '" + model.name + "'", model.span});
  }
  for (const model::Enum& enumeration : schema_.enums) {
    claim(types, enumeration.sql_name,
          "enum '" + enumeration.name + "' (PostgreSQL type '" + enumeration.sql_name + "')",
          enumeration.span);
  }
  // The generated C++ names share each namespace: structs, enums, column namespaces.
  std::unordered_map<std::string, std::unordered_map<std::string, Owner>> cpp_names;
  auto claim_cpp = [&](const std::string& space, const std::string& name, const std::string& what,
                       SourceSpan span) {
    auto [it, fresh] = cpp_names[space].try_emplace(name, Owner{what, span});
    if (fresh) return;
    diagnostics_
        .report(DiagCode::duplicate_declaration, span,
                what + " would be generated as C++ name '" + space + "::" + name +
                    "', already used by " + it->second.what)
        .note(it->second.span, it->second.what + " declared here");
  };
  for (const model::Enum& enumeration : schema_.enums) {
    claim_cpp(enumeration.cpp_namespace, enumeration.name, "enum '" + enumeration.name + "'",
              enumeration.span);
  }
  for (const model::Model& model : schema_.models) {
    claim_cpp(model.cpp_namespace, model.cpp_struct, "the struct of '" + model.name + "'",
              model.span);
  }
  for (const model::Model& model : schema_.models) {
    claim_cpp(model.cpp_namespace, model.cpp_columns,
              "the column namespace of '" + model.name + "'", model.span);
  }
  // Beside each enum: `<enum>_from_string` (Role and ROLE would both make role_from_string)
  // and one `to_string` overload per enum; every header has a namespace `detail`.
  for (const model::Enum& enumeration : schema_.enums) {
    claim_cpp(enumeration.cpp_namespace, enumeration.cpp_from_string,
              "the function " + enumeration.cpp_from_string + " of enum '" + enumeration.name + "'",
              enumeration.span);
  }
  for (const model::Enum& enumeration : schema_.enums) {
    auto& names = cpp_names[enumeration.cpp_namespace];
    auto it = names.find("to_string");
    if (it == names.end()) {
      names.emplace("to_string", Owner{"the to_string functions of the enums", enumeration.span});
    } else if (it->second.what != "the to_string functions of the enums") {
      claim_cpp(enumeration.cpp_namespace, "to_string",
                "the function to_string of enum '" + enumeration.name + "'", enumeration.span);
    }
  }
  // The column namespace of a model `Detail` merges with `detail`; an enum cannot (a struct
  // `detail` already clashes with its own column namespace).
  for (const model::Enum& enumeration : schema_.enums) {
    if (enumeration.name != "detail") continue;
    diagnostics_.report(DiagCode::duplicate_declaration, enumeration.span,
                        "enum 'detail' would be generated as C++ name '" +
                            enumeration.cpp_namespace +
                            "::detail', which is the generated header's namespace of "
                            "implementation details; rename it");
  }
  // The column namespace of a model `Detail` is also where the header keeps its schema
  // object's arrays: a column must not take one of their names.
  static constexpr std::array<std::string_view, 5> detail_arrays{
      "schema_tables", "schema_sqlite_create", "schema_sqlite_drop", "schema_postgresql_create",
      "schema_postgresql_drop"};
  for (const model::Model& model : schema_.models) {
    if (model.cpp_columns != "detail") continue;
    for (const model::Column& column : model.columns) {
      if (std::find(detail_arrays.begin(), detail_arrays.end(), column.name) ==
          detail_arrays.end()) {
        continue;
      }
      diagnostics_.report(DiagCode::duplicate_declaration, column.span,
                          "column '" + column.name + "' of '" + model.name +
                              "' would be generated as C++ name '" + model.cpp_namespace +
                              "::detail::" + column.name +
                              "', which the generated header uses for its schema object; "
                              "rename it (map(\"" +
                              column.sql_name + "\") keeps the SQL name)");
    }
  }
  for (const model::Model& model : schema_.models) {
    for (const model::Index& index : model.indexes) {
      const std::string of = "' of '" + model.name + "'";
      if (!index.constraint || !index.unique) {
        claim(relations, index.name, "index '" + index.name + of, index.span);
      } else {
        claim(relations, index.name, "unique constraint '" + index.name + of, index.span);
      }
    }
    std::unordered_map<std::string, Owner> columns;
    for (const model::Column& column : model.columns) {
      claim(columns, column.sql_name, "column '" + model.name + "." + column.name + "'",
            column.span);
    }
    std::unordered_map<std::string, Owner> constraints;
    for (const model::ForeignKey& key : model.foreign_keys) {
      claim(constraints, key.name, "foreign key '" + key.name + "'", key.span);
    }
    for (const model::CheckConstraint& check : model.checks) {
      claim(constraints, check.name, "check '" + check.name + "'", check.span);
    }
  }
}

}  // namespace ormc::check_detail
