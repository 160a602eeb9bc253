// Named binds in raw SQL: finding `:name` outside literals and comments, and matching the
// names with the values given.
#include "ormc/raw_sql.hpp"

#include <algorithm>

#include "ormc/dialect.hpp"
#include "ormc/error.hpp"

namespace ormc {
namespace {

bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

// The end of the quoted text starting at `pos` (a quote character); a doubled quote is
// an escaped one. Unterminated: the end of the SQL (the database reports the error).
std::size_t skip_quoted(std::string_view sql, std::size_t pos) {
  const char quote = sql[pos];
  for (std::size_t i = pos + 1; i < sql.size(); ++i) {
    if (sql[i] != quote) continue;
    if (i + 1 < sql.size() && sql[i + 1] == quote) {
      ++i;
      continue;
    }
    return i + 1;
  }
  return sql.size();
}

std::string list_names(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ", ";
    out += ":" + names[i];
  }
  return out;
}

}  // namespace

TranslatedSql translate_named_binds(std::string_view sql, const Dialect& dialect) {
  TranslatedSql out;
  out.sql.reserve(sql.size() + 8);
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    std::size_t end = i + 1;
    if (c == '\'' || c == '"') {
      end = skip_quoted(sql, i);
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      end = std::min(sql.find('\n', i), sql.size());
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      const auto close = sql.find("*/", i + 2);
      end = close == std::string_view::npos ? sql.size() : close + 2;
    } else if (c == ':' && i + 1 < sql.size() && sql[i + 1] == ':') {
      end = i + 2;  // a PostgreSQL cast, x::text
    } else if (c == ':' && i + 1 < sql.size() && is_name_start(sql[i + 1])) {
      end = i + 2;
      while (end < sql.size() && is_name_char(sql[end])) ++end;
      const std::string_view name = sql.substr(i + 1, end - i - 1);
      auto found = std::find(out.names.begin(), out.names.end(), name);
      if (found == out.names.end()) {
        out.names.emplace_back(name);
        found = out.names.end() - 1;
      }
      dialect.append_placeholder(out.sql, static_cast<std::size_t>(found - out.names.begin()) + 1);
      i = end;
      continue;
    }
    out.sql.append(sql.substr(i, end - i));
    i = end;
  }
  return out;
}

std::vector<const Value*> order_params(const TranslatedSql& translated, const Params& params,
                                       std::string_view sql) {
  std::vector<const Value*> values;
  values.reserve(translated.names.size());
  std::vector<std::string> missing;
  for (const auto& name : translated.names) {
    const auto found = std::find_if(params.begin(), params.end(),
                                    [&](const NamedParam& p) { return p.name == name; });
    if (found == params.end()) {
      missing.push_back(name);
    } else {
      values.push_back(&found->value);
    }
  }
  std::vector<std::string> unused;
  std::vector<std::string> twice;
  for (std::size_t i = 0; i < params.size(); ++i) {
    const auto& name = params[i].name;
    if (std::find(translated.names.begin(), translated.names.end(), name) ==
        translated.names.end()) {
      unused.push_back(name);
    }
    for (std::size_t j = 0; j < i; ++j) {
      if (params[j].name == name) twice.push_back(name);
    }
  }
  if (missing.empty() && unused.empty() && twice.empty()) return values;
  std::string message = "raw SQL parameters do not match its named binds:";
  if (!missing.empty()) message += "\n  no value for " + list_names(missing);
  if (!unused.empty()) message += "\n  not used by the SQL: " + list_names(unused);
  if (!twice.empty()) message += "\n  given more than once: " + list_names(twice);
  message += "\n  SQL: " + std::string(sql);
  throw ArgumentError(message);
}

}  // namespace ormc
