// Readable syntax errors: "expected ';' after ..." at the end of the previous token when a
// line ends early, else "unexpected X; expected A, B or C" with keywords folded into "a name".
#include "parse/syntax_error_strategy.hpp"

#include <set>

#include "OrmLexer.h"
#include "parse/token_span.hpp"

namespace ormc::parse_detail {
namespace {

using grammar::OrmLexer;

bool is_keyword(std::size_t type) { return type >= OrmLexer::NAMESPACE && type <= OrmLexer::NULL_; }

std::string describe_offending(antlr4::Token* token) {
  if (token->getType() == antlr4::Token::EOF) return "end of file";
  return "'" + token->getText() + "'";
}

}  // namespace

std::string describe_token_type(const antlr4::dfa::Vocabulary& vocabulary, std::size_t type) {
  switch (type) {
    case antlr4::Token::EOF: return "end of file";
    case OrmLexer::IDENT: return "a name";
    case OrmLexer::INTEGER: return "an integer";
    case OrmLexer::DECIMAL: return "a decimal number";
    case OrmLexer::STRING: return "a string";
    default: break;
  }
  std::string literal = vocabulary.getLiteralName(type);
  if (!literal.empty()) return literal;  // already quoted: 'model'
  return vocabulary.getSymbolicName(type);
}

void SyntaxErrorStrategy::report_unexpected(antlr4::Parser* parser, antlr4::Token* offending,
                                            const antlr4::misc::IntervalSet& expected) {
  reported_ = true;
  const auto& vocabulary = parser->getVocabulary();
  bool names_expected = expected.contains(static_cast<std::size_t>(OrmLexer::IDENT));
  std::vector<std::string> items;
  std::set<std::string> seen;
  for (auto raw : expected.toList()) {
    if (raw < 0) continue;
    auto type = static_cast<std::size_t>(raw);
    if (names_expected && is_keyword(type)) continue;  // a keyword is also a name
    std::string text = describe_token_type(vocabulary, type);
    if (seen.insert(text).second) items.push_back(text);
  }

  // A missing ';' (or similar) at the end of a line reads best at the end of that line.
  auto* stream = parser->getTokenStream();
  antlr4::Token* previous = nullptr;
  for (auto index = static_cast<std::ptrdiff_t>(offending->getTokenIndex()) - 1; index >= 0;
       --index) {
    antlr4::Token* candidate = stream->get(static_cast<std::size_t>(index));
    if (candidate->getChannel() == antlr4::Token::DEFAULT_CHANNEL) {
      previous = candidate;
      break;
    }
  }
  bool line_ended = previous != nullptr && (offending->getType() == antlr4::Token::EOF ||
                                            offending->getLine() > previous->getLine());
  // When the line ended early, what is missing belongs at its end: prefer ';' if possible.
  std::string wanted = items.size() == 1 ? items.front() : "";
  if (seen.contains("';'")) wanted = "';'";
  if (line_ended && !wanted.empty()) {
    SourcePosition end = token_end(previous);
    auto builder =
        diagnostics_.report(DiagCode::syntax_error, {file_, end, {end.line, end.column + 1}},
                            "expected " + wanted + " after '" + previous->getText() + "'");
    if (wanted.size() > 2 && wanted.front() == '\'') {
      builder.fixit(wanted.substr(1, wanted.size() - 2));
    }
    return;
  }

  std::string message = "unexpected " + describe_offending(offending);
  if (!items.empty() && items.size() <= 8) {
    message += "; expected ";
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i > 0) message += i + 1 == items.size() ? " or " : ", ";
      message += items[i];
    }
  }
  // Arrows from other languages: `=>`, `:` and `-` `>` typed apart read as a relation.
  std::size_t next_index = offending->getTokenIndex() + 1;
  antlr4::Token* next = next_index < stream->size() ? stream->get(next_index) : nullptr;
  if ((offending->getText() == "=" && next != nullptr && next->getText() == ">") ||
      offending->getText() == ":") {
    message += "; a relation is written `name -> Model`";
  }
  diagnostics_.report(DiagCode::syntax_error, token_span(file_, offending), message);
}

void SyntaxErrorStrategy::reportNoViableAlternative(antlr4::Parser* parser,
                                                    const antlr4::NoViableAltException& error) {
  report_unexpected(parser, error.getOffendingToken(), error.getExpectedTokens());
}

void SyntaxErrorStrategy::reportInputMismatch(antlr4::Parser* parser,
                                              const antlr4::InputMismatchException& error) {
  report_unexpected(parser, error.getOffendingToken(), error.getExpectedTokens());
}

void SyntaxErrorStrategy::reportFailedPredicate(antlr4::Parser* parser,
                                                const antlr4::FailedPredicateException& error) {
  report_unexpected(parser, error.getOffendingToken(), error.getExpectedTokens());
}

void SyntaxErrorStrategy::reportUnwantedToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  report_unexpected(parser, parser->getCurrentToken(), getExpectedTokens(parser));
}

void SyntaxErrorStrategy::reportMissingToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  report_unexpected(parser, parser->getCurrentToken(), getExpectedTokens(parser));
}

}  // namespace ormc::parse_detail
