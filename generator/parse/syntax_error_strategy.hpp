// ANTLR error strategy that reports syntax errors as ormc diagnostics with readable
// "expected ..." lists instead of ANTLR's token-set dumps (internal to generator/parse).
#pragma once

#include <antlr4-runtime.h>

#include "diag/diagnostic.hpp"

namespace ormc::parse_detail {

class SyntaxErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  SyntaxErrorStrategy(FileId file, DiagnosticEngine& diagnostics)
      : file_(file), diagnostics_(diagnostics) {}

  [[nodiscard]] bool reported() const { return reported_; }

 protected:
  void reportNoViableAlternative(antlr4::Parser* parser,
                                 const antlr4::NoViableAltException& error) override;
  void reportInputMismatch(antlr4::Parser* parser,
                           const antlr4::InputMismatchException& error) override;
  void reportFailedPredicate(antlr4::Parser* parser,
                             const antlr4::FailedPredicateException& error) override;
  void reportUnwantedToken(antlr4::Parser* parser) override;
  void reportMissingToken(antlr4::Parser* parser) override;

 private:
  void report_unexpected(antlr4::Parser* parser, antlr4::Token* offending,
                         const antlr4::misc::IntervalSet& expected);

  FileId file_;
  DiagnosticEngine& diagnostics_;
  bool reported_ = false;
};

//! "';'", "a name", "end of file": how a token type reads in a message.
std::string describe_token_type(const antlr4::dfa::Vocabulary& vocabulary, std::size_t type);

}  // namespace ormc::parse_detail
