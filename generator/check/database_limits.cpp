// What the databases refuse or silently change: SQL names longer than PostgreSQL keeps,
// names PostgreSQL or SQLite reserve, more key columns, table columns or enum values than
// the limits; and renamed_from hints that name one old name twice.
#include <algorithm>
#include <array>
#include <unordered_map>

#include "check/names.hpp"
#include "check/schema_checker.hpp"

namespace ormc::check_detail {
namespace {

// PostgreSQL's NAMEDATALEN - 1: a longer identifier is cut to 63 bytes without an error, so
// two names that differ only after that would become one.
constexpr std::size_t max_identifier_bytes = 63;
// PostgreSQL's INDEX_MAX_KEYS: columns of an index, a primary key, a unique constraint or a
// foreign key.
constexpr std::size_t max_key_columns = 32;
// PostgreSQL allows 1600 columns in a table. The generated model_traits listed them in a
// std::tuple, which the compilers instantiate recursively (g++ 12 compiled at most 447);
// issue 9 made the list a pack without recursion, but the Session's per-column code has
// not been measured past 400 columns (docs/schema-language.md, "Limits and reserved names").
constexpr std::size_t max_columns = 400;
// The generated header lists an enum's values in a switch, an if chain and a constexpr
// array: 4096 values compile in 7 s, 16384 in 16 s (g++ 12), and 65536 not at all.
constexpr std::size_t max_enum_values = 4096;

// PostgreSQL's system columns: a table column cannot have one of these names.
constexpr std::array<std::string_view, 6> system_columns = {"tableoid", "xmin", "cmin",
                                                            "xmax",     "cmax", "ctid"};

// The types of pg_catalog (PostgreSQL 15; array types, which start with '_', and pg_ names
// left out). pg_catalog comes first in every search_path, so a column of an enum type named
// like one of them would silently get the built-in type instead.
constexpr std::array<std::string_view, 113> builtin_types = {
    "aclitem", "any", "anyarray", "anycompatible", "anycompatiblearray", "anycompatiblemultirange",
    "anycompatiblenonarray", "anycompatiblerange", "anyelement", "anyenum", "anymultirange",
    "anynonarray", "anyrange", "bit", "bool", "box", "bpchar", "bytea", "char", "cid", "cidr",
    "circle", "cstring", "date", "datemultirange", "daterange", "event_trigger", "fdw_handler",
    "float4", "float8", "gtsvector", "index_am_handler", "inet", "int2", "int2vector", "int4",
    "int4multirange", "int4range", "int8", "int8multirange", "int8range", "internal", "interval",
    "json", "jsonb", "jsonpath", "language_handler", "line", "lseg", "macaddr", "macaddr8", "money",
    "name", "numeric", "nummultirange", "numrange", "oid", "oidvector", "path", "point", "polygon",
    "record", "refcursor", "regclass", "regcollation", "regconfig", "regdictionary", "regnamespace",
    "regoper", "regoperator", "regproc", "regprocedure", "regrole", "regtype", "table_am_handler",
    "text", "tid", "time", "timestamp", "timestamptz", "timetz", "trigger", "tsm_handler",
    "tsmultirange", "tsquery", "tsrange", "tstzmultirange", "tstzrange", "tsvector",
    "txid_snapshot", "unknown", "uuid", "varbit", "varchar", "void", "xid", "xid8", "xml",
    // Names the SQL grammar maps to built-in types; a quoted enum name "integer" would be
    // the enum, but keeping them out avoids a type that reads like another.
    "bigint", "boolean", "character", "decimal", "double", "float", "int", "integer", "real",
    "smallint", "varying", "bigserial", "serial", "smallserial"};

template <std::size_t N>
bool contains(const std::array<std::string_view, N>& words, std::string_view name) {
  return std::find(words.begin(), words.end(), name) != words.end();
}

bool starts_with_folded(std::string_view name, std::string_view prefix) {
  if (name.size() < prefix.size()) return false;
  return std::equal(prefix.begin(), prefix.end(), name.begin(), [](char a, char b) {
    return a == static_cast<char>(std::tolower(static_cast<unsigned char>(b)));
  });
}

}  // namespace

void SchemaChecker::check_database_limits() {
  // A name longer than PostgreSQL keeps (generated names are already shortened with a hash,
  // see fit_sql_identifier; these are the ones a schema spells out).
  // `what` names the name, as in "the table name 'x' of model 'X'".
  auto fits = [&](const std::string& name, const std::string& what, SourceSpan span,
                  const std::string& fix) {
    if (name.size() <= max_identifier_bytes) return true;
    diagnostics_.report(DiagCode::sql_name_too_long, span,
                        what + " is " + std::to_string(name.size()) +
                            " bytes long; PostgreSQL keeps the first 63 bytes of a name and "
                            "would silently merge names that differ only after them; " +
                            fix);
    return false;
  };
  // SQLite reserves sqlite_ (in any case) for its own tables and indexes; PostgreSQL's
  // catalogs are pg_ (always searched first, so a pg_ name may resolve to a catalog).
  auto unreserved = [&](const std::string& name, const std::string& what, SourceSpan span) {
    // `what` as for fits()
    std::string_view prefix = starts_with_folded(name, "sqlite_") ? "sqlite_"
                              : name.starts_with("pg_")           ? "pg_"
                                                                  : "";
    if (prefix.empty()) return true;
    std::string owner = prefix == "sqlite_" ? "SQLite" : "PostgreSQL";
    diagnostics_.report(DiagCode::database_reserved_name, span,
                        what + " starts with '" + std::string(prefix) + "', which " + owner +
                            " reserves for its own objects; choose another name");
    return false;
  };
  auto narrow = [&](std::size_t count, const std::string& what, SourceSpan span) {
    if (count <= max_key_columns) return;
    diagnostics_.report(DiagCode::key_too_wide, span,
                        what + " has " + std::to_string(count) +
                            " columns; PostgreSQL allows at most 32 (INDEX_MAX_KEYS)");
  };

  for (model::ModelId id = 0; id < schema_.models.size(); ++id) {
    const model::Model& model = schema_.models[id];
    const std::string owner =
        std::string(model.is_table ? "table" : "model") + " '" + model.name + "'";
    const std::string table = "the table name '" + model.table_name + "' of " + owner;
    if (fits(model.table_name, table, model.span,
             "give it a shorter one with `table short_name;`")) {
      unreserved(model.table_name, table, model.span);
    }
    if (model.columns.size() > max_columns) {
      diagnostics_.report(DiagCode::too_many_columns, model.span,
                          owner + " has " + std::to_string(model.columns.size()) +
                              " columns; the limit is " + std::to_string(max_columns) +
                              " (the widest the generated code is tested at; PostgreSQL's own "
                              "limit is 1600): split the model into tables joined one-to-one");
    }
    for (std::size_t i = 0; i < model.columns.size(); ++i) {
      const model::Column& column = model.columns[i];
      const ast::Attribute* map =
          i < syntax_[id].columns.size() ? syntax_[id].columns[i].attributes.find("map") : nullptr;
      SourceSpan span = map != nullptr ? map->span : column.span;
      fits(column.sql_name, "the SQL name of column '" + model.name + "." + column.name + "'", span,
           "give it a shorter one with map(\"...\")");
      if (contains(system_columns, column.sql_name)) {
        diagnostics_.report(DiagCode::database_reserved_name, span,
                            "column '" + model.name + "." + column.name + "' has the SQL name '" +
                                column.sql_name +
                                "', a system column of every PostgreSQL table; give it another "
                                "SQL name with map(\"...\")");
      }
    }
    narrow(model.primary_key.size(), "the primary key of " + owner, model.span);
    for (const model::Index& index : model.indexes) {
      std::string what = std::string(index.unique ? "unique " : "") +
                         (index.constraint ? "constraint" : "index") + " '" + index.name + "'";
      if (fits(index.name, "the name of " + what, index.span, "name it shorter")) {
        unreserved(index.name, "the name of " + what, index.span);
      }
      narrow(index.columns.size(), what, index.span);
    }
    for (const model::ForeignKey& key : model.foreign_keys) {
      fits(key.name, "the name of foreign key '" + key.name + "'", key.span, "name it shorter");
      narrow(key.columns.size(), "foreign key '" + key.name + "'", key.span);
    }
    for (const model::CheckConstraint& check : model.checks) {
      fits(check.name, "the name of check '" + check.name + "'", check.span, "name it shorter");
    }
  }

  for (const model::Enum& enumeration : schema_.enums) {
    const std::string owner = "enum '" + enumeration.name + "'";
    const std::string type = "the PostgreSQL type name '" + enumeration.sql_name + "' of " + owner;
    if (fits(enumeration.sql_name, type, enumeration.span, "rename the enum")) {
      if (unreserved(enumeration.sql_name, type, enumeration.span) &&
          contains(builtin_types, enumeration.sql_name)) {
        diagnostics_.report(DiagCode::database_reserved_name, enumeration.span,
                            owner + " would be the PostgreSQL type '" + enumeration.sql_name +
                                "', the name of a built-in type, which PostgreSQL would use "
                                "for its columns instead; rename the enum");
      }
    }
    if (enumeration.values.size() > max_enum_values) {
      diagnostics_.report(DiagCode::too_many_enum_values, enumeration.span,
                          owner + " has " + std::to_string(enumeration.values.size()) +
                              " values; the limit is 4096 (the generated header of a larger enum "
                              "takes minutes to compile, or fails): use a table and a foreign "
                              "key instead");
    }
    for (const model::EnumValue& value : enumeration.values) {
      fits(value.name, "the label '" + value.name + "' of " + owner, value.span,
           "PostgreSQL refuses enum labels over 63 bytes: rename the value");
    }
  }
}

void SchemaChecker::check_renames() {
  // Old name -> the declaration that says it was renamed from it: two declarations that
  // claim one old name would make a migration rename one object into two.
  struct Claim {
    std::string what;
    SourceSpan span;
  };
  auto check_group = [&](const std::vector<std::pair<std::string, Claim>>& renames) {
    std::unordered_map<std::string, Claim> seen;
    for (const auto& [old_name, claim] : renames) {
      auto [previous, fresh] = seen.try_emplace(old_name, claim);
      if (fresh) continue;
      diagnostics_
          .report(DiagCode::renamed_from_conflict, claim.span,
                  claim.what + " and " + previous->second.what +
                      " both say they were renamed from '" + old_name +
                      "'; one object cannot become two: keep one renamed_from")
          .note(previous->second.span, previous->second.what + " declared here");
    }
  };

  for (model::ModelId id = 0; id < schema_.models.size(); ++id) {
    const model::Model& model = schema_.models[id];
    std::vector<std::pair<std::string, Claim>> renames;
    for (std::size_t i = 0; i < model.columns.size(); ++i) {
      const model::Column& column = model.columns[i];
      if (!column.renamed_from) continue;
      const ast::Attribute* attribute = i < syntax_[id].columns.size()
                                            ? syntax_[id].columns[i].attributes.find("renamed_from")
                                            : nullptr;
      renames.emplace_back(*column.renamed_from,
                           Claim{"column '" + model.name + "." + column.name + "'",
                                 attribute != nullptr ? attribute->span : column.span});
    }
    check_group(renames);
  }

  std::vector<std::pair<std::string, Claim>> renames;
  for (const model::Model& model : schema_.models) {
    if (!model.renamed_from) continue;
    renames.emplace_back(
        *model.renamed_from,
        Claim{std::string(model.is_table ? "table '" : "model '") + model.name + "'", model.span});
  }
  for (const model::Enum& enumeration : schema_.enums) {
    if (!enumeration.renamed_from) continue;
    renames.emplace_back(*enumeration.renamed_from,
                         Claim{"enum '" + enumeration.name + "'", enumeration.span});
  }
  check_group(renames);
}

}  // namespace ormc::check_detail
