// line_diff.cpp — longest-common-subsequence line diff; test outputs are small, so the
// quadratic table is fine.
#include "support/line_diff.hpp"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace ormc::testing {
namespace {

constexpr std::size_t context_lines = 3;

struct Edit {
  char op;  // ' ' kept, '-' only in expected, '+' only in actual
  std::string_view line;
  std::size_t expected_line;  // 1-based line numbers of the position in each text
  std::size_t actual_line;
};

//! Splits into lines; a last line without '\n' is marked, since that difference matters.
std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    if (end == std::string_view::npos) {
      lines.emplace_back(std::string(text) + "\\ (no newline at end)");
      break;
    }
    lines.emplace_back(text.substr(0, end));
    text.remove_prefix(end + 1);
  }
  return lines;
}

std::vector<Edit> edit_script(const std::vector<std::string>& a,
                              const std::vector<std::string>& b) {
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  std::vector<std::vector<std::size_t>> lcs(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = a.size(); i-- > 0;) {
    for (std::size_t j = b.size(); j-- > 0;) {
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::vector<Edit> edits;
  std::size_t i = 0;
  std::size_t j = 0;
  while (i < a.size() || j < b.size()) {
    if (i < a.size() && j < b.size() && a[i] == b[j]) {
      edits.push_back({' ', a[i], i + 1, j + 1});
      ++i;
      ++j;
    } else if (j == b.size() || (i < a.size() && lcs[i + 1][j] >= lcs[i][j + 1])) {
      edits.push_back({'-', a[i], i + 1, j + 1});
      ++i;
    } else {
      edits.push_back({'+', b[j], i + 1, j + 1});
      ++j;
    }
  }
  return edits;
}

}  // namespace

std::string line_diff(std::string_view expected, std::string_view actual) {
  if (expected == actual) return {};
  const std::vector<std::string> a = split_lines(expected);
  const std::vector<std::string> b = split_lines(actual);
  const std::vector<Edit> edits = edit_script(a, b);

  std::string out = "--- expected\n+++ actual\n";
  std::size_t k = 0;
  while (k < edits.size()) {
    if (edits[k].op == ' ') {
      ++k;
      continue;
    }
    // A hunk runs from a few lines before this change to a few lines after the last change
    // that follows closely enough (at most 2 * context_lines unchanged lines in between).
    const std::size_t begin = k > context_lines ? k - context_lines : 0;
    std::size_t last_change = k;
    for (std::size_t e = k + 1; e < edits.size() && e - last_change <= 2 * context_lines; ++e) {
      if (edits[e].op != ' ') last_change = e;
    }
    const std::size_t end = std::min(edits.size(), last_change + context_lines + 1);
    out += "@@ expected line " + std::to_string(edits[begin].expected_line) + ", actual line " +
           std::to_string(edits[begin].actual_line) + " @@\n";
    for (std::size_t e = begin; e < end; ++e) {
      out += edits[e].op;
      out += edits[e].line;
      out += '\n';
    }
    k = end;
  }
  return out;
}

}  // namespace ormc::testing
