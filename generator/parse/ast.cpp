// Helpers on the syntax tree.
#include "parse/ast.hpp"

namespace ormc::ast {

std::string doc_text(const Trivia& trivia) {
  // Only the `///` lines directly above the item count: a plain comment ends the doc block.
  std::string doc;
  for (const Comment& comment : trivia.leading) {
    if (!comment.is_doc()) {
      doc.clear();
      continue;
    }
    std::string_view line = std::string_view(comment.text).substr(3);
    if (!line.empty() && line.front() == ' ') line.remove_prefix(1);
    if (!doc.empty()) doc += '\n';
    doc += line;
  }
  return doc;
}

}  // namespace ormc::ast
