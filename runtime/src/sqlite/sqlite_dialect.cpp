// The SQLite dialect: ?NNN placeholders, LIKE (ASCII case-insensitive already), RETURNING
// (SQLite 3.35+), RIGHT and FULL OUTER JOIN from the linked library's version (3.39+).
#include <string>

#include <sqlite3.h>

#include "ormc/dialect.hpp"

namespace ormc {
namespace {

class SqliteDialect final : public Dialect {
 public:
  [[nodiscard]] DialectKind kind() const override { return DialectKind::sqlite; }
  [[nodiscard]] std::string_view name() const override { return "sqlite"; }
  // ?NNN rather than bare '?': the number is explicit, so a value used twice in a
  // statement is bound once, as with PostgreSQL's $n.
  void append_placeholder(std::string& sql, std::size_t n) const override {
    sql += '?';
    sql += std::to_string(n);
  }
  [[nodiscard]] std::string_view ilike_operator() const override { return "LIKE"; }
  [[nodiscard]] bool supports_right_and_full_join() const override {
    return sqlite3_libversion_number() >= 3039000;
  }
  [[nodiscard]] std::string_view library_version() const override { return sqlite3_libversion(); }
};

}  // namespace

const Dialect& sqlite_dialect() {
  static const SqliteDialect dialect;
  return dialect;
}

}  // namespace ormc
