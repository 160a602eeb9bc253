// Layout helpers of the generated header: doc comments, wrapped lists, aligned comments.
#include <algorithm>

#include "emit/cpp/cpp_sections.hpp"

namespace ormc::cpp {

void append_doc(std::string& out, std::string_view doc, std::string_view indent) {
  if (doc.empty()) return;
  std::size_t start = 0;
  while (start <= doc.size()) {
    std::size_t end = doc.find('\n', start);
    if (end == std::string_view::npos) end = doc.size();
    std::string_view line = doc.substr(start, end - start);
    out += indent;
    out += line.empty() ? "///" : "/// ";
    out += line;
    // A backslash at the end of a line (spaces after it included) splices the next line
    // of the header into the comment; -Wcomment warns even when that line is a comment.
    std::size_t last = line.find_last_not_of(" \t");
    if (last != std::string_view::npos && line[last] == '\\') out += " //";
    out += '\n';
    start = end + 1;
  }
}

std::string wrap_list(std::string_view indent, std::string_view head,
                      const std::vector<std::string>& items, std::string_view tail) {
  std::string line = std::string(indent) + std::string(head);
  for (std::size_t i = 0; i < items.size(); ++i) line += (i > 0 ? ", " : "") + items[i];
  line += tail;
  if (line.size() <= line_limit) return line + "\n";

  std::string out = std::string(indent) + std::string(head) + "\n";
  std::string continuation = std::string(indent) + "    ";
  std::string current = continuation;
  for (std::size_t i = 0; i < items.size(); ++i) {
    std::string piece = items[i] + (i + 1 < items.size() ? "," : std::string(tail));
    if (current.size() > continuation.size() && current.size() + 1 + piece.size() > line_limit) {
      out += current + "\n";
      current = continuation;
    }
    if (current.size() > continuation.size()) current += ' ';
    current += piece;
  }
  return out + current + "\n";
}

std::string wrap_code(std::string_view line) {
  const std::size_t indent = line.find_first_not_of(' ');
  const std::string continuation(indent == std::string_view::npos ? 4 : indent + 4, ' ');
  std::string out;
  std::string_view rest = line;
  std::size_t prefix = 0;  // the width of what precedes `rest` on its output line
  while (prefix + rest.size() > line_limit) {
    // Break opportunities: after ", " or after the operator of " + " / " - ", outside strings.
    std::size_t best = std::string_view::npos;
    bool in_string = false;
    for (std::size_t i = 0; i + 2 < rest.size(); ++i) {
      char c = rest[i];
      if (in_string) {
        if (c == '\\') ++i;
        if (c == '"') in_string = false;
        continue;
      }
      if (c == '"') in_string = true;
      std::size_t end = 0;  // the length kept on this line when breaking here
      if (c == ',' && rest[i + 1] == ' ') end = i + 1;
      if (c == ' ' && (rest[i + 1] == '+' || rest[i + 1] == '-') && rest[i + 2] == ' ') end = i + 2;
      if (end == 0) continue;
      if (prefix + end > line_limit && best != std::string_view::npos) break;
      best = end;
    }
    if (best == std::string_view::npos) break;
    out += std::string(rest.substr(0, best)) + "\n" + continuation;
    rest.remove_prefix(best + 1);  // the space after the break point
    prefix = continuation.size();
  }
  return out + std::string(rest) + "\n";
}

void append_aligned(std::string& out, const std::vector<CommentedLine>& lines) {
  std::size_t i = 0;
  while (i < lines.size()) {
    if (lines[i].comment.empty() || lines[i].code.empty()) {
      out += lines[i].code.empty() && !lines[i].comment.empty() ? "// " + lines[i].comment
                                                                : lines[i].code;
      out += '\n';
      ++i;
      continue;
    }
    // A run of consecutive code lines with comments shares one comment column.
    std::size_t end = i;
    std::size_t width = 0;
    while (end < lines.size() && !lines[end].comment.empty() && !lines[end].code.empty()) {
      width = std::max(width, lines[end].code.size());
      ++end;
    }
    for (; i < end; ++i) {
      std::string line = lines[i].code;
      std::size_t pad = width - line.size() + 2;
      if (width + 5 + lines[i].comment.size() > line_limit) pad = 2;
      line.append(pad, ' ');
      out += line + "// " + lines[i].comment + "\n";
    }
  }
}

}  // namespace ormc::cpp
