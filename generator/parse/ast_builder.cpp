// Turns ANTLR's parse tree into ast::File: spans on every node, string escapes decoded,
// expression depth bounded, and every comment attached to exactly one item.
#include "parse/ast_builder.hpp"

#include <algorithm>
#include <charconv>

#include "OrmLexer.h"
#include "parse/parser.hpp"
#include "parse/token_span.hpp"

namespace ormc::parse_detail {
namespace {

using grammar::OrmLexer;
using grammar::OrmParser;

constexpr std::size_t comment_channel = 2;

}  // namespace

AstBuilder::AstBuilder(FileId file, antlr4::CommonTokenStream& tokens,
                       DiagnosticEngine& diagnostics)
    : file_(file),
      tokens_(tokens),
      diagnostics_(diagnostics),
      all_tokens_(tokens.getTokens()),
      consumed_(all_tokens_.size(), false) {}

SourceSpan AstBuilder::span(antlr4::ParserRuleContext* context) const {
  return context_span(file_, context);
}

SourceSpan AstBuilder::span(const antlr4::Token* token) const { return token_span(file_, token); }

ast::Name AstBuilder::name(OrmParser::NameContext* context) const {
  // A name is one token: its text directly, not RuleContext::getText()'s tree walk.
  return {context->getStart()->getText(), span(context)};
}

// ---------------------------------------------------------------- strings

std::optional<std::string> AstBuilder::decode_string(const antlr4::Token* token) {
  std::string text = token->getText();
  std::string result;
  result.reserve(text.size());
  // The lexer guarantees the surrounding quotes and that a backslash is followed by a char.
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    char c = text[i];
    if (c != '\\') {
      result += c;
      continue;
    }
    char escaped = text[++i];
    switch (escaped) {
      case '"': result += '"'; break;
      case '\\': result += '\\'; break;
      case 'n': result += '\n'; break;
      case 't': result += '\t'; break;
      case 'r': result += '\r'; break;
      default: {
        SourcePosition begin = token_begin(token);
        std::size_t column = utf8::count_code_points(std::string_view(text).substr(0, i - 1));
        begin.column += static_cast<std::uint32_t>(column);
        diagnostics_.report(DiagCode::invalid_escape,
                            {file_, begin, {begin.line, begin.column + 2}},
                            std::string("unknown escape sequence '\\") + escaped +
                                R"(' in string; the escapes are \" \\ \n \t \r)");
        failed_ = true;
        return std::nullopt;
      }
    }
  }
  return result;
}

// ---------------------------------------------------------------- comments

std::vector<ast::Comment> AstBuilder::take_comments(std::size_t from, std::size_t to) {
  std::vector<ast::Comment> result;
  const auto& all = all_tokens_;
  to = std::min(to, all.size());
  for (std::size_t i = from; i < to; ++i) {
    antlr4::Token* token = all[i];
    if (token->getChannel() != comment_channel || consumed_[i]) continue;
    consumed_[i] = true;
    std::string text = token->getText();
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) {
      text.pop_back();
    }
    result.push_back({std::move(text), span(token)});
  }
  return result;
}

std::size_t AstBuilder::end_line_of(std::size_t token_index) const {
  return tokens_.get(token_index)->getLine();
}

