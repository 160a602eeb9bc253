// Unit tests of the checker: what it decides (the resolved model) and which rule fires.
#include <algorithm>
#include <string>

#include <doctest/doctest.h>

#include "driver/compilation.hpp"
#include "model/schema.hpp"

namespace {

struct Checked {
  ormc::DiagnosticEngine diagnostics;
  std::optional<ormc::model::Schema> schema;

  [[nodiscard]] bool has(std::string_view code) const {
    return std::any_of(diagnostics.diagnostics().begin(), diagnostics.diagnostics().end(),
                       [&](const ormc::Diagnostic& d) { return ormc::info(d.code).code == code; });
  }
  [[nodiscard]] std::string codes() const {
    std::string result;
    for (const ormc::Diagnostic& d : diagnostics.diagnostics()) {
      result += std::string(ormc::info(d.code).code) + ": " + d.message + "\n";
    }
    return result;
  }
};

std::unique_ptr<Checked> check(const std::string& text) {
  auto result = std::make_unique<Checked>();
  ormc::Compilation compilation(result->diagnostics);
  compilation.load_text("test.orm", text);
  result->schema = compilation.check();
  return result;
}

const ormc::model::Model& model(const ormc::model::Schema& schema, std::string_view name) {
  const auto* found = schema.find_model(name);
  REQUIRE(found != nullptr);
  return *found;
}

const ormc::model::Relation& relation(const ormc::model::Model& m, std::string_view name) {
  auto it = std::find_if(m.relations.begin(), m.relations.end(),
                         [&](const auto& r) { return r.name == name; });
  REQUIRE(it != m.relations.end());
  return *it;
}

using ormc::model::RelationKind;

constexpr const char* blog = R"(
namespace blog;
enum Role { admin, editor, reader }
model User {
  table users;
  id int64 primary auto;
  email string(120) unique;
  role Role default(reader);
  posts -> Post[] back(author) cascade(all, delete_orphan);
  profile -> Profile? back(user);
}
model Profile {
  id int64 primary auto;
  user_id int64 unique references(User.id);
  user -> User by(user_id) back(profile);
}
model Post {
  id int64 primary auto;
  author_id int64 references(User.id) on_delete(cascade) index;
  author -> User back(posts) load(joined);
  tags -> Tag[] through(post_tags) back(posts);
}
model Tag { id int64 primary auto; posts -> Post[] through(post_tags) back(tags); }
table post_tags {
  post_id int64 references(Post.id);
  tag_id int64 references(Tag.id) index;
  primary(post_id, tag_id);
}
)";

}  // namespace

TEST_CASE("relations of the blog resolve to the foreign keys that implement them") {
  auto result = check(blog);
  REQUIRE_MESSAGE(result->schema, result->codes());
  const auto& schema = *result->schema;
  const auto& user = model(schema, "User");
  const auto& post = model(schema, "Post");
  const auto& profile = model(schema, "Profile");

  const auto& posts = relation(user, "posts");
  CHECK(posts.kind == RelationKind::one_to_many);
  CHECK(posts.fk_owner == static_cast<ormc::model::ModelId>(&post - schema.models.data()));
  CHECK_FALSE(posts.owns_foreign_key);
  CHECK(posts.cascade.delete_);
  CHECK(posts.cascade.delete_orphan);

  const auto& author = relation(post, "author");
  CHECK(author.kind == RelationKind::many_to_one);
  CHECK(author.owns_foreign_key);
  CHECK(author.load == ormc::model::LoadStrategy::joined);
  CHECK(author.foreign_key == posts.foreign_key);
  REQUIRE(author.back.has_value());
  CHECK(user.relations[*author.back].name == "posts");

  CHECK(relation(user, "profile").kind == RelationKind::one_to_one);
  CHECK_FALSE(relation(user, "profile").owns_foreign_key);
  CHECK(relation(profile, "user").kind == RelationKind::one_to_one);
  CHECK(relation(profile, "user").owns_foreign_key);

  const auto& tags = relation(post, "tags");
  CHECK(tags.kind == RelationKind::many_to_many);
  REQUIRE(tags.through.has_value());
  CHECK(schema.models[*tags.through].name == "post_tags");
  const auto& back_posts = relation(model(schema, "Tag"), "posts");
  CHECK(back_posts.through_local == tags.through_remote);
  CHECK(back_posts.through_remote == tags.through_local);
}

