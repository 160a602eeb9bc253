// What differs between SQL databases, for the statement builders: placeholders, quoting,
// RETURNING, upsert syntax, key generators. One implementation per backend.
#pragma once

#include <string>
#include <string_view>

namespace ormc {

enum class DialectKind { sqlite, postgresql };

class Dialect {
 public:
  virtual ~Dialect() = default;

  [[nodiscard]] virtual DialectKind kind() const = 0;
  [[nodiscard]] virtual std::string_view name() const = 0;  //!< "sqlite", "postgresql"
  //! The placeholder for the n-th bound value, 1-based: "?" (SQLite uses ?NNN) or "$n".
  virtual void append_placeholder(std::string& sql, std::size_t n) const = 0;
  //! Appends an identifier, always double-quoted, embedded quotes doubled.
  virtual void append_identifier(std::string& sql, std::string_view name) const;
  [[nodiscard]] virtual bool supports_returning() const { return true; }
  //! RIGHT and FULL OUTER JOIN: SQLite has them from 3.39.
  [[nodiscard]] virtual bool supports_right_and_full_join() const { return true; }
  //! The database library this program runs, for messages that depend on its version
  //! ("3.40.1" for SQLite; empty when the version is the server's, as for PostgreSQL).
  [[nodiscard]] virtual std::string_view library_version() const { return {}; }
  //! Case-insensitive LIKE: "LIKE" on SQLite (ASCII case-insensitive), "ILIKE" on PostgreSQL.
  [[nodiscard]] virtual std::string_view ilike_operator() const = 0;
  //! SQL (no parameters) that moves the key generator of an autoincrement `column` past
  //! every key `table` holds, to run after an INSERT gave that column explicit values, so
  //! that the next generated key is a new one. Empty when the database needs none (SQLite
  //! generates max(rowid) + 1); PostgreSQL's identity sequence does not see explicit keys.
  [[nodiscard]] virtual std::string advance_key_generator_sql(std::string_view table,
                                                              std::string_view column) const;
};

[[nodiscard]] const Dialect& sqlite_dialect();
//! $n placeholders, ILIKE, RETURNING.
[[nodiscard]] const Dialect& postgresql_dialect();

namespace detail {
//! For the backend dispatch of Row::visit and Statement::visit_binder: InvalidRequestError
//! for a backend this runtime was built without (ormc/config.hpp).
[[noreturn]] void throw_backend_not_built(DialectKind backend);
}  // namespace detail

}  // namespace ormc