ast::Trivia AstBuilder::trivia_for(ItemRange item, std::size_t& cursor) {
  ast::Trivia trivia;
  std::size_t previous_line = cursor == no_token ? 0 : end_line_of(cursor);
  std::size_t from = cursor == no_token ? 0 : cursor + 1;
  trivia.leading = take_comments(from, item.start);
  // Comments inside the item that no nested item claimed move in front of it: never lost.
  auto interior = take_comments(item.start, item.stop + 1);
  trivia.leading.insert(trivia.leading.end(), std::make_move_iterator(interior.begin()),
                        std::make_move_iterator(interior.end()));

  std::size_t first_line = tokens_.get(item.start)->getLine();
  if (!trivia.leading.empty() && trivia.leading.front().span.begin.line < first_line) {
    first_line = trivia.leading.front().span.begin.line;
  }
  trivia.blank_line_before = previous_line != 0 && first_line > previous_line + 1;

  // A trailing comment sits on the item's last line, after it and any ',' or ';'.
  std::size_t end = item.stop;
  std::size_t stop_line = tokens_.get(item.stop)->getLine();
  const auto& all = all_tokens_;
  for (std::size_t i = item.stop + 1; i < all.size(); ++i) {
    antlr4::Token* token = all[i];
    if (token->getLine() != stop_line) break;
    if (token->getChannel() == comment_channel) {
      if (!consumed_[i]) {
        auto comments = take_comments(i, i + 1);
        trivia.trailing = std::move(comments.front());
        end = i;
      }
      break;
    }
    if (token->getText() != "," && token->getText() != ";") break;
    end = i;
  }
  cursor = end;
  return trivia;
}

void AstBuilder::check_all_comments_attached(std::vector<ast::Comment>& file_end) {
  auto rest = take_comments(0, all_tokens_.size());
  file_end.insert(file_end.end(), std::make_move_iterator(rest.begin()),
                  std::make_move_iterator(rest.end()));
}

// ---------------------------------------------------------------- expressions

ast::ExprPtr AstBuilder::make(ast::ExprKind kind, antlr4::ParserRuleContext* context) {
  auto expr = std::make_unique<ast::Expr>();
  expr->kind = kind;
  expr->span = span(context);
  return expr;
}

bool AstBuilder::enter(antlr4::ParserRuleContext* context) {
  if (++depth_ <= max_expression_tree_depth) return true;
  if (!depth_reported_) {
    depth_reported_ = true;
    diagnostics_.report(DiagCode::nesting_too_deep, span(context),
                        "expression is too large: more than " +
                            std::to_string(max_expression_tree_depth) +
                            " operators in a row (split the check into several)");
  }
  failed_ = true;
  return false;
}

ast::ExprPtr AstBuilder::expr(OrmParser::ExprContext* context) {
  return or_expr(context->orExpr());
}

// Folds `a op b op c` into a left-deep tree; children alternate operand, operator token.
template <typename Operand, typename Build>
ast::ExprPtr AstBuilder::fold_binary(antlr4::ParserRuleContext* context, Build build_operand) {
  ast::ExprPtr left;
  std::string op;
  DepthGuard guard(*this);
  for (antlr4::tree::ParseTree* child : context->children) {
    if (auto* operand = dynamic_cast<Operand*>(child)) {
      ast::ExprPtr right = (this->*build_operand)(operand);
      if (!right) return nullptr;
      if (!left) {
        left = std::move(right);
        continue;
      }
      if (!enter(context)) return nullptr;
      auto node = std::make_unique<ast::Expr>();
      node->kind = ast::ExprKind::binary;
      node->text = op;
      node->span = {file_, left->span.begin, right->span.end};
      node->operands.push_back(std::move(left));
      node->operands.push_back(std::move(right));
      left = std::move(node);
    } else {
      // NOLINTNEXTLINE(clang-analyzer-core.CallAndMessage): ANTLR stores no null child
      op = child->getText();
      if (op == "&&") op = "and";
      if (op == "==") op = "=";
      if (op == "<>") op = "!=";
    }
  }
  return left;
}

ast::ExprPtr AstBuilder::or_expr(OrmParser::OrExprContext* context) {
  return fold_binary<OrmParser::AndExprContext>(context, &AstBuilder::and_expr);
}

ast::ExprPtr AstBuilder::and_expr(OrmParser::AndExprContext* context) {
  return fold_binary<OrmParser::NotExprContext>(context, &AstBuilder::not_expr);
}

ast::ExprPtr AstBuilder::not_expr(OrmParser::NotExprContext* context) {
  if (context->predicate() != nullptr) return predicate(context->predicate());
  DepthGuard guard(*this);
  if (!enter(context)) return nullptr;
  auto operand = not_expr(context->notExpr());
  if (!operand) return nullptr;
  auto node = make(ast::ExprKind::unary, context);
  node->text = "not";
  node->operands.push_back(std::move(operand));
  return node;
}

