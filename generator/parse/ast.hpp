// The syntax tree of one .orm file, as written: names unresolved, every node with a span.
// Comments are kept (as leading/trailing trivia) so that `ormc fmt` can print them back
// and doc comments (`///`) can reach the generated code.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "diag/source.hpp"

namespace ormc::ast {

struct Comment {
  std::string text;  //!< the whole comment, starting with "//" or "///"
  SourceSpan span;
  [[nodiscard]] bool is_doc() const { return text.rfind("///", 0) == 0; }
};

//! Comments around one item (declaration, member, enum value) and the layout hint fmt keeps.
struct Trivia {
  std::vector<Comment> leading;
  std::optional<Comment> trailing;  //!< a comment on the same line after the item
  bool blank_line_before = false;
};

//! The doc comment of an item: its `///` leading comments, markers and one space removed.
[[nodiscard]] std::string doc_text(const Trivia& trivia);

struct Name {
  std::string text;
  SourceSpan span;
};

// ---------------------------------------------------------------- expressions

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

enum class ExprKind {
  integer,  //!< text holds the digits
  decimal,  //!< text holds the literal as written
  string,   //!< text holds the decoded value
  boolean,  //!< text is "true" or "false"
  null,
  name,     //!< a dotted path: column, enum value, Model.column, now, ...
  call,     //!< path[0] is the function, operands its arguments
  unary,    //!< op is "-", "+" or "not"; one operand
  binary,   //!< op is "and", "or", "=", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%"
  is_null,  //!< operand is/is not null (negated = is not null)
  in_list,  //!< operands[0] in (operands[1..])
  between,  //!< operands[0] between operands[1] and operands[2]
  like,     //!< operands[0] like operands[1]
  paren,    //!< ( operands[0] ), kept so fmt prints the grouping the author chose
};

struct Expr {
  ExprKind kind{};
  SourceSpan span;
  std::string text;  //!< literal value or operator, canonical spelling
  std::vector<Name> path;
  std::vector<ExprPtr> operands;
  bool negated = false;  //!< not in / not between / not like / is not null
};

// ---------------------------------------------------------------- attributes and types

//! `name` or `name(arg, ...)`: column, relation, index and header attributes alike.
struct Attribute {
  Name name;
  bool has_parens = false;
  std::vector<ExprPtr> args;
  SourceSpan span;
};

struct TypeArgument {
  std::string text;
  std::uint64_t value = 0;
  bool overflow = false;
  SourceSpan span;
};

struct TypeRef {
  Name name;
  bool has_parens = false;
  std::vector<TypeArgument> args;
  SourceSpan span;
};

// ---------------------------------------------------------------- members

struct Column {
  Name name;
  TypeRef type;
  bool nullable = false;
  std::vector<Attribute> attributes;
};

enum class Cardinality { one, optional, many };

struct Relation {
  Name name;
  Name target;
  Cardinality cardinality = Cardinality::one;
  std::vector<Attribute> attributes;
};

struct TableName {
  Name name;  //!< the SQL name; quoted in the source when it is not an identifier
  bool quoted = false;
};

struct PrimaryKey {
  std::vector<Name> columns;
};

struct IndexColumn {
  Name name;
  bool descending = false;
  bool explicit_order = false;  //!< `asc` was written
};

//! `index name? (cols) attrs;` and `unique name? (cols) attrs;` (unique = true).
struct Index {
  bool unique = false;
  std::optional<Name> name;
  std::vector<IndexColumn> columns;
  std::vector<Attribute> attributes;
};

struct Check {
  std::optional<Name> name;
  ExprPtr expr;
};

struct ForeignKey {
  std::optional<Name> name;
  std::vector<Name> columns;
  std::vector<Attribute> attributes;
};

using MemberNode = std::variant<Column, Relation, TableName, PrimaryKey, Index, Check, ForeignKey>;

struct Member {
  MemberNode node;
  Trivia trivia;
  SourceSpan span;
};

// ---------------------------------------------------------------- declarations

struct EnumValue {
  Name name;
  Trivia trivia;
};

struct Enum {
  Name name;
  std::vector<Attribute> attributes;
  std::vector<EnumValue> values;
  std::vector<Comment> end_comments;  //!< comments before the closing brace
};

//! A `model` or a plain `table` block (is_table): the latter has no relations.
struct Model {
  bool is_table = false;
  Name name;
  std::vector<Attribute> attributes;
  std::vector<Member> members;
  std::vector<Comment> end_comments;
};

struct Namespace {
  std::vector<Name> parts;
};

struct Import {
  std::string path;  //!< decoded string literal
  SourceSpan span;   //!< the string literal
};

using DeclarationNode = std::variant<Namespace, Import, Enum, Model>;

struct Declaration {
  DeclarationNode node;
  Trivia trivia;
  SourceSpan span;
};

struct File {
  FileId file = no_file;
  std::vector<Declaration> declarations;
  std::vector<Comment> end_comments;  //!< comments after the last declaration
};

}  // namespace ormc::ast