TEST_CASE("names, defaults and keys are decided once, in the model") {
  auto result = check(blog);
  REQUIRE(result->schema);
  const auto& schema = *result->schema;
  CHECK(model(schema, "User").table_name == "users");
  CHECK(model(schema, "Profile").table_name == "profile");  // snake_case of the model name
  CHECK(model(schema, "post_tags").is_table);
  CHECK(model(schema, "post_tags").primary_key.size() == 2);

  const auto& user = model(schema, "User");
  const auto* role = user.find_column("role");
  REQUIRE(role != nullptr);
  REQUIRE(role->default_value.has_value());
  CHECK(role->default_value->expr.kind == ormc::model::ExprKind::enum_value);
  CHECK(role->default_value->expr.value_index == 2);
  CHECK(user.find_column("id")->autoincrement);

  const auto& post = model(schema, "Post");
  REQUIRE(post.foreign_keys.size() == 1);
  CHECK(post.foreign_keys[0].name == "fk_post_author_id");
  CHECK(post.foreign_keys[0].on_delete == ormc::model::ReferentialAction::cascade);
  CHECK(std::any_of(user.indexes.begin(), user.indexes.end(), [](const auto& index) {
    return index.name == "uq_users_email" && index.unique && index.constraint;
  }));
}

TEST_CASE("dependency order puts referenced tables first") {
  auto result = check(blog);
  REQUIRE(result->schema);
  const auto& schema = *result->schema;
  auto order = schema.dependency_order();
  REQUIRE(order.size() == schema.models.size());
  auto position = [&](std::string_view name) {
    for (std::size_t i = 0; i < order.size(); ++i) {
      if (schema.models[order[i]].name == name) return i;
    }
    FAIL("missing " << name);
    return std::size_t{0};
  };
  CHECK(position("User") < position("Post"));
  CHECK(position("Post") < position("post_tags"));
  CHECK(position("Tag") < position("post_tags"));
}

TEST_CASE("dependency order breaks a cycle at its nullable key, whatever the declaration order") {
  // Author's key to Book may be NULL (the flush writes it by a second UPDATE), Book's key
  // to Author may not: Author comes first although it references Book.
  auto result = check(R"(
model Author {
  id int64 primary auto;
  favorite_book_id int64? references(Book.id) index;
}
model Book {
  id int64 primary auto;
  author_id int64 references(Author.id) index;
}
model Review {
  id int64 primary auto;
  book_id int64 references(Book.id) index;
}
)");
  REQUIRE(result->schema);
  const auto& schema = *result->schema;
  auto order = schema.dependency_order();
  REQUIRE(order.size() == 3);
  CHECK(schema.models[order[0]].name == "Author");
  CHECK(schema.models[order[1]].name == "Book");
  CHECK(schema.models[order[2]].name == "Review");
}

TEST_CASE("self-references resolve in both directions") {
  auto result = check(R"(
model Employee {
  id int32 primary auto;
  reports_to int32? references(Employee.id) index;
  manager -> Employee? back(reports);
  reports -> Employee[] back(manager);
  followers -> Employee[] through(follows) by(followed_id) back(following);
  following -> Employee[] through(follows) by(follower_id) back(followers);
}
table follows {
  follower_id int32 references(Employee.id);
  followed_id int32 references(Employee.id) index;
  primary(follower_id, followed_id);
}
)");
  REQUIRE_MESSAGE(result->schema, result->codes());
  const auto& employee = model(*result->schema, "Employee");
  CHECK(relation(employee, "manager").kind == RelationKind::many_to_one);
  CHECK(relation(employee, "reports").kind == RelationKind::one_to_many);
  CHECK(relation(employee, "followers").through_local ==
        relation(employee, "following").through_remote);
}