ast::ExprPtr AstBuilder::predicate(OrmParser::PredicateContext* context) {
  auto additives = context->additive();
  ast::ExprPtr first = additive(additives[0]);
  if (!first || context->children.size() == 1) return first;
  DepthGuard guard(*this);
  if (!enter(context)) return nullptr;
  ast::ExprPtr node;
  bool negated = context->NOT() != nullptr;
  if (context->compareOp() != nullptr) {
    node = make(ast::ExprKind::binary, context);
    node->text = context->compareOp()->getText();
    if (node->text == "==") node->text = "=";
    if (node->text == "<>") node->text = "!=";
  } else if (context->IS() != nullptr) {
    node = make(ast::ExprKind::is_null, context);
  } else if (context->IN() != nullptr) {
    node = make(ast::ExprKind::in_list, context);
  } else if (context->BETWEEN() != nullptr) {
    node = make(ast::ExprKind::between, context);
  } else {
    node = make(ast::ExprKind::like, context);
  }
  node->negated = negated;
  node->operands.push_back(std::move(first));
  for (std::size_t i = 1; i < additives.size(); ++i) {
    auto operand = additive(additives[i]);
    if (!operand) return nullptr;
    node->operands.push_back(std::move(operand));
  }
  for (auto* item : context->expr()) {
    auto operand = expr(item);
    if (!operand) return nullptr;
    node->operands.push_back(std::move(operand));
  }
  return node;
}

ast::ExprPtr AstBuilder::additive(OrmParser::AdditiveContext* context) {
  return fold_binary<OrmParser::MultiplicativeContext>(context, &AstBuilder::multiplicative);
}

ast::ExprPtr AstBuilder::multiplicative(OrmParser::MultiplicativeContext* context) {
  return fold_binary<OrmParser::UnaryContext>(context, &AstBuilder::unary);
}

ast::ExprPtr AstBuilder::unary(OrmParser::UnaryContext* context) {
  if (context->primary() != nullptr) return primary(context->primary());
  DepthGuard guard(*this);
  if (!enter(context)) return nullptr;
  auto operand = unary(context->unary());
  if (!operand) return nullptr;
  auto node = make(ast::ExprKind::unary, context);
  node->text = context->getStart()->getText();
  node->operands.push_back(std::move(operand));
  return node;
}

ast::ExprPtr AstBuilder::primary(OrmParser::PrimaryContext* context) {
  if (auto* literal_context = context->literal()) return literal(literal_context);
  DepthGuard guard(*this);
  if (!enter(context)) return nullptr;
  if (context->expr().size() == 1 && context->name().empty()) {  // ( expr )
    auto inner = expr(context->expr(0));
    if (!inner) return nullptr;
    auto node = make(ast::ExprKind::paren, context);
    node->operands.push_back(std::move(inner));
    return node;
  }
  bool is_call = false;
  for (auto* child : context->children) {
    auto* terminal = dynamic_cast<antlr4::tree::TerminalNode*>(child);
    if (terminal != nullptr && terminal->getSymbol()->getText() == "(") is_call = true;
  }
  auto node = make(is_call ? ast::ExprKind::call : ast::ExprKind::name, context);
  for (auto* part : context->name()) node->path.push_back(name(part));
  for (auto* argument : context->expr()) {
    auto operand = expr(argument);
    if (!operand) return nullptr;
    node->operands.push_back(std::move(operand));
  }
  return node;
}

ast::ExprPtr AstBuilder::literal(OrmParser::LiteralContext* context) {
  antlr4::Token* token = context->getStart();
  switch (token->getType()) {
    case OrmLexer::INTEGER: {
      auto node = make(ast::ExprKind::integer, context);
      node->text = token->getText();
      return node;
    }
    case OrmLexer::DECIMAL: {
      auto node = make(ast::ExprKind::decimal, context);
      node->text = token->getText();
      return node;
    }
    case OrmLexer::STRING: {
      auto value = decode_string(token);
      if (!value) return nullptr;
      auto node = make(ast::ExprKind::string, context);
      node->text = std::move(*value);
      return node;
    }
    case OrmLexer::TRUE:
    case OrmLexer::FALSE: {
      auto node = make(ast::ExprKind::boolean, context);
      node->text = token->getText();
      return node;
    }
    default: return make(ast::ExprKind::null, context);
  }
}

