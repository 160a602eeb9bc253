// emit_test.cpp — the emitters of generator/emit/: expressions printed back as .orm text,
// the JSON dump (docs/dump-format.md), and the Mermaid and Graphviz ER diagrams.
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "driver/compilation.hpp"
#include "emit/expr_text.hpp"
#include "emit/graph.hpp"
#include "emit/json_dump.hpp"

namespace {

using namespace ormc;

model::Schema compile(const std::string& text) {
  DiagnosticEngine diagnostics;
  Compilation compilation(diagnostics);
  compilation.load_text("test.orm", text);
  std::optional<model::Schema> schema = compilation.check();
  for (const Diagnostic& diagnostic : diagnostics.diagnostics()) {
    INFO("line " << diagnostic.span.begin.line << ": " << diagnostic.message);
    CHECK(schema.has_value());
  }
  REQUIRE(schema.has_value());
  return std::move(*schema);
}

// The JSON text without the whitespace between tokens, so tests can search for
// `"key":value` fragments independent of indentation.
std::string compact_json(const std::string& json) {
  std::string out;
  bool in_string = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    char c = json[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < json.size()) {
        out += json[++i];
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
      out += c;
    } else if (c != ' ' && c != '\n') {
      out += c;
    }
  }
  return out;
}

// The blog schema of design.md §2, plus a one-to-one Profile.
const char* const blog_schema = R"(namespace blog;

enum Role { admin, editor, reader }

model User {
  table users;
  id            int64        primary auto;
  username      string(80)   unique;
  email         string(120)  unique;
  age           int32?;
  role          Role         default(reader);
  is_active     bool         default(true);
  balance       decimal(10,2) default(0) check(balance >= 0);
  created_at    timestamp    default(now);
  updated_at    timestamp    default(now) on_update(now);

  posts    -> Post[]     back(author) cascade(all, delete_orphan);
  profile  -> Profile?   back(user);

  index (email, created_at);
  index recent_active (created_at) where (is_active = true);
  check (length(username) >= 3);
}

model Profile { id int64 primary auto; user_id int64 references(User.id) unique; user -> User by(user_id) back(profile); }

model Post {
  id         int64   primary auto;
  author_id  int64   references(User.id) on_delete(cascade) index;
  title      string(200);
  content    text;
  published  bool    default(false);
  author     -> User      by(author_id) back(posts) load(joined);
  tags       -> Tag[]     through(post_tags) back(posts);
}

model Tag { id int64 primary auto; name string(50) unique; posts -> Post[] through(post_tags) back(tags); }

table post_tags { post_id int64 references(Post.id); tag_id int64 references(Tag.id); primary(post_id, tag_id); }
)";

}  // namespace

TEST_CASE("expr_to_schema_text prints check expressions back as written") {
  const std::vector<std::string> expressions = {
      "length(username) >= 3",
      "balance >= 0 and balance <= 1000.50",
      "(age is null or age between 18 and 130) and not (role = Role.admin)",
      "role not in (Role.admin, Role.editor)",
      "username not like \"a\\\"b\\\\%\"",
      "age is not null or -balance < 0",
      "coalesce(age, 0) % 2 = 0",
      "upper(trim(username)) != \"\" and age not between 1 and 2",
      "age in (1, 2, 3) or username like \"x%\"",
  };
  std::string text =
      "namespace t;\nenum Role { admin, editor, reader }\nmodel User {\n"
      "  id int64 primary auto;\n  username string(80);\n  age int32?;\n"
      "  role Role;\n  balance decimal(10,2);\n";
  for (const std::string& expression : expressions) text += "  check (" + expression + ");\n";
  text += "}\n";

  model::Schema schema = compile(text);
  const model::Model& user = schema.models.at(0);
  REQUIRE(user.checks.size() == expressions.size());
  for (std::size_t i = 0; i < expressions.size(); ++i) {
    CHECK(expr_to_schema_text(user.checks[i].expr, user, schema) == expressions[i]);
  }
}