TEST_CASE("composite foreign keys match arity and reference a key") {
  auto good = check(R"(
model Line { order_id int64; number int32; primary(order_id, number); }
model Note {
  id int64 primary auto;
  order_id int64;
  number int32;
  foreign_key (order_id, number) references(Line.order_id, Line.number) on_delete(cascade);
  index (order_id, number);
}
)");
  REQUIRE_MESSAGE(good->schema, good->codes());
  const auto& note = model(*good->schema, "Note");
  REQUIRE(note.foreign_keys.size() == 1);
  CHECK(note.foreign_keys[0].columns.size() == 2);

  auto arity = check(R"(
model Line { order_id int64; number int32; primary(order_id, number); }
model Note { id int64 primary; order_id int64 references(Line) index; }
)");
  CHECK(arity->has("E407"));

  auto not_key = check(R"(
model A { id int64 primary; code string(10); }
model B { id int64 primary; a_code string(10) references(A.code) index; }
)");
  CHECK(not_key->has("E405"));
}

TEST_CASE("each rule reports its code") {
  struct Case {
    const char* code;
    const char* text;
  };
  const Case cases[] = {
      {"E201", "model A { id int64 primary; b -> Bee; }"},
      {"E202", "model A { id int46 primary; }"},
      {"E204", "enum R { x } model A { id int64 primary; r R default(y); }"},
      {"E205", "model A { id int64 primery; }"},
      {"E208", "model A { id int64 primary; } model A { id int64 primary; }"},
      {"E209", "model A { id int64 primary; id int32; }"},
      {"E211", "model A { id int64 primary; class int32; }"},
      {"E303", "model A { id int64 primary; s string; }"},
      {"E304", "model A { id int64 primary; s string(0); }"},
      {"E305", "model A { id int64 primary; d decimal(5, 6); }"},
      {"E306", "model A { id int64 primary; b bool default(3); }"},
      {"E307", "model A { id int64 primary; s string(2) default(\"abc\"); }"},
      {"E308", "model A { id int64 primary; n int32 on_update(now); }"},
      {"E309", "model A { id int64 primary; n int32 check(n > \"x\"); }"},
      {"E310", "model A { id int64 primary; d date default(\"2023-02-30\"); }"},
      {"E401", "model A { n int32; }"},
      {"E402", "model A { a int32 primary; b int32 primary; }"},
      {"E403", "model A { id int64? primary; }"},
      {"E404", "model A { id string(10) primary auto; }"},
      {"E408",
       "model A { id int64 primary; } model B { id int64 primary; a int64 "
       "references(A.id) on_delete(set_null) index; }"},
      {"E502", "model A { id int64 primary; bs -> B[]; } model B { id int64 primary; }"},
      {"E506",
       "model A { id int64 primary; c_id int64 references(C.id) index; c -> C back(x); }"
       "model B { id int64 primary; } model C { id int64 primary; b_id int64? references(B.id) "
       "index; x -> B? by(b_id); }"},
      {"W001",
       "model A { id int64 primary; } model B { id int64 primary; a int64 "
       "references(A.id); }"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    auto result = check(c.text);
    CHECK_MESSAGE(result->has(c.code), result->codes());
  }
}

TEST_CASE("every error of a file is reported, not just the first") {
  auto result = check(R"(
model A { id int64 primary; x int46; y strin(3); z -> Bee; }
)");
  CHECK(result->has("E202"));
  CHECK(result->has("E201"));
  CHECK(result->diagnostics.error_count() == 3);
}

TEST_CASE("warnings alone still produce a schema, and --werror turns them into errors") {
  const char* text =
      "model A { id int64 primary; } model B { id int64 primary; a int64 references(A.id); }";
  auto lenient = check(text);
  CHECK(lenient->schema.has_value());
  CHECK(lenient->diagnostics.warning_count() == 1);

  ormc::DiagnosticEngine strict(ormc::DiagnosticEngine::Options{true, 50});
  ormc::Compilation compilation(strict);
  compilation.load_text("test.orm", text);
  CHECK_FALSE(compilation.check().has_value());
  CHECK(strict.error_count() == 1);
}
