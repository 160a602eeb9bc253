// format_test.cpp — the canonical formatter (format/formatter.hpp): layout, comments,
// idempotence, and that formatted text parses back to the same tree.
#include <optional>
#include <string>
#include <variant>

#include <doctest/doctest.h>

#include "diag/diagnostic.hpp"
#include "diag/source.hpp"
#include "format/formatter.hpp"
#include "parse/parser.hpp"

namespace {

using namespace ormc;

std::optional<ast::File> parse(const std::string& text) {
  SourceManager sources;
  const FileId id = sources.add("test.orm", text);
  DiagnosticEngine diagnostics;
  auto file = parse_file(sources, id, diagnostics);
  for (const Diagnostic& diagnostic : diagnostics.diagnostics()) {
    INFO("line " << diagnostic.span.begin.line << ": " << diagnostic.message);
    CHECK(false);
  }
  return file;
}

// Formats `text`, checks that formatting the result changes nothing, returns the result.
std::string format(const std::string& text) {
  auto file = parse(text);
  REQUIRE(file.has_value());
  std::string once = format_file(*file);
  auto again = parse(once);
  REQUIRE_MESSAGE(again.has_value(), "formatted text does not parse:\n" << once);
  CHECK_MESSAGE(format_file(*again) == once, "not idempotent:\n" << once);
  return once;
}

// ---------------------------------------------------------------- the tree without spans

std::string dump(const ast::Expr& expr);

std::string dump_names(const std::vector<ast::Name>& names) {
  std::string out;
  for (const ast::Name& name : names) out += name.text + ",";
  return out;
}

std::string dump(const ast::Expr& expr) {
  std::string out = "(" + std::to_string(static_cast<int>(expr.kind)) + " " + expr.text + " " +
                    dump_names(expr.path) + (expr.negated ? " not" : "");
  for (const auto& operand : expr.operands) out += " " + dump(*operand);
  return out + ")";
}

std::string dump(const std::vector<ast::Attribute>& attributes) {
  std::string out;
  for (const ast::Attribute& attribute : attributes) {
    out += " " + attribute.name.text + (attribute.has_parens ? "(" : "");
    for (const auto& arg : attribute.args) out += dump(*arg);
    out += attribute.has_parens ? ")" : "";
  }
  return out;
}

struct MemberDump {
  std::string operator()(const ast::Column& c) const {
    std::string out = "column " + c.name.text + " " + c.type.name.text;
    for (const auto& arg : c.type.args) out += "," + arg.text;
    return out + (c.nullable ? "?" : "") + dump(c.attributes);
  }
  std::string operator()(const ast::Relation& r) const {
    return "relation " + r.name.text + " " + r.target.text +
           std::to_string(static_cast<int>(r.cardinality)) + dump(r.attributes);
  }
  std::string operator()(const ast::TableName& t) const {
    return "table " + t.name.text + (t.quoted ? " quoted" : "");
  }
  std::string operator()(const ast::PrimaryKey& p) const {
    return "primary " + dump_names(p.columns);
  }
  std::string operator()(const ast::Index& i) const {
    std::string out = (i.unique ? "unique " : "index ") + (i.name ? i.name->text : "-");
    for (const auto& column : i.columns) {
      out += " " + column.name.text + (column.descending ? " desc" : "") +
             (column.explicit_order ? " explicit" : "");
    }
    return out + dump(i.attributes);
  }
  std::string operator()(const ast::Check& c) const {
    return "check " + (c.name ? c.name->text : "-") + " " + dump(*c.expr);
  }
  std::string operator()(const ast::ForeignKey& f) const {
    return "fk " + (f.name ? f.name->text : "-") + " " + dump_names(f.columns) + dump(f.attributes);
  }
};

struct DeclarationDump {
  std::string operator()(const ast::Namespace& n) const {
    return "namespace " + dump_names(n.parts);
  }
  std::string operator()(const ast::Import& i) const { return "import " + i.path; }
  std::string operator()(const ast::Enum& e) const {
    std::string out = "enum " + e.name.text + dump(e.attributes) + " {";
    for (const auto& value : e.values) out += " " + value.name.text;
    return out + " }";
  }
  std::string operator()(const ast::Model& m) const {
    std::string out =
        (m.is_table ? "table " : "model ") + m.name.text + dump(m.attributes) + " {\n";
    for (const auto& member : m.members) out += "  " + std::visit(MemberDump{}, member.node) + "\n";
    return out + "}";
  }
};

// The tree as text, spans and comments left out.
std::string dump(const ast::File& file) {
  std::string out;
  for (const auto& declaration : file.declarations) {
    out += std::visit(DeclarationDump{}, declaration.node) + "\n";
  }
  return out;
}

// ---------------------------------------------------------------- comments

void collect(const ast::Trivia& trivia, std::vector<std::string>& out) {
  for (const auto& comment : trivia.leading) out.push_back(comment.text);
  if (trivia.trailing) out.push_back(trivia.trailing->text);
}

void collect(const std::vector<ast::Comment>& comments, std::vector<std::string>& out) {
  for (const auto& comment : comments) out.push_back(comment.text);
}

// Every comment of the file, in tree order.
std::vector<std::string> comments_of(const ast::File& file) {
  std::vector<std::string> out;
  for (const auto& declaration : file.declarations) {
    collect(declaration.trivia, out);
    if (const auto* e = std::get_if<ast::Enum>(&declaration.node)) {
      for (const auto& value : e->values) collect(value.trivia, out);
      collect(e->end_comments, out);
    }
    if (const auto* m = std::get_if<ast::Model>(&declaration.node)) {
      for (const auto& member : m->members) collect(member.trivia, out);
      collect(m->end_comments, out);
    }
  }
  collect(file.end_comments, out);
  return out;
}

// Checks that `text` formats idempotently to text with the same tree and the same comments.
std::string check_round_trip(const std::string& text) {
  std::string formatted = format(text);
  auto before = parse(text);
  auto after = parse(formatted);
  REQUIRE(before.has_value());
  REQUIRE(after.has_value());
  CHECK(dump(*after) == dump(*before));
  CHECK(comments_of(*after) == comments_of(*before));
  return formatted;
}

const char* const design_sketch =
    R"orm(namespace blog;                         // C++ namespace of the generated code

enum Role { admin, editor, reader }

model User {                            // struct blog::User; table "users"
  table users;
  id            int64        primary auto;
  username      string(80)   unique;
  email         string(120)  unique;
  age           int32?;                 // ? = nullable -> std::optional<int32_t>
  role          Role         default(reader);
  is_active     bool         default(true);
  balance       decimal(10,2) default(0) check(balance >= 0);
  created_at    timestamp    default(now);
  updated_at    timestamp    default(now) on_update(now);

  posts    -> Post[]     back(author) cascade(all, delete_orphan);   // one-to-many
  profile  -> Profile?   back(user);                                 // one-to-one

  index (email, created_at);                                         // composite
  index recent_active (created_at) where (is_active = true);        // partial
  check (length(username) >= 3);
}

model Post {
  id         int64   primary auto;
  author_id  int64   references(User.id) on_delete(cascade) index;
  title      string(200);
  content    text;
  published  bool    default(false);
  author     -> User      by(author_id) back(posts) load(joined);   // many-to-one
  tags       -> Tag[]     through(post_tags) back(posts);           // many-to-many
}

model Tag { id int64 primary auto; name string(50) unique; posts -> Post[] through(post_tags) back(tags); }

table post_tags { post_id int64 references(Post.id); tag_id int64 references(Tag.id); primary(post_id, tag_id); }
)orm";

}  // namespace

