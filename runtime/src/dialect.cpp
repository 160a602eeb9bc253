// What all dialects share: quoting identifiers; by default no key generator to advance.
#include "ormc/dialect.hpp"

namespace ormc {

void Dialect::append_identifier(std::string& sql, std::string_view name) const {
  sql += '"';
  for (const char c : name) {
    sql += c;
    if (c == '"') sql += '"';
  }
  sql += '"';
}

std::string Dialect::advance_key_generator_sql(std::string_view /*table*/,
                                               std::string_view /*column*/) const {
  return {};
}

}  // namespace ormc
