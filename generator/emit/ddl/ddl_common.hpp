// What the SQLite and PostgreSQL DDL emitters share: quoting, the layout of CREATE TABLE
// and CREATE INDEX, foreign keys, drops; each dialect supplies types, keys and defaults.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "emit/ddl/ddl.hpp"
#include "emit/ddl/sql_expr.hpp"
#include "model/schema.hpp"

namespace ormc::ddl {

//! `name` double-quoted, embedded quotes doubled: always safe, keywords included.
[[nodiscard]] std::string quote_identifier(std::string_view name);
//! `value` as an SQL string literal: single-quoted, embedded quotes doubled.
[[nodiscard]] std::string quote_string(std::string_view value);
//! `"a", "b" DESC`: the SQL names of `columns` of `model`, comma-separated.
[[nodiscard]] std::string column_list(const model::Model& model,
                                      const std::vector<model::ColumnId>& columns);

//! The shared algorithm; a dialect overrides the hooks. Stateless apart from the schema.
class DdlEmitter {
 public:
  DdlEmitter(const model::Schema& schema, SqlExprStyle style) : schema_(schema), style_(style) {}
  virtual ~DdlEmitter() = default;
  DdlEmitter(const DdlEmitter&) = delete;
  DdlEmitter& operator=(const DdlEmitter&) = delete;

  [[nodiscard]] DdlStatements emit(const std::vector<model::ModelId>& tables,
                                   const std::vector<model::EnumId>& enums) const;

 protected:
  //! The column's SQL type ("INTEGER", "varchar(80)").
  [[nodiscard]] virtual std::string column_type(const model::Column& column) const = 0;
  //! The whole definition of a single-column `auto` primary key after its quoted name.
  [[nodiscard]] virtual std::string auto_key_definition(const model::Column& column) const = 0;
  //! DEFAULT's value for default(now) on a column of `kind`.
  [[nodiscard]] virtual std::string now_default(model::TypeKind kind) const = 0;
  //! A byte-string literal.
  [[nodiscard]] virtual std::string bytes_literal(std::string_view bytes) const = 0;
  //! A date/time default as written in the schema (validated by the checker) as SQL.
  [[nodiscard]] virtual std::string temporal_literal(model::TypeKind kind,
                                                     std::string_view text) const;
  //! CHECKs that stand in for what the dialect's types cannot say (string length, enums).
  virtual void type_checks(const model::Model& model, const model::Column& column,
                           std::vector<std::string>& constraints) const;
  //! Statements before the tables (PostgreSQL: enum types) and after dropping them.
  virtual void create_prelude(const std::vector<model::EnumId>& enums,
                              std::vector<std::string>& out) const;
  virtual void drop_postlude(const std::vector<model::EnumId>& enums,
                             std::vector<std::string>& out) const;
  //! Whether a foreign key may name a table created later (SQLite: yes, checked on use).
  [[nodiscard]] virtual bool allows_forward_references() const = 0;
  //! Statements adding / dropping a foreign key that could not be declared inline.
  [[nodiscard]] virtual std::string add_foreign_key(const model::Model& model,
                                                    const model::ForeignKey& key) const = 0;
  [[nodiscard]] virtual std::string drop_foreign_key(const model::Model& model,
                                                     const model::ForeignKey& key) const = 0;

  //! The value of `default(...)` as SQL.
  [[nodiscard]] std::string default_value(const model::Model& model, const model::Column& column,
                                          const model::Expr& value) const;
  [[nodiscard]] std::string expression(const model::Expr& expr, const model::Model& model) const {
    return render_sql_expr(expr, model, schema_, style_);
  }
  //! `CONSTRAINT "name" FOREIGN KEY (...) REFERENCES ... [ON DELETE ...] [ON UPDATE ...]`.
  [[nodiscard]] std::string foreign_key_clause(const model::Model& model,
                                               const model::ForeignKey& key) const;
  [[nodiscard]] const model::Schema& schema() const { return schema_; }

 private:
  [[nodiscard]] std::string column_definition(const model::Model& model,
                                              const model::Column& column) const;
  [[nodiscard]] std::string create_table(const model::Model& model,
                                         const std::vector<bool>& created) const;
  void create_indexes(const model::Model& model, std::vector<std::string>& out) const;

  const model::Schema& schema_;
  SqlExprStyle style_;
};

//! Whether `index` can be a UNIQUE table constraint rather than a CREATE INDEX.
[[nodiscard]] bool is_unique_constraint(const model::Index& index);

//! The emitter of each dialect (ddl_sqlite.cpp, ddl_postgresql.cpp).
[[nodiscard]] std::unique_ptr<DdlEmitter> make_sqlite_emitter(const model::Schema& schema);
[[nodiscard]] std::unique_ptr<DdlEmitter> make_postgresql_emitter(const model::Schema& schema);

}  // namespace ormc::ddl
