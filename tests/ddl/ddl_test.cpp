// The generated DDL of the example schemas on every backend (SQLite in memory and in a
// file, PostgreSQL): create_all() twice is harmless, drop_all() leaves nothing, and the
// tables enforce what the schema declares -- with the error type and the constraint's name
// a user would look for. The SQL here is written by hand on purpose, so that the database,
// not the typed layer, is what refuses it. (tests/generate checks the SQLite statements
// themselves without the runtime.)
#include <cstdint>
#include <string>
#include <tuple>

#include <doctest/doctest.h>

#include "blog.orm.hpp"
#include "chinook.orm.hpp"
#include "ormc/connection.hpp"
#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "ormc/schema.hpp"
#include "shop.orm.hpp"
#include "support/test_backends.hpp"

namespace {

std::int64_t scalar(ormc::Connection& conn, const std::string& sql) {
  return std::get<0>(conn.query<std::tuple<std::int64_t>>(sql).at(0));
}

std::string text(ormc::Connection& conn, const std::string& sql) {
  return std::get<0>(conn.query<std::tuple<std::string>>(sql).at(0));
}

//! The tables of the database's current schema (the test's own, on PostgreSQL).
std::int64_t table_count(ormc::Connection& conn, bool postgresql) {
  return scalar(conn, postgresql ? "SELECT count(*) FROM information_schema.tables "
                                   "WHERE table_schema = current_schema()"
                                 : "SELECT count(*) FROM sqlite_master WHERE type = 'table'");
}

void creates_and_drops(const ormc::Schema& schema) {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    schema.create_all(db.engine());
    schema.create_all(db.engine());  // IF NOT EXISTS: the second run changes nothing
    ormc::Connection conn = db.engine().connect();
    CHECK(table_count(conn, db.postgresql()) == static_cast<std::int64_t>(schema.tables.size()));
    schema.drop_all(db.engine());
    CHECK(table_count(conn, db.postgresql()) == 0);
    schema.drop_all(db.engine());  // nothing left to drop: no error either
  }
}

//! Runs `sql`, which must fail with error type E naming `what` in its message.
template <typename E>
void refused(ormc::Connection& conn, const std::string& sql, const std::string& what) {
  INFO(sql);
  CHECK_THROWS_WITH_AS(conn.execute(sql), doctest::Contains(what.c_str()), E);
}

}  // namespace

TEST_CASE("blog's generated DDL creates and drops every table") { creates_and_drops(blog::schema); }
TEST_CASE("shop's generated DDL creates and drops every table") { creates_and_drops(shop::schema); }
TEST_CASE("chinook's generated DDL creates and drops every table") {
  creates_and_drops(chinook::schema);
}

TEST_CASE("blog's tables enforce the schema's constraints") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    blog::schema.create_all(db.engine());
    ormc::Connection conn = db.engine().connect();
    const bool pg = db.postgresql();
    conn.execute("INSERT INTO users (username, email) VALUES ('alice', 'a@example.com')");

    // Defaults, filled in by the database.
    CHECK(text(conn, "SELECT CAST(role AS TEXT) FROM users") == "reader");
    CHECK(scalar(conn, "SELECT CASE WHEN is_active THEN 1 ELSE 0 END FROM users") == 1);
    CHECK(scalar(conn, "SELECT count(*) FROM users WHERE balance = 0") == 1);
    CHECK(scalar(conn, "SELECT count(*) FROM users WHERE created_at IS NOT NULL") == 1);

    refused<ormc::IntegrityError>(
        conn, "INSERT INTO users (username, email) VALUES ('alice', 'b@example.com')",
        pg ? "duplicate key" : "UNIQUE constraint failed: users.username");
    // string(80): a CHECK on SQLite, varchar(80) on PostgreSQL.
    const std::string long_name(81, 'x');
    if (pg) {
      refused<ormc::DataError>(
          conn, "INSERT INTO users (username, email) VALUES ('" + long_name + "', 'c@x.org')",
          "too long");
    } else {
      refused<ormc::IntegrityError>(
          conn, "INSERT INTO users (username, email) VALUES ('" + long_name + "', 'c@x.org')",
          "ck_users_username_length");
    }
    conn.execute("INSERT INTO users (username, email) VALUES ('" + std::string(80, 'y') +
                 "', 'c@x.org')");
    refused<ormc::IntegrityError>(
        conn, "INSERT INTO users (username, email, age) VALUES ('bob', 'b@x.org', 150)",
        "ck_users_age");
    refused<ormc::IntegrityError>(
        conn, "INSERT INTO users (username, email) VALUES ('al', 'b@x.org')", "ck_users_username");
    refused<ormc::IntegrityError>(conn, "UPDATE users SET balance = -0.01", "ck_users_balance");
    // An enum value the enum does not have: a CHECK on SQLite, the native type's own
    // refusal on PostgreSQL.
    if (pg) {
      refused<ormc::DataError>(conn, "UPDATE users SET role = 'root'", "invalid input value");
    } else {
      refused<ormc::IntegrityError>(conn, "UPDATE users SET role = 'root'", "ck_users_role_enum");
    }
    conn.execute("UPDATE users SET role = 'admin' WHERE username = 'alice'");
    refused<ormc::IntegrityError>(conn, "INSERT INTO users (username) VALUES ('carol')",
                                  pg ? "email" : "NOT NULL constraint failed: users.email");

    // Foreign keys and their ON DELETE actions.
    refused<ormc::IntegrityError>(
        conn, "INSERT INTO posts (author_id, title, content) VALUES (99, 't', 'c')",
        pg ? "foreign key" : "FOREIGN KEY constraint failed");
    const std::int64_t alice = scalar(conn, "SELECT id FROM users WHERE username = 'alice'");
    conn.execute("INSERT INTO posts (author_id, title, content) VALUES (" + std::to_string(alice) +
                 ", 't', 'c')");
    conn.execute("INSERT INTO users (username, email) VALUES ('bob', 'b@x.org')");
    const std::int64_t bob = scalar(conn, "SELECT id FROM users WHERE username = 'bob'");
    const std::int64_t post = scalar(conn, "SELECT id FROM posts");
    conn.execute("INSERT INTO comments (post_id, author_id, body) VALUES (" + std::to_string(post) +
                 ", " + std::to_string(bob) + ", 'hi')");
    conn.execute("DELETE FROM users WHERE username = 'bob'");
    CHECK(scalar(conn, "SELECT count(*) FROM comments WHERE author_id IS NULL") == 1);  // set_null
    conn.execute("INSERT INTO tags (name) VALUES ('c++')");
    const std::int64_t tag = scalar(conn, "SELECT id FROM tags");
    const std::string pair = std::to_string(post) + ", " + std::to_string(tag);
    conn.execute("INSERT INTO post_tags (post_id, tag_id) VALUES (" + pair + ")");
    refused<ormc::IntegrityError>(conn,
                                  "INSERT INTO post_tags (post_id, tag_id) VALUES (" + pair + ")",
                                  pg ? "duplicate key" : "UNIQUE constraint failed");
    conn.execute("DELETE FROM users WHERE username = 'alice'");
    CHECK(scalar(conn, "SELECT count(*) FROM posts") == 0);  // cascade
    CHECK(scalar(conn, "SELECT count(*) FROM comments") == 0);
    CHECK(scalar(conn, "SELECT count(*) FROM post_tags") == 0);

    // The partial index exists, with its predicate.
    const std::string index =
        pg ? text(conn,
                  "SELECT indexdef FROM pg_indexes WHERE indexname = 'recent_active' "
                  "AND schemaname = current_schema()")
           : text(conn, "SELECT sql FROM sqlite_master WHERE name = 'recent_active'");
    CHECK(index.find("WHERE") != std::string::npos);
    CHECK(index.find("is_active") != std::string::npos);
  }
}

