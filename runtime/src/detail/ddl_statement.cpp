// Recognising CREATE / DROP / ALTER statements in SQL text.
#include "detail/ddl_statement.hpp"

#include <cctype>
#include <cstddef>

namespace ormc::detail {
namespace {

// Where the first word of the statement starting at `at` begins: past blanks, `-- ...`
// lines and `/* ... */` comments.
std::size_t skip_blanks(std::string_view sql, std::size_t at) {
  while (at < sql.size()) {
    if (std::isspace(static_cast<unsigned char>(sql[at])) != 0) {
      ++at;
    } else if (sql.substr(at, 2) == "--") {
      const auto end = sql.find('\n', at);
      at = end == std::string_view::npos ? sql.size() : end + 1;
    } else if (sql.substr(at, 2) == "/*") {
      const auto end = sql.find("*/", at + 2);
      at = end == std::string_view::npos ? sql.size() : end + 2;
    } else {
      break;
    }
  }
  return at;
}

bool starts_with_word(std::string_view sql, std::size_t at, std::string_view word) {
  if (sql.size() - at < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(sql[at + i])) != word[i]) return false;
  }
  const std::size_t end = at + word.size();
  return end == sql.size() ||
         (std::isalnum(static_cast<unsigned char>(sql[end])) == 0 && sql[end] != '_');
}

}  // namespace

bool is_ddl(std::string_view sql) {
  for (std::size_t start = 0; start < sql.size();) {
    const std::size_t at = skip_blanks(sql, start);
    if (at >= sql.size()) return false;
    if (starts_with_word(sql, at, "CREATE") || starts_with_word(sql, at, "DROP") ||
        starts_with_word(sql, at, "ALTER")) {
      return true;
    }
    const auto semicolon = sql.find(';', at);
    if (semicolon == std::string_view::npos) return false;
    start = semicolon + 1;
  }
  return false;
}

}  // namespace ormc::detail
