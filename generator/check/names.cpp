// Keyword tables and name utilities for the checker.
#include "check/names.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

namespace ormc {
namespace {

constexpr std::array cpp_keywords = {"alignas",       "alignof",     "and",
                                     "and_eq",        "asm",         "auto",
                                     "bitand",        "bitor",       "bool",
                                     "break",         "case",        "catch",
                                     "char",          "char8_t",     "char16_t",
                                     "char32_t",      "class",       "compl",
                                     "concept",       "const",       "consteval",
                                     "constexpr",     "constinit",   "const_cast",
                                     "continue",      "co_await",    "co_return",
                                     "co_yield",      "decltype",    "default",
                                     "delete",        "do",          "double",
                                     "dynamic_cast",  "else",        "enum",
                                     "explicit",      "export",      "extern",
                                     "false",         "float",       "for",
                                     "friend",        "goto",        "if",
                                     "inline",        "int",         "long",
                                     "mutable",       "namespace",   "new",
                                     "noexcept",      "not",         "not_eq",
                                     "nullptr",       "operator",    "or",
                                     "or_eq",         "private",     "protected",
                                     "public",        "register",    "reinterpret_cast",
                                     "requires",      "return",      "short",
                                     "signed",        "sizeof",      "static",
                                     "static_assert", "static_cast", "struct",
                                     "switch",        "template",    "this",
                                     "thread_local",  "throw",       "true",
                                     "try",           "typedef",     "typeid",
                                     "typename",      "union",       "unsigned",
                                     "using",         "virtual",     "void",
                                     "volatile",      "wchar_t",     "while",
                                     "xor",           "xor_eq"};

// Reserved in PostgreSQL 15 (reserved and "requires AS") or in SQLite.
constexpr std::array sql_reserved = {"abort",
                                     "action",
                                     "add",
                                     "after",
                                     "all",
                                     "alter",
                                     "analyse",
                                     "analyze",
                                     "and",
                                     "any",
                                     "array",
                                     "as",
                                     "asc",
                                     "asymmetric",
                                     "attach",
                                     "authorization",
                                     "autoincrement",
                                     "before",
                                     "begin",
                                     "between",
                                     "binary",
                                     "both",
                                     "by",
                                     "cascade",
                                     "case",
                                     "cast",
                                     "check",
                                     "collate",
                                     "column",
                                     "commit",
                                     "concurrently",
                                     "conflict",
                                     "constraint",
                                     "create",
                                     "cross",
                                     "current_catalog",
                                     "current_date",
                                     "current_role",
                                     "current_schema",
                                     "current_time",
                                     "current_timestamp",
                                     "current_user",
                                     "database",
                                     "default",
                                     "deferrable",
                                     "deferred",
                                     "delete",
                                     "desc",
                                     "detach",
                                     "distinct",
                                     "do",
                                     "drop",
                                     "each",
                                     "else",
                                     "end",
                                     "escape",
                                     "except",
                                     "exclusive",
                                     "exists",
                                     "explain",
                                     "fail",
                                     "false",
                                     "fetch",
                                     "filter",
                                     "for",
                                     "foreign",
                                     "freeze",
                                     "from",
                                     "full",
                                     "glob",
                                     "grant",
                                     "group",
                                     "having",
                                     "if",
                                     "ignore",
                                     "ilike",
                                     "immediate",
                                     "in",
                                     "index",
                                     "indexed",
                                     "initially",
                                     "inner",
                                     "insert",
                                     "instead",
                                     "intersect",
                                     "into",
                                     "is",
                                     "isnull",
                                     "join",
                                     "key",
                                     "lateral",
                                     "leading",
                                     "left",
                                     "like",
                                     "limit",
                                     "localtime",
                                     "localtimestamp",
                                     "match",
                                     "natural",
                                     "no",
                                     "not",
                                     "nothing",
                                     "notnull",
                                     "null",
                                     "of",
                                     "offset",
                                     "on",
                                     "only",
                                     "or",
                                     "order",
                                     "outer",
                                     "over",
                                     "overlaps",
                                     "placing",
                                     "plan",
                                     "pragma",
                                     "primary",
                                     "query",
                                     "raise",
                                     "recursive",
                                     "references",
                                     "regexp",
                                     "reindex",
                                     "release",
                                     "rename",
                                     "replace",
                                     "restrict",
                                     "returning",
                                     "right",
                                     "rollback",
                                     "row",
                                     "savepoint",
                                     "select",
                                     "session_user",
                                     "set",
                                     "similar",
                                     "some",
                                     "symmetric",
                                     "table",
                                     "tablesample",
                                     "temp",
                                     "temporary",
                                     "then",
                                     "to",
                                     "trailing",
                                     "transaction",
                                     "trigger",
                                     "true",
                                     "union",
                                     "unique",
                                     "update",
                                     "user",
                                     "using",
                                     "vacuum",
                                     "values",
                                     "variadic",
                                     "verbose",
                                     "view",
                                     "virtual",
                                     "when",
                                     "where",
                                     "window",
                                     "with",
                                     "without"};

template <std::size_t N>
bool contains(const std::array<const char*, N>& words, std::string_view name) {
  return std::any_of(words.begin(), words.end(), [&](const char* word) { return name == word; });
}

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

}  // namespace

bool is_cpp_keyword(std::string_view name) { return contains(cpp_keywords, name); }

bool is_cpp_reserved(std::string_view name) {
  if (name.find("__") != std::string_view::npos) return true;
  return name.size() >= 2 && name[0] == '_' && std::isupper(static_cast<unsigned char>(name[1]));
}

bool is_sql_reserved(std::string_view name) {
  std::string folded(name);
  std::transform(folded.begin(), folded.end(), folded.begin(), lower);
  return contains(sql_reserved, folded);
}

bool is_ascii_identifier(std::string_view name) {
  if (name.empty()) return false;
  auto first = static_cast<unsigned char>(name[0]);
  if (!(std::isalpha(first) || first == '_') || first >= 0x80) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    auto byte = static_cast<unsigned char>(c);
    return byte < 0x80 && (std::isalnum(byte) || byte == '_');
  });
}