TEST_CASE("expr_to_schema_text qualifies bare enum values and keeps the author's parentheses") {
  model::Schema schema = compile(
      "namespace t;\nenum Role { admin, reader }\n"
      "model User { id int64 primary auto; role Role; age int32;\n"
      "  check (role != admin and ((age > 1)));\n  index adults (age) where (age >= 18); }\n");
  const model::Model& user = schema.models.at(0);
  REQUIRE(user.checks.size() == 1);
  CHECK(expr_to_schema_text(user.checks[0].expr, user, schema) ==
        "role != Role.admin and (age > 1)");
  REQUIRE(user.indexes.size() == 1);
  REQUIRE(user.indexes[0].where.has_value());
  CHECK(expr_to_schema_text(*user.indexes[0].where, user, schema) == "age >= 18");
}

TEST_CASE("quote_schema_string escapes what the lexer unescapes") {
  CHECK(quote_schema_string("plain") == "\"plain\"");
  CHECK(quote_schema_string("a\"b\\c\nd\te\r") == "\"a\\\"b\\\\c\\nd\\te\\r\"");
}

TEST_CASE("write_schema_json dumps the resolved schema by name") {
  model::Schema schema = compile(blog_schema);
  std::ostringstream out;
  write_schema_json(out, schema);
  const std::string json = out.str();
  const std::string compact = compact_json(json);

  CHECK(json.rfind("{\n  \"format_version\": 1,\n  \"files\": [\n    \"test.orm\"\n  ],", 0) == 0);
  CHECK(compact.find(R"("enums":[{"name":"Role","sql_name":"role","namespace":"blog",)"
                     R"("values":[{"name":"admin","doc":""},)") != std::string::npos);
  CHECK(compact.find(R"({"name":"User","kind":"model","table":"users","namespace":"blog",)") !=
        std::string::npos);
  CHECK(compact.find(R"({"name":"post_tags","kind":"table","table":"post_tags",)") !=
        std::string::npos);
  CHECK(compact.find(R"({"name":"username","sql_name":"username","type":{"kind":"string",)"
                     R"("length":80},"nullable":false,"primary_key":false,"autoincrement":false,)"
                     R"("unique":true,"default":null,)") != std::string::npos);
  CHECK(compact.find(R"("type":{"kind":"decimal","precision":10,"scale":2})") != std::string::npos);
  CHECK(compact.find(R"("type":{"kind":"enum","enum":"Role"})") != std::string::npos);
  CHECK(compact.find(R"("default":{"kind":"enum_value","value":"reader"})") != std::string::npos);
  CHECK(compact.find(R"("default":{"kind":"now","value":"now"},"on_update_now":true)") !=
        std::string::npos);
  CHECK(compact.find(R"("foreign_keys":[{"name":"fk_post_author_id","columns":["author_id"],)"
                     R"("target":"User","target_table":"users","target_columns":["id"],)"
                     R"("on_delete":"cascade","on_update":"no_action"}])") != std::string::npos);
  CHECK(compact.find(R"({"name":"recent_active","columns":[{"name":"created_at",)"
                     R"("descending":false}],"unique":false,"constraint":false,)"
                     R"("where":"is_active = true"})") != std::string::npos);
  CHECK(compact.find(R"("unique":true,"constraint":true,"where":null)") != std::string::npos);
  CHECK(compact.find(R"({"name":"ck_users_1","column":null,)"
                     R"("expression":"length(username) >= 3"})") != std::string::npos);
  CHECK(compact.find(R"("column":"balance","expression":"balance >= 0"})") != std::string::npos);
  CHECK(compact.find(R"({"name":"posts","kind":"one_to_many","target":"Post","many":true,)"
                     R"("optional":false,"foreign_key":{"owner":"Post","name":"fk_post_author_id",)"
                     R"("columns":["author_id"]},"through":null,"back":"author",)"
                     R"("cascade":["save_update","merge","refresh_expire","expunge","delete",)"
                     R"("delete_orphan"],"load":"lazy",)") != std::string::npos);
  CHECK(compact.find(R"("through":{"table":"post_tags","local_columns":["post_id"],)"
                     R"("remote_columns":["tag_id"]},"back":"posts",)") != std::string::npos);
  CHECK(compact.find(R"("load":"joined")") != std::string::npos);
  CHECK(compact.find(R"("dependency_order":["User","Profile","Post","Tag","post_tags"]})") !=
        std::string::npos);
  CHECK(compact.find("span") == std::string::npos);

  std::ostringstream again;
  write_schema_json(again, compile(blog_schema));
  CHECK(again.str() == json);
}

