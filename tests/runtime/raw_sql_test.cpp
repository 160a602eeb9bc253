// Raw SQL with named binds: translation, reuse, literals and comments left alone, and the
// errors of a name without a value or a value without a name.
#include "ormc/raw_sql.hpp"

#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>

#include "ormc/connection.hpp"
#include "ormc/dialect.hpp"
#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "runtime_model.hpp"
#include "support/test_backends.hpp"

using ormc_test::TestDatabase;

TEST_CASE("raw sql: translation to numbered placeholders") {
  const auto& d = ormc::sqlite_dialect();
  auto t =
      ormc::translate_named_binds("SELECT * FROM u WHERE a > :age AND b = :name OR c = :age", d);
  CHECK(t.sql == "SELECT * FROM u WHERE a > ?1 AND b = ?2 OR c = ?1");
  CHECK(t.names == std::vector<std::string>{"age", "name"});
  t = ormc::translate_named_binds(
      "SELECT ':no', \":no\", x::text -- :no\n, /* :no */ :yes_1 FROM t", d);
  CHECK(t.sql == "SELECT ':no', \":no\", x::text -- :no\n, /* :no */ ?1 FROM t");
  CHECK(t.names == std::vector<std::string>{"yes_1"});
  t = ormc::translate_named_binds("SELECT 'it''s :no' || :a", d);
  CHECK(t.sql == "SELECT 'it''s :no' || ?1");
  t = ormc::translate_named_binds("SELECT a[1:2], :3x", d);  // not names
  CHECK(t.names.empty());
  // PostgreSQL numbers its placeholders $1, $2 and keeps its :: casts.
  t = ormc::translate_named_binds("SELECT :a::text, :b, :a", ormc::postgresql_dialect());
  CHECK(t.sql == "SELECT $1::text, $2, $1");
  CHECK(t.names == std::vector<std::string>{"a", "b"});
}

TEST_CASE("raw sql: query<tuple> and query<Model> with named binds") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    rt::schema.create_all(db.engine());
    auto conn = db.engine().connect();
    CHECK(conn.execute_raw("INSERT INTO users (username, email, age) VALUES (:u, :e, :a)",
                           {{"u", "alice"}, {"e", "a@x.org"}, {"a", 31}}) == 1);
    CHECK(conn.execute_raw("INSERT INTO users (username, email, age) VALUES (:u, :e, :a)",
                           {{"u", "bob"}, {"e", "b@x.org"}, {"a", 20}}) == 1);
    const auto rows = conn.query<std::tuple<std::int64_t, std::string>>(
        "SELECT id, username FROM users WHERE age > :age", {{"age", 25}});
    REQUIRE(rows.size() == 1);
    CHECK(std::get<1>(rows[0]) == "alice");

    // One name used twice. (Both uses compare integers: PostgreSQL gives a parameter one
    // type, so it cannot be compared with an integer and a text column at once.)
    const auto users = conn.query<rt::User>(
        "SELECT * FROM users WHERE age BETWEEN :low AND :high OR age = :low - 100",
        {{"low", 18}, {"high", 21}});
    REQUIRE(users.size() == 1);
    CHECK(users[0].username == "bob");

    // A bind-looking text inside a literal is data, not a parameter.
    const auto literal =
        conn.query<std::string>("SELECT ':age is ' || CAST(:age AS TEXT)", {{"age", "x"}});
    CHECK(literal == std::vector<std::string>{":age is x"});

    // Values of every kind convert to Value; enums and optionals through to_value().
    CHECK(conn.execute_raw("UPDATE users SET role = :role, age = :age WHERE username = :u",
                           {{"role", ormc::to_value(rt::Role::admin)},
                            {"age", ormc::to_value(std::optional<int>())},
                            {"u", "bob"}}) == 1);
    const auto bob = conn.query<std::tuple<rt::Role, std::optional<int>>>(
        "SELECT role, age FROM users WHERE username = :u", {{"u", "bob"}});
    CHECK(bob.at(0) == std::tuple<rt::Role, std::optional<int>>{rt::Role::admin, std::nullopt});
  }
}

