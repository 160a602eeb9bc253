// A PostgreSQL-like dialect for rendering tests ($n placeholders, ILIKE), so that the
// statements are checked for both placeholder styles before the PostgreSQL backend exists.
#pragma once

#include <string>
#include <string_view>

#include "ormc/dialect.hpp"

namespace testdb {

class PgLikeDialect final : public ormc::Dialect {
 public:
  [[nodiscard]] ormc::DialectKind kind() const override { return ormc::DialectKind::postgresql; }
  [[nodiscard]] std::string_view name() const override { return "pg-like"; }
  void append_placeholder(std::string& sql, std::size_t n) const override {
    sql += '$';
    sql += std::to_string(n);
  }
  [[nodiscard]] std::string_view ilike_operator() const override { return "ILIKE"; }
};

//! An SQLite older than 3.35 (so also than 3.39): without RETURNING, RIGHT or FULL JOIN, to
//! test the errors.
class NoReturningDialect final : public ormc::Dialect {
 public:
  [[nodiscard]] ormc::DialectKind kind() const override { return ormc::DialectKind::sqlite; }
  [[nodiscard]] std::string_view name() const override { return "old-sqlite"; }
  void append_placeholder(std::string& sql, std::size_t n) const override {
    sql += '?';
    sql += std::to_string(n);
  }
  [[nodiscard]] bool supports_returning() const override { return false; }
  [[nodiscard]] bool supports_right_and_full_join() const override { return false; }
  [[nodiscard]] std::string_view library_version() const override { return "3.34.1"; }
  [[nodiscard]] std::string_view ilike_operator() const override { return "LIKE"; }
};

inline const PgLikeDialect pg_like;
inline const NoReturningDialect no_returning;

}  // namespace testdb
