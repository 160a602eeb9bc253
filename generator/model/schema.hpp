// The resolved, validated schema: what generator/check decides and every emitter reads.
// Cross-references are indexes (ModelId, ColumnId, ...) into the owning vectors, so the
// model is cheap to copy and trivially serialisable. Nothing here refers to the AST.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diag/source.hpp"

namespace ormc::model {

using ModelId = std::uint32_t;
using EnumId = std::uint32_t;
using ColumnId = std::uint32_t;  //!< index into Model::columns
using RelationId = std::uint32_t;
using ForeignKeyId = std::uint32_t;  //!< index into Model::foreign_keys

enum class TypeKind {
  boolean,
  int16,
  int32,
  int64,
  float32,
  float64,
  decimal,
  string,
  text,
  bytes,
  date,
  time,
  timestamp,
  timestamptz,
  uuid,
  json,
  enumeration,
};

struct ColumnType {
  TypeKind kind = TypeKind::int64;
  std::uint32_t length = 0;     //!< string(n)
  std::uint32_t precision = 0;  //!< decimal(p, s)
  std::uint32_t scale = 0;
  EnumId enum_id = 0;  //!< enumeration
};

[[nodiscard]] bool is_integer(TypeKind kind);
[[nodiscard]] bool is_numeric(TypeKind kind);   //!< integers, floats, decimal
[[nodiscard]] bool is_textual(TypeKind kind);   //!< string, text
[[nodiscard]] bool is_temporal(TypeKind kind);  //!< date, time, timestamp, timestamptz
//! The schema spelling of a built-in kind ("int64", "decimal"); enumerations have none.
[[nodiscard]] const char* type_kind_name(TypeKind kind);

// ---------------------------------------------------------------- expressions

enum class ExprKind {
  integer,  //!< text: decimal digits, optionally with a leading '-'
  decimal,  //!< text: the literal as written
  string,   //!< text: the value
  boolean,  //!< text: "true" / "false"
  null,
  now,         //!< the current time (default(now))
  column,      //!< column of the model the expression belongs to
  enum_value,  //!< enum_id + value_index
  call,        //!< text: function name (lower case); operands: arguments
  unary,       //!< text: "-", "+", "not"
  binary,      //!< text: "and", "or", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%"
  is_null,     //!< negated: is not null
  in_list,     //!< operands[0] in (operands[1..]); negated: not in
  between,     //!< negated: not between
  like,        //!< negated: not like
};

struct Expr {
  ExprKind kind = ExprKind::null;
  std::string text;
  ColumnId column = 0;
  EnumId enum_id = 0;
  std::uint32_t value_index = 0;
  bool negated = false;
  bool parenthesized = false;  //!< the author wrapped it in parentheses
  std::vector<Expr> operands;
  SourceSpan span;
};

// ---------------------------------------------------------------- tables

//! A column default. `expr` is a literal, now, or an enum value.
struct DefaultValue {
  Expr expr;
};

enum class ReferentialAction { no_action, restrict, cascade, set_null, set_default };
[[nodiscard]] const char* action_name(ReferentialAction action);

struct Column {
  std::string name;      //!< C++ member name
  std::string sql_name;  //!< column name in SQL (map("...") or the name)
  ColumnType type;
  bool nullable = false;
  bool primary_key = false;  //!< part of the primary key
  bool autoincrement = false;
  bool unique = false;  //!< single-column unique constraint
  std::optional<DefaultValue> default_value;
  bool on_update_now = false;
  //! The model's version counter (optimistic locking): the Session sets it to 1 on insert,
  //! and each UPDATE matches the old value and writes old + 1.
  bool version = false;
  std::optional<std::string> renamed_from;
  std::string doc;
  SourceSpan span;
};

struct ForeignKey {
  std::string name;  //!< constraint name (given or fk_<table>_<columns>)
  std::vector<ColumnId> columns;
  ModelId target = 0;
  std::vector<ColumnId> target_columns;
  ReferentialAction on_delete = ReferentialAction::no_action;
  ReferentialAction on_update = ReferentialAction::no_action;
  SourceSpan span;
};

struct IndexColumn {
  ColumnId column = 0;
  bool descending = false;
};

//! An index, or a unique constraint (`constraint` = written as `unique (...)`/`unique`).
struct Index {
  std::string name;  //!< given, or ix_<table>_<columns> / uq_<table>_<columns>
  std::vector<IndexColumn> columns;
  bool unique = false;
  bool constraint = false;
  std::optional<Expr> where;  //!< partial index predicate
  SourceSpan span;
};

struct CheckConstraint {
  std::string name;  //!< given, or ck_<table>_<n>
  Expr expr;
  std::optional<ColumnId> column;  //!< set for a column-level check(...)
  SourceSpan span;
};

// ---------------------------------------------------------------- relations

enum class RelationKind {
  many_to_one,   //!< this model holds the foreign key; the target is one row
  one_to_many,   //!< the target holds the foreign key; many target rows
  one_to_one,    //!< like many_to_one or one_to_many but at most one row each way
  many_to_many,  //!< through an association table
};
[[nodiscard]] const char* relation_kind_name(RelationKind kind);

enum class LoadStrategy { lazy, joined, selectin, subquery, raise, noload };
[[nodiscard]] const char* load_strategy_name(LoadStrategy strategy);

//! SQLAlchemy's cascade options; `all` expands to save_update, merge, refresh_expire,
//! expunge and delete.
struct Cascade {
  bool save_update = true;
  bool merge = true;
  bool expunge = false;
  bool delete_ = false;
  bool delete_orphan = false;
  bool refresh_expire = false;
};

struct Relation {
  std::string name;
  RelationKind kind = RelationKind::many_to_one;
  ModelId target = 0;
  bool optional = false;  //!< a to-one relation that may be empty (`?`)
  bool many = false;      //!< a collection (`[]`)
  //! The foreign key that implements the relation: owned by `fk_owner` (this model for
  //! many_to_one and owning one_to_one, the target for one_to_many and inverse one_to_one).
  ModelId fk_owner = 0;
  ForeignKeyId foreign_key = 0;
  bool owns_foreign_key = false;
  //! many_to_many: the association table and its two foreign keys (to this model and to
  //! the target).
  std::optional<ModelId> through;
  ForeignKeyId through_local = 0;
  ForeignKeyId through_remote = 0;
  std::optional<RelationId> back;  //!< the inverse relation on the target
  Cascade cascade;
  LoadStrategy load = LoadStrategy::lazy;
  std::string doc;
  SourceSpan span;
};

struct Model {
  std::string name;
  std::string table_name;
  std::string cpp_namespace;  //!< "blog" or "shop::v2"
  std::string cpp_struct;     //!< the struct: the model's name, PascalCase for a table block
  //! The namespace of its column descriptors: snake_case of the name, with '_' appended
  //! when that is a C++ keyword (user::age, post_tags::tag_id).
  std::string cpp_columns;
  bool is_table = false;  //!< declared with `table` (an association table): no relations
  std::vector<Column> columns;
  std::vector<ColumnId> primary_key;
  std::vector<ForeignKey> foreign_keys;
  std::vector<Index> indexes;
  std::vector<CheckConstraint> checks;
  std::vector<Relation> relations;
  std::optional<std::string> renamed_from;
  std::string doc;
  FileId file = no_file;
  SourceSpan span;

  [[nodiscard]] const Column* find_column(std::string_view column_name) const;
};

struct EnumValue {
  std::string name;
  std::string doc;
  SourceSpan span;
};

struct Enum {
  std::string name;
  std::string sql_name;         //!< type name for PostgreSQL (snake_case of the name)
  std::string cpp_from_string;  //!< the generated parse function: `role_from_string`
  std::string cpp_namespace;
  std::vector<EnumValue> values;
  std::optional<std::string> renamed_from;
  std::string doc;
  FileId file = no_file;
  SourceSpan span;
};

struct Schema {
  std::vector<Enum> enums;
  std::vector<Model> models;       //!< in declaration order: file order, then source order
  std::vector<std::string> files;  //!< every file of the compilation, roots first

  [[nodiscard]] const Model* find_model(std::string_view name) const;
  [[nodiscard]] const Enum* find_enum(std::string_view name) const;
  //! Models ordered so that each comes after every model its foreign keys reference
  //! (self-references are ignored; the models of a cycle are ordered by their NOT NULL
  //! keys, so that a nullable key breaks it, in declaration order otherwise).
  [[nodiscard]] std::vector<ModelId> dependency_order() const;
};

}  // namespace ormc::model
