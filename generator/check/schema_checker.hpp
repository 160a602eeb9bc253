// SchemaChecker: the passes that turn parsed files into a resolved model::Schema
// (internal to generator/check; the public entry point is check/checker.hpp).
// Passes, in order: declare names -> columns and types -> keys, indexes, foreign keys,
// checks -> relations -> warnings and SQL-name clashes. Each pass reports every problem
// it finds and carries on with what it could resolve.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "diag/diagnostic.hpp"
#include "model/schema.hpp"
#include "parse/ast.hpp"

namespace ormc::check_detail {

//! What an attribute may look like in one position: its name and argument count.
struct AttributeRule {
  std::string_view name;
  std::size_t min_args;
  std::size_t max_args;  //!< SIZE_MAX: any number
};

//! An attribute list after validation: known attributes by name, each at most once.
class AttributeMap {
 public:
  [[nodiscard]] const ast::Attribute* find(std::string_view name) const;
  [[nodiscard]] bool has(std::string_view name) const { return find(name) != nullptr; }
  void add(const ast::Attribute* attribute) { attributes_.push_back(attribute); }
  //! Some attribute of the list was rejected (and reported): conclusions drawn from the
  //! attributes' absence would be follow-on errors.
  bool had_errors = false;

 private:
  std::vector<const ast::Attribute*> attributes_;
};

//! The static type of an expression, as far as the checker needs to compare operands.
struct ExprType {
  enum class Class {
    unknown,
    boolean,
    numeric,
    text,
    temporal,
    bytes,
    uuid,
    json,
    enumeration,
    null
  };
  Class value_class = Class::unknown;
  model::EnumId enum_id = 0;
};

class SchemaChecker {
 public:
  SchemaChecker(const std::vector<const ast::File*>& files, const SourceManager& sources,
                DiagnosticEngine& diagnostics);

  std::optional<model::Schema> run();

 private:
  struct Symbol {
    enum class Kind { model, table, enumeration } kind;
    std::uint32_t id;
    SourceSpan span;
  };

  enum class RelationState { pending, resolved, failed };

  struct ColumnSyntax {
    const ast::Column* node = nullptr;
    AttributeMap attributes;
  };

  struct ModelSyntax {
    const ast::Model* node = nullptr;
    std::vector<ColumnSyntax> columns;            //!< parallel to model::Model::columns
    std::vector<const ast::Relation*> relations;  //!< parallel to model::Model::relations
    std::vector<AttributeMap> relation_attributes;
    std::vector<RelationState> relation_state;
    //! Columns whose foreign key was rejected, and the model names those keys were
    //! written to reference: relations that would need them stay silent.
    std::vector<model::ColumnId> broken_key_columns;
    std::vector<std::string> broken_key_targets;
  };

  // ---- declare.cpp
  void declare_files();
  std::string file_namespace(const ast::File& file);
  bool check_identifier(const ast::Name& name, std::string_view what);
  void declare_enum(const ast::Enum& node, FileId file, const std::string& cpp_namespace,
                    const ast::Trivia& trivia);
  void declare_model(const ast::Model& node, FileId file, const std::string& cpp_namespace,
                     const ast::Trivia& trivia);
  void declare_members(model::ModelId id);
  AttributeMap validate_attributes(const std::vector<ast::Attribute>& attributes,
                                   std::span<const AttributeRule> rules, std::string_view where);
  [[nodiscard]] std::vector<std::string> symbol_names(bool models, bool tables, bool enums) const;
  void report_unknown_model(const ast::Name& name, bool allow_tables);
  void record_broken_key(model::ModelId id, const std::vector<model::ColumnId>& columns,
                         const ast::Attribute& references);
  [[nodiscard]] bool has_broken_key_to(model::ModelId owner, model::ModelId target) const;

  // ---- generated_names.cpp
  //! E217 when `cpp_name`, the C++ name generated for `declared` (a `what`), is a macro;
  //! `role` says which generated name it is ("column namespace"), empty for the name itself.
  bool check_not_macro(const std::string& cpp_name, SourceSpan span, std::string_view what,
                       const std::string& declared, std::string_view role = {});
  //! E218 when the first part of a namespace is one that generated code cannot live in.
  void check_top_namespace(const std::string& name, SourceSpan span);
  //! The names generated from models and enums (column namespaces, structs of table
  //! blocks, enum helpers) are not macros and do not collide in C++.
  void check_generated_cpp_names();

