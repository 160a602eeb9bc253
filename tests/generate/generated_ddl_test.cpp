// The SQLite DDL of the generated headers runs on a fresh database with foreign keys on,
// can run twice, drops cleanly, and enforces what the schema declares.
#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "blog.orm.hpp"
#include "chinook.orm.hpp"
#include "shop.orm.hpp"
#include "sqlite_database.hpp"

namespace {

using ormc::testing::SqliteDatabase;

void create_all(SqliteDatabase& db, const ormc::Schema& schema) {
  for (std::string_view statement : schema.sqlite_create) {
    INFO(statement);
    REQUIRE(db.execute(statement) == "");
  }
}

void drop_all(SqliteDatabase& db, const ormc::Schema& schema) {
  for (std::string_view statement : schema.sqlite_drop) {
    INFO(statement);
    REQUIRE(db.execute(statement) == "");
  }
}

std::string count(SqliteDatabase& db, std::string_view type) {
  return db.query_text("SELECT count(*) FROM sqlite_master WHERE type = '" + std::string(type) +
                       "'");
}

void creates_and_drops(const ormc::Schema& schema) {
  SqliteDatabase db;
  create_all(db, schema);
  CHECK(count(db, "table") == std::to_string(schema.tables.size()));
  create_all(db, schema);  // IF NOT EXISTS: a second run changes nothing
  drop_all(db, schema);
  CHECK(count(db, "table") == "0");
  CHECK(count(db, "index") == "0");
}

}  // namespace

TEST_CASE("the SQLite DDL of blog creates and drops every table") {
  creates_and_drops(blog::schema);
}
TEST_CASE("the SQLite DDL of shop creates and drops every table") {
  creates_and_drops(shop::schema);
}
TEST_CASE("the SQLite DDL of chinook creates and drops every table") {
  creates_and_drops(chinook::schema);
}

TEST_CASE("blog's SQLite tables enforce the schema's constraints") {
  SqliteDatabase db;
  create_all(db, blog::schema);
  REQUIRE(db.execute("INSERT INTO users (username, email) VALUES ('alice', 'a@example.com')") ==
          "");

  SUBCASE("defaults are filled in") {
    CHECK(db.query_text("SELECT role FROM users") == "reader");
    CHECK(db.query_text("SELECT is_active FROM users") == "1");
    CHECK(db.query_text("SELECT balance FROM users") == "0.00");  // decimal text, its scale
    std::string created = db.query_text("SELECT created_at FROM users");
    CHECK(created.size() == 23);  // 2024-05-01 13:45:07.123, UTC
    CHECK(created[10] == ' ');
    CHECK(db.query_text("SELECT id FROM users") == "1");
  }
  SUBCASE("a duplicate unique value") {
    CHECK(db.execute("INSERT INTO users (username, email) VALUES ('alice', 'b@example.com')") ==
          "UNIQUE constraint failed: users.username");
  }
  SUBCASE("a string longer than string(n)") {
    std::string name(81, 'x');
    CHECK(db.execute("INSERT INTO users (username, email) VALUES ('" + name + "', 'c@x.org')") ==
          "CHECK constraint failed: ck_users_username_length");
    CHECK(db.execute("INSERT INTO users (username, email) VALUES ('" + std::string(80, 'y') +
                     "', 'c@x.org')") == "");
  }
  SUBCASE("a failed check") {
    CHECK(db.execute("INSERT INTO users (username, email, age) VALUES ('bob', 'b@x.org', 150)") ==
          "CHECK constraint failed: ck_users_age");
    CHECK(db.execute("INSERT INTO users (username, email) VALUES ('al', 'b@x.org')") ==
          "CHECK constraint failed: ck_users_username");
    CHECK(db.execute("UPDATE users SET balance = -0.01") ==
          "CHECK constraint failed: ck_users_balance");
  }
  SUBCASE("an enum value the enum does not have") {
    CHECK(db.execute("UPDATE users SET role = 'root'") ==
          "CHECK constraint failed: ck_users_role_enum");
    CHECK(db.execute("UPDATE users SET role = 'admin'") == "");
  }
  SUBCASE("a boolean that is not 0 or 1") {
    CHECK(db.execute("UPDATE users SET is_active = 2") ==
          "CHECK constraint failed: ck_users_is_active_bool");
  }
  SUBCASE("NOT NULL") {
    CHECK(db.execute("INSERT INTO users (username) VALUES ('carol')") ==
          "NOT NULL constraint failed: users.email");
  }
  SUBCASE("foreign keys and their ON DELETE actions") {
    CHECK(db.execute("INSERT INTO posts (author_id, title, content) VALUES (99, 't', 'c')") ==
          "FOREIGN KEY constraint failed");
    REQUIRE(db.execute("INSERT INTO posts (author_id, title, content) VALUES (1, 't', 'c')") == "");
    REQUIRE(db.execute("INSERT INTO users (username, email) VALUES ('bob', 'b@x.org')") == "");
    REQUIRE(db.execute("INSERT INTO comments (post_id, author_id, body) VALUES (1, 2, 'hi')") ==
            "");
    REQUIRE(db.execute("DELETE FROM users WHERE username = 'bob'") == "");
    CHECK(db.query_text("SELECT author_id FROM comments") == "NULL");  // on_delete(set_null)
    REQUIRE(db.execute("DELETE FROM users WHERE username = 'alice'") == "");
    CHECK(db.query_text("SELECT count(*) FROM posts") == "0");  // on_delete(cascade)
    CHECK(db.query_text("SELECT count(*) FROM comments") == "0");
  }
  SUBCASE("composite primary keys") {
    REQUIRE(db.execute("INSERT INTO posts (author_id, title, content) VALUES (1, 't', 'c')") == "");
    REQUIRE(db.execute("INSERT INTO tags (name) VALUES ('c++')") == "");
    REQUIRE(db.execute("INSERT INTO post_tags VALUES (1, 1)") == "");
    CHECK(db.execute("INSERT INTO post_tags VALUES (1, 1)") ==
          "UNIQUE constraint failed: post_tags.post_id, post_tags.tag_id");
  }
  SUBCASE("the partial index exists with its predicate") {
    CHECK(db.query_text("SELECT sql FROM sqlite_master WHERE name = 'recent_active'") ==
          "CREATE INDEX \"recent_active\" ON \"users\" (\"created_at\") WHERE \"is_active\" = 1");
  }
}

