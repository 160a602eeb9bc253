// parse_file: encoding checks, lexing, a bounded-depth pre-scan, then SLL parsing with an
// LL fallback (SLL is fast and right for nearly all input; LL gives exact errors).
#include "parse/parser.hpp"

#include <antlr4-runtime.h>

#include "OrmLexer.h"
#include "OrmParser.h"
#include "parse/ast_builder.hpp"
#include "parse/syntax_error_strategy.hpp"
#include "parse/token_span.hpp"
#include "support/utf8.hpp"

namespace ormc {
namespace {

using grammar::OrmLexer;
using grammar::OrmParser;
using parse_detail::token_span;

// Line and code-point column of a byte offset (invalid bytes count as one column each).
SourcePosition position_of(std::string_view text, std::size_t offset) {
  SourcePosition position{1, 1};
  std::size_t i = 0;
  while (i < offset && i < text.size()) {
    if (text[i] == '\n') {
      ++position.line;
      position.column = 1;
      ++i;
      continue;
    }
    std::size_t step = utf8::sequence_length(static_cast<unsigned char>(text[i]));
    i += step;
    ++position.column;
  }
  return position;
}

bool check_encoding(const SourceFile& source, FileId file, DiagnosticEngine& diagnostics) {
  const std::string& text = source.text();
  if (auto nul = text.find('\0'); nul != std::string::npos) {
    SourcePosition at = position_of(text, nul);
    diagnostics.report(
        DiagCode::binary_file, {file, at, {at.line, at.column + 1}},
        "file contains a NUL byte at offset " + std::to_string(nul) + "; is it a binary file?");
    return false;
  }
  if (auto bad = utf8::find_invalid(text)) {
    SourcePosition at = position_of(text, *bad);
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(text[*bad]));
    diagnostics.report(DiagCode::invalid_utf8, {file, at, {at.line, at.column + 1}},
                       std::string("file is not valid UTF-8: byte ") + hex + " at offset " +
                           std::to_string(*bad) + "; save it as UTF-8");
    return false;
  }
  return true;
}

std::string describe_character(const std::string& text) {
  auto byte = static_cast<unsigned char>(text.empty() ? 0 : text[0]);
  if (byte >= 0x20 && byte != 0x7F) return "'" + text + "'";
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", byte);
  return buffer;
}

// Reports lexical errors and over-deep nesting before the parser runs, so that the
// recursive-descent parser never recurses without bound and garbage gets one line each.
bool scan_tokens(antlr4::CommonTokenStream& tokens, FileId file, DiagnosticEngine& diagnostics) {
  bool ok = true;
  std::size_t parens = 0;
  std::size_t prefix_run = 0;
  bool nesting_reported = false;
  std::size_t quote_line = 0;  // one "strings use double quotes" per line is enough
  for (antlr4::Token* token : tokens.getTokens()) {
    switch (token->getType()) {
      case OrmLexer::BAD_CHAR: {
        ok = false;
        if (token->getText() == "'") {
          if (quote_line == token->getLine()) continue;
          quote_line = token->getLine();
        }
        std::string message = "unexpected character " + describe_character(token->getText());
        if (token->getText() == "|") message += "; write 'or' for a logical or";
        if (token->getText() == "'") message += "; strings use double quotes";
        diagnostics.report(DiagCode::unexpected_character, token_span(file, token), message);
        ok = false;
        continue;
      }
      case OrmLexer::UNTERMINATED_STRING:
        diagnostics.report(DiagCode::unterminated_string, token_span(file, token),
                           "unterminated string: missing '\"' before the end of the line");
        ok = false;
        continue;
      case OrmLexer::BLOCK_COMMENT_START:
        diagnostics.report(DiagCode::block_comment, token_span(file, token),
                           "block comments are not supported; use '//' line comments");
        return false;  // what follows is comment text, not worth reporting on
      default: break;
    }
    if (token->getChannel() != antlr4::Token::DEFAULT_CHANNEL) continue;
    const std::string text = token->getText();
    bool prefix = text == "-" || text == "+" || text == "!" || token->getType() == OrmLexer::NOT;
    prefix_run = prefix ? prefix_run + 1 : 0;
    if (text == "(") ++parens;
    if (text == ")" && parens > 0) --parens;
    if (parens + prefix_run > max_expression_nesting && !nesting_reported) {
      nesting_reported = true;
      ok = false;
      diagnostics.report(DiagCode::nesting_too_deep, token_span(file, token),
                         "parentheses and prefix operators nest deeper than " +
                             std::to_string(max_expression_nesting) + " levels");
    }
  }
  return ok;
}

}  // namespace

std::optional<ast::File> parse_file(const SourceManager& sources, FileId file,
                                    DiagnosticEngine& diagnostics) {
  const SourceFile& source = sources.file(file);
  if (!check_encoding(source, file, diagnostics)) return std::nullopt;

  antlr4::ANTLRInputStream input(source.text());
  OrmLexer lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  if (!scan_tokens(tokens, file, diagnostics)) return std::nullopt;

  OrmParser parser(&tokens);
  parser.removeErrorListeners();
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
      antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  OrmParser::FileContext* tree = nullptr;
  try {
    tree = parser.file();
  } catch (const antlr4::ParseCancellationException&) {
    // SLL could not decide or the input is wrong: rerun with full LL and real reporting.
    tokens.seek(0);
    parser.reset();
    auto strategy = std::make_shared<parse_detail::SyntaxErrorStrategy>(file, diagnostics);
    parser.setErrorHandler(strategy);
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(
        antlr4::atn::PredictionMode::LL);
    tree = parser.file();
    if (strategy->reported()) return std::nullopt;
  }
  return parse_detail::AstBuilder(file, tokens, diagnostics).build(tree);
}

}  // namespace ormc