TEST_CASE("shop's tables enforce between, restrict and a composite unique constraint") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    shop::schema.create_all(db.engine());
    ormc::Connection conn = db.engine().connect();
    const bool pg = db.postgresql();
    conn.execute("INSERT INTO customers (email, name) VALUES ('a@x.org', 'A')");
    conn.execute("INSERT INTO products (name, sku, price) VALUES ('P', 'sku-1', 9.99)");
    CHECK(text(conn, "SELECT CAST(price AS TEXT) FROM products") == "9.99");
    refused<ormc::IntegrityError>(
        conn, "INSERT INTO products (name, sku, price) VALUES ('Q', 'sku-2', 0)",
        "ck_products_price");
    const std::string ids = std::to_string(scalar(conn, "SELECT id FROM products")) + ", " +
                            std::to_string(scalar(conn, "SELECT id FROM customers"));
    refused<ormc::IntegrityError>(
        conn, "INSERT INTO reviews (product_id, customer_id, rating) VALUES (" + ids + ", 6)",
        "ck_reviews_rating");
    conn.execute("INSERT INTO reviews (product_id, customer_id, rating) VALUES (" + ids + ", 5)");
    refused<ormc::IntegrityError>(
        conn, "INSERT INTO reviews (product_id, customer_id, rating) VALUES (" + ids + ", 4)",
        pg ? "duplicate key" : "UNIQUE constraint failed: reviews.product_id, reviews.customer_id");
    conn.execute("INSERT INTO orders (customer_id) SELECT id FROM customers");
    CHECK(text(conn, "SELECT CAST(status AS TEXT) FROM orders") == "pending");
    refused<ormc::IntegrityError>(conn, "DELETE FROM customers",
                                  pg ? "foreign key" : "FOREIGN KEY constraint failed");
  }
}

TEST_CASE("chinook's self-referencing foreign key works inline") {
  FOR_EACH_BACKEND(backend) {
    ormc_test::TestDatabase db(backend);
    chinook::schema.create_all(db.engine());
    ormc::Connection conn = db.engine().connect();
    conn.execute(R"(INSERT INTO "Employee" ("LastName", "FirstName") VALUES ('Adams', 'Andrew'))");
    const std::int64_t boss = scalar(conn, R"(SELECT "EmployeeId" FROM "Employee")");
    conn.execute(
        R"(INSERT INTO "Employee" ("LastName", "FirstName", "ReportsTo") VALUES ('Edwards', 'Nancy', )" +
        std::to_string(boss) + ")");
    refused<ormc::IntegrityError>(
        conn,
        R"(INSERT INTO "Employee" ("LastName", "FirstName", "ReportsTo") VALUES ('X', 'Y', 999))",
        db.postgresql() ? "foreign key" : "FOREIGN KEY constraint failed");
    chinook::schema.drop_all(db.engine());
  }
}