TEST_CASE("shop's SQLite tables enforce between, restrict and a composite unique constraint") {
  SqliteDatabase db;
  create_all(db, shop::schema);
  REQUIRE(db.execute("INSERT INTO customers (email, name) VALUES ('a@x.org', 'A')") == "");
  REQUIRE(db.execute("INSERT INTO products (name, sku, price) VALUES ('P', 'sku-1', 9.99)") == "");
  CHECK(db.query_text("SELECT price FROM products") == "9.99");
  CHECK(db.execute("INSERT INTO products (name, sku, price) VALUES ('Q', 'sku-2', 0)") ==
        "CHECK constraint failed: ck_products_price");
  CHECK(db.execute("INSERT INTO reviews (product_id, customer_id, rating) VALUES (1, 1, 6)") ==
        "CHECK constraint failed: ck_reviews_rating");
  REQUIRE(db.execute("INSERT INTO reviews (product_id, customer_id, rating) VALUES (1, 1, 5)") ==
          "");
  CHECK(db.execute("INSERT INTO reviews (product_id, customer_id, rating) VALUES (1, 1, 4)") ==
        "UNIQUE constraint failed: reviews.product_id, reviews.customer_id");
  REQUIRE(db.execute("INSERT INTO orders (customer_id) VALUES (1)") == "");
  CHECK(db.query_text("SELECT status FROM orders") == "pending");
  CHECK(db.execute("DELETE FROM customers") == "FOREIGN KEY constraint failed");  // restrict
}

TEST_CASE("chinook's self-referencing foreign key works inline") {
  SqliteDatabase db;
  create_all(db, chinook::schema);
  REQUIRE(db.execute("INSERT INTO Employee (LastName, FirstName) VALUES ('Adams', 'Andrew')") ==
          "");
  REQUIRE(db.execute("INSERT INTO Employee (LastName, FirstName, ReportsTo) "
                     "VALUES ('Edwards', 'Nancy', 1)") == "");
  CHECK(db.execute("INSERT INTO Employee (LastName, FirstName, ReportsTo) VALUES ('X', 'Y', 9)") ==
        "FOREIGN KEY constraint failed");
  drop_all(db, chinook::schema);
}
