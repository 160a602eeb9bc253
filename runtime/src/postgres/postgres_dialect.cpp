// The PostgreSQL dialect: $n placeholders, ILIKE, RETURNING, identity sequences.
#include <string>

#include "ormc/dialect.hpp"

namespace ormc {
namespace {

class PostgresqlDialect final : public Dialect {
 public:
  [[nodiscard]] DialectKind kind() const override { return DialectKind::postgresql; }
  [[nodiscard]] std::string_view name() const override { return "postgresql"; }
  void append_placeholder(std::string& sql, std::size_t n) const override {
    sql += '$';
    sql += std::to_string(n);
  }
  [[nodiscard]] std::string_view ilike_operator() const override { return "ILIKE"; }

  // setval() to the larger of the table's greatest key and the sequence's last value (never
  // backwards: another transaction may have drawn keys the MAX cannot see yet). A column
  // without a sequence gives pg_get_serial_sequence() NULL, and setval(NULL, ...) nothing.
  [[nodiscard]] std::string advance_key_generator_sql(std::string_view table,
                                                      std::string_view column) const override {
    std::string quoted_table;
    append_identifier(quoted_table, table);
    std::string quoted_column;
    append_identifier(quoted_column, column);
    const std::string sequence =
        "pg_get_serial_sequence(" + literal(quoted_table) + ", " + literal(column) + ")";
    return "SELECT setval(" + sequence + "::regclass, GREATEST((SELECT COALESCE(MAX(" +
           quoted_column + "), 1) FROM " + quoted_table + "), COALESCE(pg_sequence_last_value(" +
           sequence + "::regclass), 1)))";
  }

 private:
  //! A string literal: quotes doubled (standard_conforming_strings is on since 9.1).
  static std::string literal(std::string_view text) {
    std::string out = "'";
    for (const char c : text) {
      out += c;
      if (c == '\'') out += '\'';
    }
    out += '\'';
    return out;
  }
};

}  // namespace

const Dialect& postgresql_dialect() {
  static const PostgresqlDialect dialect;
  return dialect;
}

}  // namespace ormc
