// Rows into models and tuples: by position, by name, joined models at an offset, and the
// one() / first() / one_or_none() family; on every backend.
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>

#include "ormc/connection.hpp"
#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "runtime_model.hpp"
#include "support/test_backends.hpp"

using ormc_test::placeholders;
using ormc_test::TestDatabase;

namespace {

void add_users(ormc::Connection& conn) {
  conn.execute_raw(
      "INSERT INTO users (username, email, age, role, balance) VALUES "
      "('alice', 'alice@example.com', 30, 'admin', '10.50'), "
      "('bob', 'bob@example.com', NULL, 'reader', '0'), "
      "('carol', 'carol@example.com', 22, 'editor', '7')");
}

}  // namespace

TEST_CASE("hydrate: read_row fills a model from its columns in order") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    rt::schema.create_all(db.engine());
    auto conn = db.engine().connect();
    add_users(conn);
    auto result = conn.prepare(
                          "SELECT id, username, email, age, role, is_active, balance, created_at "
                          "FROM users ORDER BY id")
                      .query();
    std::vector<rt::User> users;
    while (result.next()) ormc::read_row(result.row(), users.emplace_back());
    REQUIRE(users.size() == 3);
    CHECK(users[0].username == "alice");
    CHECK(users[0].age == 30);
    CHECK(users[0].role == rt::Role::admin);
    CHECK(users[0].balance == ormc::Decimal("10.5"));
    CHECK(users[0].balance.str() == "10.50");
    CHECK(users[1].age == std::nullopt);
    CHECK(users[2].role == rt::Role::editor);
    CHECK(users[2].is_active);
    CHECK(users[2].created_at.time_since_epoch().count() > 0);
  }
}

TEST_CASE("hydrate: all<Model> maps by name, in any order, leaving the rest alone") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    rt::schema.create_all(db.engine());
    auto conn = db.engine().connect();
    add_users(conn);
    const auto users = conn.query<rt::User>("SELECT email, username FROM users ORDER BY username");
    REQUIRE(users.size() == 3);
    CHECK(users[0].username == "alice");
    CHECK(users[0].email == "alice@example.com");
    CHECK(users[0].id == 0);
    CHECK(users[0].role == rt::Role::reader);  // its initializer: not selected

    // Names that are not the model's, but one column per model column: by position.
    const auto positional = conn.query<rt::User>(
        "SELECT id AS a, username AS b, email AS c, age AS d, role AS e, is_active AS f, "
        "balance AS g, created_at AS h FROM users WHERE username = 'carol'");
    REQUIRE(positional.size() == 1);
    CHECK(positional[0].email == "carol@example.com");

    CHECK_THROWS_WITH_AS((void)conn.query<rt::User>("SELECT id, 1 AS x FROM users"),
                         doctest::Contains("table 'users'"), ormc::ResultTypeError);
  }
}

TEST_CASE("hydrate: tuples and joined models at an offset") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    rt::schema.create_all(db.engine());
    auto conn = db.engine().connect();
    add_users(conn);
    auto pairs = conn.prepare("SELECT username, age FROM users ORDER BY id")
                     .query()
                     .all<std::tuple<std::string, std::optional<std::int32_t>>>();
    REQUIRE(pairs.size() == 3);
    CHECK(std::get<1>(pairs[1]) == std::nullopt);

    // Two users side by side in one row: the second read from column 8 on.
    auto result = conn.prepare(
                          "SELECT a.*, b.* FROM users a JOIN users b ON b.id = a.id + 1 "
                          "ORDER BY a.id")
                      .query();
    int rows = 0;
    while (result.next()) {
      rt::User left;
      rt::User right;
      result.row().visit([&](const auto& reader) {
        ormc::read_model(reader, left, 0);
        ormc::read_model(reader, right, 8);
      });
      CHECK(right.id == left.id + 1);
      ++rows;
    }
    CHECK(rows == 2);

    std::tuple<std::int64_t, std::string> tuple;
    auto one = conn.prepare("SELECT id, username FROM users WHERE id = 1").query();
    REQUIRE(one.next());
    ormc::read_row(one.row(), tuple);
    CHECK(std::get<1>(tuple) == "alice");

    using IntPair = std::tuple<int, int>;
    CHECK_THROWS_WITH_AS((void)conn.prepare("SELECT id FROM users").query().all<IntPair>(),
                         doctest::Contains("returns 1 column, but std::tuple takes 2"),
                         ormc::ResultTypeError);
  }
}

TEST_CASE("hydrate: first, one, one_or_none, scalar, for_each") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    rt::schema.create_all(db.engine());
    auto conn = db.engine().connect();
    add_users(conn);
    const std::string by_name = placeholders(
        conn.dialect(), "SELECT username FROM users WHERE username LIKE $ ORDER BY id");
    CHECK(conn.prepare(by_name).bind(1, "%o%").query().first<std::string>() == "bob");
    CHECK(conn.prepare(by_name).bind(1, "zz").query().first<std::string>() == std::nullopt);
    CHECK(conn.prepare(by_name).bind(1, "a%").query().one<std::string>() == "alice");
    CHECK_THROWS_AS((void)conn.prepare(by_name).bind(1, "%").query().one<std::string>(),
                    ormc::MultipleResultsFound);
    CHECK_THROWS_WITH_AS((void)conn.prepare(by_name).bind(1, "zz").query().one<std::string>(),
                         doctest::Contains("no rows"), ormc::NoResultFound);
    CHECK(conn.prepare(by_name).bind(1, "zz").query().one_or_none<std::string>() == std::nullopt);
    CHECK_THROWS_AS((void)conn.prepare(by_name).bind(1, "%").query().one_or_none<std::string>(),
                    ormc::MultipleResultsFound);
    std::vector<std::string> names;
    conn.prepare(by_name).bind(1, "%").query().for_each<std::string>(
        [&](std::string&& name) { names.push_back(std::move(name)); });
    CHECK(names == std::vector<std::string>{"alice", "bob", "carol"});
    // The connection is in a clean state after each of those.
    CHECK(conn.prepare("SELECT count(*) FROM users").query().scalar<int>() == 3);
  }
}