// ---------------------------------------------------------------- attributes and types

std::vector<ast::Attribute> AstBuilder::attributes(
    const std::vector<OrmParser::AttributeContext*>& contexts) {
  std::vector<ast::Attribute> result;
  for (auto* context : contexts) {
    ast::Attribute attribute;
    attribute.name = name(context->name());
    attribute.span = span(context);
    attribute.has_parens = context->children.size() > 1;
    for (auto* argument : context->expr()) {
      auto value = expr(argument);
      if (!value) {
        failed_ = true;
        continue;
      }
      attribute.args.push_back(std::move(value));
    }
    result.push_back(std::move(attribute));
  }
  return result;
}

ast::TypeRef AstBuilder::type_ref(OrmParser::TypeRefContext* context) {
  ast::TypeRef type;
  type.name = name(context->name());
  type.span = span(context);
  type.has_parens = context->children.size() > 1;
  for (auto* argument : context->typeArg()) {
    ast::TypeArgument value;
    value.text = argument->getText();
    value.span = span(argument);
    auto [end, error] =
        std::from_chars(value.text.data(), value.text.data() + value.text.size(), value.value);
    value.overflow = error != std::errc{};
    type.args.push_back(std::move(value));
  }
  return type;
}

std::vector<ast::Name> AstBuilder::names(OrmParser::NameListContext* context) {
  std::vector<ast::Name> result;
  for (auto* item : context->name()) result.push_back(name(item));
  return result;
}

std::vector<ast::IndexColumn> AstBuilder::index_columns(
    const std::vector<OrmParser::IndexColumnContext*>& contexts) {
  std::vector<ast::IndexColumn> result;
  result.reserve(contexts.size());
  for (auto* context : contexts) {
    result.push_back(
        {name(context->name()), context->DESC() != nullptr, context->ASC() != nullptr});
  }
  return result;
}

std::optional<ast::Name> AstBuilder::optional_name(OrmParser::NameContext* context) const {
  if (context == nullptr) return std::nullopt;
  return name(context);
}

// ---------------------------------------------------------------- members

ast::MemberNode AstBuilder::member_node(OrmParser::MemberContext* context) {
  if (auto* c = context->columnDecl()) {
    ast::Column column;
    column.name = name(c->name());
    column.type = type_ref(c->typeRef());
    column.nullable = c->nullable != nullptr;
    column.attributes = attributes(c->attribute());
    return column;
  }
  if (auto* r = context->relationDecl()) {
    ast::Relation relation;
    relation.name = name(r->name(0));
    relation.target = name(r->name(1));
    if (auto* cardinality = r->cardinality()) {
      relation.cardinality =
          cardinality->getText() == "?" ? ast::Cardinality::optional : ast::Cardinality::many;
    }
    relation.attributes = attributes(r->attribute());
    return relation;
  }
  if (auto* t = context->tableNameDecl()) {
    ast::TableName table;
    if (t->name() != nullptr) {
      table.name = name(t->name());
    } else {
      table.name = {decode_string(t->STRING()->getSymbol()).value_or(""),
                    span(t->STRING()->getSymbol())};
      table.quoted = true;
    }
    return table;
  }
  if (auto* p = context->primaryKeyDecl()) return ast::PrimaryKey{names(p->nameList())};
  if (auto* u = context->uniqueDecl()) {
    return ast::Index{true, optional_name(u->name()), index_columns(u->indexColumn()),
                      attributes(u->attribute())};
  }
  if (auto* i = context->indexDecl()) {
    return ast::Index{false, optional_name(i->name()), index_columns(i->indexColumn()),
                      attributes(i->attribute())};
  }
  if (auto* c = context->checkDecl()) {
    ast::Check check{optional_name(c->name()), expr(c->expr())};
    if (!check.expr) failed_ = true;
    return check;
  }
  auto* f = context->foreignKeyDecl();
  return ast::ForeignKey{optional_name(f->name()), names(f->nameList()),
                         attributes(f->attribute())};
}