TEST_CASE("format: the design sketch formats idempotently to the same tree") {
  std::string formatted = check_round_trip(design_sketch);
  CHECK(formatted == R"orm(namespace blog;  // C++ namespace of the generated code

enum Role { admin, editor, reader }

model User {
  // struct blog::User; table "users"
  table users;
  id         int64          primary auto;
  username   string(80)     unique;
  email      string(120)    unique;
  age        int32?;  // ? = nullable -> std::optional<int32_t>
  role       Role           default(reader);
  is_active  bool           default(true);
  balance    decimal(10, 2) default(0) check(balance >= 0);
  created_at timestamp      default(now);
  updated_at timestamp      default(now) on_update(now);

  posts   -> Post[]   back(author) cascade(all, delete_orphan);  // one-to-many
  profile -> Profile? back(user);                                // one-to-one

  index (email, created_at);                                 // composite
  index recent_active (created_at) where(is_active = true);  // partial
  check (length(username) >= 3);
}

model Post {
  id        int64       primary auto;
  author_id int64       references(User.id) on_delete(cascade) index;
  title     string(200);
  content   text;
  published bool        default(false);
  author -> User  by(author_id) back(posts) load(joined);  // many-to-one
  tags   -> Tag[] through(post_tags) back(posts);          // many-to-many
}

model Tag {
  id   int64      primary auto;
  name string(50) unique;
  posts -> Post[] through(post_tags) back(tags);
}

table post_tags {
  post_id int64 references(Post.id);
  tag_id  int64 references(Tag.id);
  primary(post_id, tag_id);
}
)orm");
}