  // ---- database_limits.cpp
  //! SQL names within PostgreSQL's and SQLite's limits and outside their reserved names;
  //! column, key and enum-value counts within the limits.
  void check_database_limits();
  void check_renames();

  // ---- columns.cpp
  void resolve_columns(model::ModelId id);
  std::optional<model::ColumnType> resolve_type(const ast::TypeRef& type);
  void resolve_default(model::Column& column, const ast::Attribute& attribute);
  void resolve_on_update(model::ModelId id, model::ColumnId column_id);

  // ---- literals.cpp
  bool check_literal_fits(const model::ColumnType& type, const ast::Expr& literal, bool negative,
                          std::string_view column_name);

  // ---- keys.cpp
  void resolve_primary_key(model::ModelId id);
  void resolve_indexes(model::ModelId id);
  void resolve_foreign_keys(model::ModelId id);
  void resolve_version(model::ModelId id);
  void resolve_checks(model::ModelId id);
  std::optional<model::ColumnId> find_column(model::ModelId id, const ast::Name& name);
  std::optional<std::vector<model::ColumnId>> find_columns(model::ModelId id,
                                                           const std::vector<ast::Name>& names);
  std::optional<model::ReferentialAction> resolve_action(const ast::Attribute* attribute);
  bool add_foreign_key(model::ModelId id, std::optional<ast::Name> name,
                       const std::vector<model::ColumnId>& columns,
                       const ast::Attribute& references, const AttributeMap& attributes,
                       SourceSpan span);
  [[nodiscard]] bool is_key(const model::Model& model,
                            const std::vector<model::ColumnId>& columns) const;
  [[nodiscard]] bool is_indexed_prefix(const model::Model& model,
                                       const std::vector<model::ColumnId>& columns) const;

  // ---- expressions.cpp
  std::optional<model::Expr> resolve_expr(model::ModelId scope, const ast::Expr& expr,
                                          ExprType& type);
  std::optional<model::Expr> resolve_operand_against(model::ModelId scope, const ast::Expr& expr,
                                                     const ExprType& other, ExprType& type);
  bool require_comparable(const ExprType& left, const ExprType& right, const ast::Expr& where);
  std::optional<model::Expr> resolve_condition(model::ModelId scope, const ast::Expr& expr,
                                               std::string_view what);

  // ---- relations.cpp
  void resolve_relations();
  bool resolve_relation_target(model::ModelId id, model::RelationId relation_id);
  bool resolve_relation(model::ModelId id, model::RelationId relation_id, bool use_partner);
  bool resolve_by(model::ModelId id, model::Relation& relation, const ast::Attribute& by);
  bool infer_foreign_key(model::ModelId id, model::Relation& relation);
  bool resolve_from_partner(model::ModelId id, model::Relation& relation);
  bool resolve_through(model::ModelId id, model::Relation& relation,
                       const AttributeMap& attributes);
  bool finish_relation(model::Relation& relation);
  [[nodiscard]] const model::Relation* partner_of(model::ModelId id,
                                                  model::RelationId relation_id) const;
  void link_back_relations();
  void check_relation_pair(model::ModelId id, model::RelationId relation_id);
  void resolve_cascade_and_load(model::ModelId id, model::RelationId relation_id);
  [[nodiscard]] std::vector<model::ForeignKeyId> foreign_keys_between(model::ModelId owner,
                                                                      model::ModelId target) const;
  [[nodiscard]] std::string describe_foreign_key(model::ModelId owner,
                                                 model::ForeignKeyId key) const;

  // ---- warnings.cpp
  void warn_unindexed_foreign_keys(model::ModelId id);
  void warn_redundant_indexes(model::ModelId id);
  void check_sql_names();

  const std::vector<const ast::File*>& files_;
  const SourceManager& sources_;
  DiagnosticEngine& diagnostics_;
  model::Schema schema_;
  std::vector<ModelSyntax> syntax_;  //!< parallel to schema_.models
  std::unordered_map<std::string, Symbol> symbols_;
};

//! Whether `name`, the first part of a namespace, is one generated code cannot use: std
//! (adding to it is undefined behaviour), std2.., posix (reserved by the standard), ormc
//! (the runtime's own).
[[nodiscard]] bool reserved_top_namespace(std::string_view name);

//! The single name an argument spells (`x`), or nullopt after reporting E301.
std::optional<ast::Name> name_argument(const ast::Expr& expr, DiagnosticEngine& diagnostics,
                                       std::string_view attribute);

}  // namespace ormc::check_detail
