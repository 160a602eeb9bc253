// The PostgreSQL dialect: $n placeholders, ILIKE, RETURNING.
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
};

}  // namespace

const Dialect& postgresql_dialect() {
  static const PostgresqlDialect dialect;
  return dialect;
}

}  // namespace ormc