TEST_CASE("format: every kind of comment survives") {
  const std::string source = R"orm(// file header

/// namespace doc
namespace a::b; // after namespace
import "x.orm";   // after import
enum E // inside the header
{ a, // after a
  /// doc of b
  b
  // end of enum
} // after enum
model M { // after the brace
  /// doc of id
  id int64 primary; // after id

  // before r
  r -> M? ; // after r
  // end of model
}
table t { // only comment
}
// end of file 1

// end of file 2
)orm";
  auto tree = parse(source);
  REQUIRE(tree.has_value());
  CHECK(comments_of(*tree).size() == 18);

  std::string formatted = check_round_trip(source);
  for (const std::string& comment : comments_of(*tree)) {
    CHECK_MESSAGE(formatted.find(comment) != std::string::npos, comment);
  }
  CHECK(formatted == R"orm(// file header

/// namespace doc
namespace a::b;  // after namespace
import "x.orm";  // after import

// inside the header
enum E {
  a,  // after a
  /// doc of b
  b,
  // end of enum
}  // after enum

model M {
  // after the brace
  /// doc of id
  id int64 primary;  // after id

  // before r
  r -> M?;  // after r
  // end of model
}

table t {
  // only comment
}
// end of file 1

// end of file 2
)orm");
}

TEST_CASE("format: columns, relations and trailing comments align per section") {
  const std::string source = R"orm(model Order {
  id int64 primary auto; // key
  customer_reference string(40)? unique;
  total decimal(12,2);
  // a comment line does not end the section
  note text default("") ; // free text

  placed_at timestamp;
  shipped timestamp?;
  customer -> Customer by(customer_id);   // buyer
  lines -> OrderLine[] back(order) cascade(all);
  gift -> Gift?;
  index (placed_at desc, id asc, total) where(shipped is null);  // open orders
  unique (customer_reference);
}
)orm";
  CHECK(check_round_trip(source) == R"orm(model Order {
  id                 int64          primary auto;  // key
  customer_reference string(40)?    unique;
  total              decimal(12, 2);
  // a comment line does not end the section
  note               text           default("");   // free text

  placed_at timestamp;
  shipped   timestamp?;
  customer -> Customer    by(customer_id);  // buyer
  lines    -> OrderLine[] back(order) cascade(all);
  gift     -> Gift?;
  index (placed_at desc, id asc, total) where(shipped is null);  // open orders
  unique (customer_reference);
}
)orm");
}

TEST_CASE("format: enums print on one line unless commented or too wide") {
  CHECK(check_round_trip("enum Role{admin,editor,\n\n reader,}") ==
        "enum Role { admin, editor, reader }\n");
  CHECK(check_round_trip("enum Empty { }") == "enum Empty {}\n");
  CHECK(check_round_trip("enum Tagged db_name(\"role\") { a }") ==
        "enum Tagged db_name(\"role\") { a }\n");
  CHECK(check_round_trip("enum Role { admin, // all rights\n editor }") ==
        "enum Role {\n  admin,  // all rights\n  editor,\n}\n");
  CHECK(check_round_trip("enum Role { admin,\n\n editor\n // more to come\n }") ==
        "enum Role {\n  admin,\n\n  editor,\n  // more to come\n}\n");
  CHECK(check_round_trip("enum E { // nothing yet\n}") == "enum E {\n  // nothing yet\n}\n");

  // Exactly 100 columns fit; 101 do not.
  const std::string head = "enum Wide { ";
  const std::string fits = head + std::string(100 - head.size() - 2, 'x') + " }";
  REQUIRE(fits.size() == 100);
  CHECK(check_round_trip(fits) == fits + "\n");
  const std::string wide = head + std::string(100 - head.size() - 1, 'x') + " }";
  CHECK(check_round_trip(wide) ==
        "enum Wide {\n  " + std::string(100 - head.size() - 1, 'x') + ",\n}\n");
}