TEST_CASE("write_mermaid draws tables, keys and crow's-foot references") {
  model::Schema schema = compile(
      "namespace shop;\n"
      "model Customer { table customers; id int64 primary auto; email string(120) unique;\n"
      "  orders -> Order[] back(customer); }\n"
      "model Order { table \"order\"; id int64 primary auto; customer_id int64? "
      "references(Customer.id);\n"
      "  total decimal(10,2); customer -> Customer? by(customer_id) back(orders); }\n");
  std::ostringstream out;
  write_mermaid(out, schema);
  CHECK(out.str() ==
        "erDiagram\n"
        "  customers {\n"
        "    int64 id PK\n"
        "    string email UK \"(120)\"\n"
        "  }\n"
        "  order {\n"
        "    int64 id PK\n"
        "    int64 customer_id FK \"nullable\"\n"
        "    decimal total \"(10,2)\"\n"
        "  }\n"
        "  customers |o--o{ order : \"orders / customer\"\n");
}

TEST_CASE("write_mermaid gives every foreign key an edge, many-to-many through its table") {
  std::ostringstream out;
  write_mermaid(out, compile(blog_schema));
  const std::string text = out.str();
  CHECK(text.find("  users ||--o{ post : \"posts / author\"\n") != std::string::npos);
  CHECK(text.find("  users ||--o| profile : \"profile / user\"\n") != std::string::npos);
  CHECK(text.find("  post ||--o{ post_tags : tags\n") != std::string::npos);
  CHECK(text.find("  tag ||--o{ post_tags : posts\n") != std::string::npos);
  CHECK(text.find("    int64 post_id PK, FK\n") != std::string::npos);

  std::ostringstream unrelated;
  write_mermaid(unrelated, compile("namespace t; model A { id int64 primary; }\n"
                                   "model B { id int64 primary; a_id int64 references(A.id); }\n"));
  CHECK(unrelated.str().find("  a ||--o{ b : fk_b_a_id\n") != std::string::npos);
}

TEST_CASE("write_dot draws HTML-table nodes and crow's-foot edges between column ports") {
  std::ostringstream out;
  write_dot(out, compile(blog_schema));
  const std::string dot = out.str();
  CHECK(dot.rfind("digraph schema {\n  rankdir=LR;\n  node [shape=plaintext];\n", 0) == 0);
  CHECK(dot.find("<tr><td colspan=\"3\" bgcolor=\"lightgrey\"><b>users</b></td></tr>") !=
        std::string::npos);
  CHECK(dot.find("<tr><td port=\"age\" align=\"left\">age</td><td align=\"left\">int32?</td>"
                 "<td port=\"age.out\"></td></tr>") != std::string::npos);
  CHECK(dot.find("<td align=\"left\">decimal(10,2)</td>") != std::string::npos);
  CHECK(dot.find("  post:\"author_id.out\" -> users:id [dir=both arrowtail=crowodot "
                 "arrowhead=teetee label=\"posts / author\"];\n") != std::string::npos);
  CHECK(dot.find("  profile:\"user_id.out\" -> users:id [dir=both arrowtail=teeodot "
                 "arrowhead=teetee label=\"profile / user\"];\n") != std::string::npos);
  CHECK(dot.find("  post_tags:\"post_id.out\" -> post:id [dir=both arrowtail=crowodot "
                 "arrowhead=teetee label=\"tags\"];\n") != std::string::npos);
  CHECK(dot.find("  post_tags:\"tag_id.out\" -> tag:id [dir=both arrowtail=crowodot "
                 "arrowhead=teetee label=\"posts\"];\n") != std::string::npos);
  CHECK(dot.substr(dot.size() - 2) == "}\n");
}

TEST_CASE("write_dot escapes HTML in labels and marks optional parents") {
  std::ostringstream out;
  write_dot(out, compile("namespace t; model A { table \"a&b\"; id int64 primary; }\n"
                         "model Node { id int64 primary; a_id int64? references(A.id); }\n"));
  const std::string dot = out.str();
  CHECK(dot.find("<b>a&amp;b</b>") != std::string::npos);
  CHECK(dot.find("  \"a&b\" [label=<") != std::string::npos);
  CHECK(dot.find("  \"node\":\"a_id.out\" -> \"a&b\":id [dir=both arrowtail=crowodot "
                 "arrowhead=teeodot label=\"fk_node_a_id\"];\n") != std::string::npos);
}