std::string fit_sql_identifier(std::string name) {
  constexpr std::size_t limit = 63;
  if (name.size() <= limit) return name;
  std::uint32_t hash = 2166136261u;  // FNV-1a
  for (char c : name) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  char suffix[10];
  std::snprintf(suffix, sizeof suffix, "_%08x", hash);
  name.resize(limit - 9);
  return name + suffix;
}

// Optimal string alignment distance: insertions, deletions, substitutions and adjacent
// transpositions ("int46" -> "int64") each cost one; letter case is ignored. Three rows of
// the table, not all of it: memory grows with the length of `b` only.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1])) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

// Suggestions are for typos in names people type: a name or candidate longer than this gets
// none, which keeps the work per candidate small however long the names in a file are.
constexpr std::size_t max_suggested_name = 64;

std::optional<std::string> suggest(std::string_view name,
                                   const std::vector<std::string>& candidates) {
  if (name.size() > max_suggested_name) return std::nullopt;
  std::size_t limit = std::max<std::size_t>(1, (name.size() + 2) / 3);
  auto letters = [](std::string_view text) {
    std::string sorted;
    for (char c : text) sorted += lower(c);
    std::sort(sorted.begin(), sorted.end());
    return sorted;
  };
  const std::string name_letters = letters(name);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  bool best_anagram = false;
  for (const std::string& candidate : candidates) {
    if (candidate == name || candidate.size() > max_suggested_name) continue;
    std::size_t length_gap = candidate.size() > name.size() ? candidate.size() - name.size()
                                                            : name.size() - candidate.size();
    if (length_gap > limit) continue;  // the distance is at least the gap
    std::size_t distance = edit_distance(name, candidate);
    bool anagram = letters(candidate) == name_letters;  // a swap beats a different letter
    if (distance < best_distance || (distance == best_distance && anagram && !best_anagram)) {
      best_distance = distance;
      best = candidate;
      best_anagram = anagram;
    }
  }
  if (best_distance > limit) return std::nullopt;
  return best;
}

}  // namespace ormc
