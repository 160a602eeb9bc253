// What all dialects share: quoting identifiers.
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

}  // namespace ormc