TEST_CASE("format: blank lines are kept, collapsed, or added around blocks") {
  const std::string source =
      "\n\nnamespace a;\n\n\n\nimport \"b.orm\";\nimport \"c.orm\";\nenum E { x }\n"
      "model M {\n\n  a int32;\n\n\n  b int32;\n  c int32;\n\n  // the end\n}\n"
      "model Empty {}\ntable t {}\n\n\n";
  CHECK(check_round_trip(source) ==
        "namespace a;\n\nimport \"b.orm\";\nimport \"c.orm\";\nenum E { x }\n\n"
        "model M {\n  a int32;\n\n  b int32;\n  c int32;\n\n  // the end\n}\n\n"
        "model Empty {}\ntable t {}\n");
  CHECK(format("") == "");
  CHECK(format("\n\n// only a comment\n\n\n") == "// only a comment\n");
  CHECK(format("namespace a;\r\nmodel M { a int32;   }\r\n") ==
        "namespace a;\n\nmodel M {\n  a int32;\n}\n");
}

TEST_CASE("format: quoted table names are re-escaped") {
  CHECK(check_round_trip("model M { table \"odd \\\"name\\\" \\\\ \\n\\t\\r\"; }") ==
        "model M {\n  table \"odd \\\"name\\\" \\\\ \\n\\t\\r\";\n}\n");
  CHECK(check_round_trip("model M { table \"plain\"; }") == "model M {\n  table \"plain\";\n}\n");
  CHECK(check_round_trip("model M { table plain; }") == "model M {\n  table plain;\n}\n");
  CHECK(check_round_trip("import \"dir/a \\\"b\\\".orm\";") == "import \"dir/a \\\"b\\\".orm\";\n");
}

TEST_CASE("format: constraint members") {
  CHECK(check_round_trip("table t { primary( a,b ); unique u(a desc , b asc); index(c)unique "
                         "where(c>0); foreign_key fk(a,b)references(T.a,T.b)on_delete(cascade); "
                         "foreign_key(c) references(U.c); check c1(a<b); x int32 f(); }") ==
        "table t {\n"
        "  primary(a, b);\n"
        "  unique u (a desc, b asc);\n"
        "  index (c) unique where(c > 0);\n"
        "  foreign_key fk (a, b) references(T.a, T.b) on_delete(cascade);\n"
        "  foreign_key (c) references(U.c);\n"
        "  check c1 (a < b);\n"
        "  x int32 f();\n"
        "}\n");
}

TEST_CASE("format: expressions round-trip") {
  struct Case {
    const char* source;
    const char* printed;
  };
  const Case cases[] = {
      {"a>=0", "a >= 0"},
      {"a==1&&b<>2", "a = 1 and b != 2"},
      {"!a or not b", "not a or not b"},
      {"not(a)", "not (a)"},
      {"-x+ +y*-(z)", "-x + +y * -(z)"},
      {"((a + b)) * c % 2 / d - 1", "((a + b)) * c % 2 / d - 1"},
      {"a is null and b is  not null", "a is null and b is not null"},
      {"a in(1,2 ,3) or a not in (4)", "a in (1, 2, 3) or a not in (4)"},
      {"a between 1 and 2 and b not between-1 and c+1",
       "a between 1 and 2 and b not between -1 and c + 1"},
      {R"(name like "a%" and name not like "\"q\\\n")",
       R"(name like "a%" and name not like "\"q\\\n")"},
      {"length(trim( name ))>3 and now() > t.u.v", "length(trim(name)) > 3 and now() > t.u.v"},
      {"x = 1.5 or x = 2e10 or x = true or x = false or x = null",
       "x = 1.5 or x = 2e10 or x = true or x = false or x = null"},
      {"a - (b - c) - d", "a - (b - c) - d"},
      {"not not a", "not not a"},
      {"- - 1", "--1"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.source);
    const std::string source = std::string("model M { check (") + c.source + "); }";
    CHECK(check_round_trip(source) == std::string("model M {\n  check (") + c.printed + ");\n}\n");
  }
  CHECK(check_round_trip(
            "model M { a int32 default(-1) check(a between 0 and 10) x(\"s\", 1, y.z); }") ==
        "model M {\n  a int32 default(-1) check(a between 0 and 10) x(\"s\", 1, y.z);\n}\n");
}
