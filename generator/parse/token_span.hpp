// Spans of ANTLR tokens and parse-tree contexts (internal to generator/parse).
#pragma once

#include <antlr4-runtime.h>

#include "diag/source.hpp"
#include "support/utf8.hpp"

namespace ormc::parse_detail {

inline SourcePosition token_begin(const antlr4::Token* token) {
  return {static_cast<std::uint32_t>(token->getLine()),
          static_cast<std::uint32_t>(token->getCharPositionInLine() + 1)};
}

inline SourcePosition token_end(const antlr4::Token* token) {
  SourcePosition begin = token_begin(token);
  if (token->getType() == antlr4::Token::EOF) return begin;
  begin.column += static_cast<std::uint32_t>(utf8::count_code_points(token->getText()));
  return begin;
}

inline SourceSpan token_span(FileId file, const antlr4::Token* token) {
  return {file, token_begin(token), token_end(token)};
}

inline SourceSpan context_span(FileId file, antlr4::ParserRuleContext* context) {
  const antlr4::Token* stop = context->getStop();
  if (stop == nullptr || stop->getTokenIndex() < context->getStart()->getTokenIndex()) {
    stop = context->getStart();
  }
  return {file, token_begin(context->getStart()), token_end(stop)};
}

}  // namespace ormc::parse_detail
