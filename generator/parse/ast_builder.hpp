// Parse tree -> ast::File (internal to generator/parse).
#pragma once

#include <limits>

#include "OrmParser.h"
#include "diag/diagnostic.hpp"
#include "parse/ast.hpp"

namespace ormc::parse_detail {

class AstBuilder {
 public:
  AstBuilder(FileId file, antlr4::CommonTokenStream& tokens, DiagnosticEngine& diagnostics);

  //! nullopt when a string escape was invalid or an expression too deep (already reported).
  std::optional<ast::File> build(grammar::OrmParser::FileContext* context);

 private:
  using Parser = grammar::OrmParser;
  static constexpr std::size_t no_token = std::numeric_limits<std::size_t>::max();

  struct ItemRange {
    std::size_t start;
    std::size_t stop;
  };

  //! Restores the expression depth on scope exit.
  struct DepthGuard {
    explicit DepthGuard(AstBuilder& owner) : builder(owner), saved(owner.depth_) {}
    ~DepthGuard() { builder.depth_ = saved; }
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;
    AstBuilder& builder;
    std::size_t saved;
  };

  [[nodiscard]] SourceSpan span(antlr4::ParserRuleContext* context) const;
  [[nodiscard]] SourceSpan span(const antlr4::Token* token) const;
  [[nodiscard]] ast::Name name(Parser::NameContext* context) const;
  [[nodiscard]] std::optional<ast::Name> optional_name(Parser::NameContext* context) const;
  std::optional<std::string> decode_string(const antlr4::Token* token);

  std::vector<ast::Comment> take_comments(std::size_t from, std::size_t to);
  [[nodiscard]] std::size_t end_line_of(std::size_t token_index) const;
  ast::Trivia trivia_for(ItemRange item, std::size_t& cursor);
  void check_all_comments_attached(std::vector<ast::Comment>& file_end);

  template <typename Context, typename Build>
  void block(const std::vector<Context*>& items, std::size_t open, std::size_t close,
             std::vector<ast::Comment>& end_comments, Build build_item);

  ast::DeclarationNode declaration_node(Parser::DeclarationContext* context);
  ast::Enum enumeration(Parser::EnumDeclContext* context);
  ast::Model model(antlr4::ParserRuleContext* context, bool is_table,
                   Parser::NameContext* model_name,
                   const std::vector<Parser::AttributeContext*>& header,
                   const std::vector<Parser::MemberContext*>& members);
  ast::MemberNode member_node(Parser::MemberContext* context);
  std::vector<ast::Attribute> attributes(const std::vector<Parser::AttributeContext*>& contexts);
  ast::TypeRef type_ref(Parser::TypeRefContext* context);
  std::vector<ast::Name> names(Parser::NameListContext* context);
  std::vector<ast::IndexColumn> index_columns(
      const std::vector<Parser::IndexColumnContext*>& contexts);

  ast::ExprPtr make(ast::ExprKind kind, antlr4::ParserRuleContext* context);
  bool enter(antlr4::ParserRuleContext* context);
  template <typename Operand, typename Build>
  ast::ExprPtr fold_binary(antlr4::ParserRuleContext* context, Build build_operand);
  ast::ExprPtr expr(Parser::ExprContext* context);
  ast::ExprPtr or_expr(Parser::OrExprContext* context);
  ast::ExprPtr and_expr(Parser::AndExprContext* context);
  ast::ExprPtr not_expr(Parser::NotExprContext* context);
  ast::ExprPtr predicate(Parser::PredicateContext* context);
  ast::ExprPtr additive(Parser::AdditiveContext* context);
  ast::ExprPtr multiplicative(Parser::MultiplicativeContext* context);
  ast::ExprPtr unary(Parser::UnaryContext* context);
  ast::ExprPtr primary(Parser::PrimaryContext* context);
  ast::ExprPtr literal(Parser::LiteralContext* context);

  FileId file_;
  antlr4::CommonTokenStream& tokens_;
  DiagnosticEngine& diagnostics_;
  std::vector<antlr4::Token*> all_tokens_;  // getTokens() copies: take it once
  std::vector<bool> consumed_;
  std::size_t depth_ = 0;
  bool depth_reported_ = false;
  bool failed_ = false;
};

}  // namespace ormc::parse_detail