// Builds a block's items in order, each with its comments; `open` and `close` are the
// token indexes of its braces.
template <typename Context, typename Build>
void AstBuilder::block(const std::vector<Context*>& items, std::size_t open, std::size_t close,
                       std::vector<ast::Comment>& end_comments, Build build_item) {
  std::size_t cursor = open;
  for (Context* item : items) {
    ItemRange range{item->getStart()->getTokenIndex(), item->getStop()->getTokenIndex()};
    // Nested items first, so the comments inside them are theirs, not this item's.
    auto& node = build_item(item);
    node.trivia = trivia_for(range, cursor);
  }
  end_comments = take_comments(cursor + 1, close);
}

namespace {

std::size_t brace_index(antlr4::ParserRuleContext* context, const char* brace) {
  for (auto* child : context->children) {
    auto* terminal = dynamic_cast<antlr4::tree::TerminalNode*>(child);
    if (terminal != nullptr && terminal->getText() == brace) {
      return terminal->getSymbol()->getTokenIndex();
    }
  }
  return context->getStop()->getTokenIndex();
}

}  // namespace

ast::Model AstBuilder::model(antlr4::ParserRuleContext* context, bool is_table,
                             OrmParser::NameContext* model_name,
                             const std::vector<OrmParser::AttributeContext*>& header,
                             const std::vector<OrmParser::MemberContext*>& members) {
  ast::Model result;
  result.is_table = is_table;
  result.name = name(model_name);
  result.attributes = attributes(header);
  result.members.reserve(members.size());
  block(members, brace_index(context, "{"), brace_index(context, "}"), result.end_comments,
        [&](OrmParser::MemberContext* member) -> ast::Member& {
          result.members.push_back({member_node(member), {}, span(member)});
          return result.members.back();
        });
  return result;
}

ast::Enum AstBuilder::enumeration(OrmParser::EnumDeclContext* context) {
  ast::Enum result;
  result.name = name(context->name());
  result.attributes = attributes(context->attribute());
  block(context->enumValue(), brace_index(context, "{"), brace_index(context, "}"),
        result.end_comments, [&](OrmParser::EnumValueContext* value) -> ast::EnumValue& {
          result.values.push_back({name(value->name()), {}});
          return result.values.back();
        });
  return result;
}

ast::DeclarationNode AstBuilder::declaration_node(OrmParser::DeclarationContext* context) {
  if (auto* n = context->namespaceDecl()) {
    ast::Namespace result;
    for (auto* part : n->qualifiedName()->name()) result.parts.push_back(name(part));
    return result;
  }
  if (auto* i = context->importDecl()) {
    antlr4::Token* path = i->STRING()->getSymbol();
    return ast::Import{decode_string(path).value_or(""), span(path)};
  }
  if (auto* e = context->enumDecl()) return enumeration(e);
  if (auto* m = context->modelDecl()) {
    return model(m, false, m->name(), m->attribute(), m->member());
  }
  auto* t = context->tableDecl();
  return model(t, true, t->name(), t->attribute(), t->member());
}

std::optional<ast::File> AstBuilder::build(OrmParser::FileContext* context) {
  ast::File file;
  file.file = file_;
  auto declarations = context->declaration();
  file.declarations.reserve(declarations.size());
  block(declarations, no_token, context->getStop()->getTokenIndex(), file.end_comments,
        [&](OrmParser::DeclarationContext* declaration) -> ast::Declaration& {
          file.declarations.push_back({declaration_node(declaration), {}, span(declaration)});
          return file.declarations.back();
        });
  check_all_comments_attached(file.end_comments);
  if (failed_) return std::nullopt;
  return file;
}

}  // namespace ormc::parse_detail