TEST_CASE("raw sql: missing, unused and repeated names are ArgumentErrors listing them") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto conn = db.engine().connect();
    CHECK_THROWS_WITH_AS((void)conn.query<int>("SELECT :a + :b + :c", {{"a", 1}}),
                         doctest::Contains("no value for :b, :c"), ormc::ArgumentError);
    CHECK_THROWS_WITH_AS((void)conn.query<int>("SELECT :a", {{"a", 1}, {"zzz", 2}}),
                         doctest::Contains("not used by the SQL: :zzz"), ormc::ArgumentError);
    CHECK_THROWS_WITH_AS((void)conn.query<int>("SELECT :a", {{"a", 1}, {"a", 2}}),
                         doctest::Contains("given more than once: :a"), ormc::ArgumentError);
    CHECK(conn.query<int>("SELECT CAST(:a AS INTEGER) * :a", {{"a", 6}}) == std::vector<int>{36});
  }
}

TEST_CASE("raw sql: execute_many runs one statement per row, all or nothing") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    rt::schema.create_all(db.engine());
    auto conn = db.engine().connect();
    const std::string insert = "INSERT INTO users (username, email, age) VALUES (:u, :e, :a)";
    std::vector<ormc::Params> rows;
    for (int i = 0; i < 2500; ++i) {  // more than two pipelines of 1000 on PostgreSQL
      rows.push_back({{"u", "user" + std::to_string(i)}, {"e", "e@x.org"}, {"a", i % 90}});
    }
    CHECK(conn.execute_many(insert, rows) == 2500);
    CHECK(conn.query<std::int64_t>("SELECT count(*) FROM users").at(0) == 2500);
    CHECK(conn.query<std::string>("SELECT username FROM users WHERE age = :a ORDER BY id",
                                  {{"a", 89}})
              .at(0) == "user89");
    CHECK(conn.execute_many("UPDATE users SET age = :a WHERE username = :u",
                            std::vector<ormc::Params>{{{"a", 1}, {"u", "user1"}},
                                                      {{"a", 2}, {"u", "user2"}},
                                                      {{"a", 3}, {"u", "nobody"}}}) == 2);
    CHECK(conn.execute_many(insert, std::vector<ormc::Params>{}) == 0);

    // A duplicate in the second pipeline: the error names its row's values, and nothing of
    // the batch is left, not even the first pipeline's rows.
    rows.clear();
    for (int i = 0; i < 1500; ++i) {
      rows.push_back({{"u", "fresh" + std::to_string(i)}, {"e", "e@x.org"}, {"a", 1}});
    }
    rows[1200] = {{"u", "user7"}, {"e", "dup@x.org"}, {"a", 1}};
    try {
      conn.execute_many(insert, rows);
      FAIL("a duplicate username was inserted");
    } catch (const ormc::IntegrityError& e) {
      CHECK(std::string(e.what()).find("dup@x.org") != std::string::npos);
    }
    CHECK_FALSE(conn.in_transaction());
    CHECK(conn.query<std::int64_t>("SELECT count(*) FROM users").at(0) == 2500);

    // Inside the caller's transaction it is the caller's to commit or roll back.
    conn.begin();
    CHECK(conn.execute_many(insert,
                            std::vector<ormc::Params>{{{"u", "t1"}, {"e", "e"}, {"a", 1}},
                                                      {{"u", "t2"}, {"e", "e"}, {"a", 1}}}) == 2);
    CHECK(conn.in_transaction());
    conn.rollback();
    CHECK(conn.query<std::int64_t>("SELECT count(*) FROM users").at(0) == 2500);

    // A missing name is an ArgumentError before anything runs.
    CHECK_THROWS_AS(conn.execute_many(insert, std::vector<ormc::Params>{{{"u", "x"}}}),
                    ormc::ArgumentError);
  }
}
