// Core bulk insert on PostgreSQL, which sends every batch of a multi-row insert in one
// pipeline: round trips of several batches, RETURNING in order across batches, a failure
// in a later batch (nothing written, the mapped error, the connection usable afterwards),
// and the caller's transaction left to the caller.
//
// The server and the schema of each case: ormc_test::postgres_backend() and TestDatabase;
// without a server these cases do nothing (but print the skip line), under CI=true they fail.
#include <algorithm>
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>

#include "blog.orm.hpp"
#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "ormc/query.hpp"
#include "ormc/transaction.hpp"
#include "support/test_backends.hpp"

namespace {

std::vector<blog::User> make_users(std::size_t count, const std::string& prefix = "user") {
  std::vector<blog::User> users(count);
  for (std::size_t i = 0; i < count; ++i) {
    users[i].username = prefix + std::to_string(i);
    users[i].email = prefix + std::to_string(i) + "@example.com";
    users[i].age = static_cast<std::int32_t>(i % 100);
  }
  return users;
}

//! How many users one INSERT statement of a bulk insert holds on this engine.
std::size_t users_per_batch(const ormc::Engine& engine) {
  const auto one =
      ormc::insert<blog::User>().values(make_users(1)).render_batches(engine.dialect());
  const auto many =
      ormc::insert<blog::User>().values(make_users(20000)).render_batches(engine.dialect());
  return many.front().values.size() / one.front().values.size();
}

std::int64_t count_users(ormc::Connection& conn) {
  return conn.query<std::int64_t>("SELECT count(*) FROM users").at(0);
}

// An engine working in a schema of its own holding the blog tables, and the users one
// INSERT of a bulk insert holds; the case ends at once when PostgreSQL is skipped.
#define BULK_TEST_BEGIN                                               \
  const ormc_test::Backend* backend_ = ormc_test::postgres_backend(); \
  if (backend_ == nullptr) return;                                    \
  ormc_test::TestDatabase db(*backend_);                              \
  ormc::Engine& engine = db.engine();                                 \
  blog::schema.create_all(engine);                                    \
  const std::size_t per_batch = users_per_batch(engine);              \
  REQUIRE(per_batch > 100)

}  // namespace

TEST_CASE("bulk insert: rows of several batches round-trip") {
  BULK_TEST_BEGIN;
  const std::vector<blog::User> users = make_users(3 * per_batch + 17);
  REQUIRE(ormc::insert<blog::User>().values(users).render_batches(engine.dialect()).size() == 4);
  auto conn = engine.connect();
  const auto before = engine.stats().statements;
  CHECK(ormc::insert<blog::User>().values(users).execute(conn) ==
        static_cast<std::int64_t>(users.size()));
  CHECK(!conn.in_transaction());                   // its own transaction, committed
  CHECK(engine.stats().statements - before >= 4);  // one per batch (plus BEGIN and COMMIT)
  CHECK(count_users(conn) == static_cast<std::int64_t>(users.size()));
  const auto loaded = ormc::select<blog::User>().order_by(blog::user::id).all(conn);
  REQUIRE(loaded.size() == users.size());
  for (std::size_t i :
       {std::size_t{0}, per_batch - 1, per_batch, 2 * per_batch + 5, users.size() - 1}) {
    CHECK(loaded[i].username == users[i].username);
    CHECK(loaded[i].email == users[i].email);
    CHECK(loaded[i].age == users[i].age);
  }
}

TEST_CASE("bulk insert: RETURNING reads every row of every batch, in order") {
  BULK_TEST_BEGIN;
  const std::vector<blog::User> users = make_users(2 * per_batch + 3);
  auto conn = engine.connect();
  const auto rows = ormc::insert<blog::User>()
                        .values(users)
                        .returning(blog::user::id, blog::user::username)
                        .all(conn);
  REQUIRE(rows.size() == users.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (std::get<1>(rows[i]) != users[i].username) {
      FAIL_CHECK("row " << i << " is " << std::get<1>(rows[i]));
      break;
    }
    if (i > 0 && std::get<0>(rows[i]) <= std::get<0>(rows[i - 1])) {
      FAIL_CHECK("ids do not increase at row " << i);
      break;
    }
  }
  CHECK(count_users(conn) == static_cast<std::int64_t>(users.size()));
}

TEST_CASE("bulk insert: a duplicate key in the third batch writes nothing") {
  BULK_TEST_BEGIN;
  std::vector<blog::User> users = make_users(3 * per_batch + 10);
  const std::size_t bad = 2 * per_batch + 7;  // in the third batch
  users[bad].username = users[0].username;
  auto conn = engine.connect();
  try {
    ormc::insert<blog::User>().values(users).execute(conn);
    FAIL("the duplicate username was inserted");
  } catch (const ormc::IntegrityError& e) {
    CHECK(e.sqlstate() == "23505");
    // The values are the third batch's: its first user, not the first batch's.
    const auto& params = e.params();
    CHECK(std::find(params.begin(), params.end(), "'" + users[2 * per_batch].username + "'") !=
          params.end());
    CHECK(std::find(params.begin(), params.end(), "'" + users[1].username + "'") == params.end());
  }
  CHECK(!conn.in_transaction());
  CHECK(count_users(conn) == 0);
  // The connection is out of the pipeline and usable: single statements and another bulk.
  const std::vector<blog::User> again = make_users(2 * per_batch + 1, "again");
  CHECK(ormc::insert<blog::User>().values(again).execute(conn) ==
        static_cast<std::int64_t>(again.size()));
  CHECK(count_users(conn) == static_cast<std::int64_t>(again.size()));
}

TEST_CASE("bulk insert: a value that cannot be bound stops the pipeline cleanly") {
  BULK_TEST_BEGIN;
  std::vector<blog::User> users = make_users(3 * per_batch);
  users[per_batch + 1].username = std::string("nul\0here", 8);  // PostgreSQL text has no NUL
  auto conn = engine.connect();
  CHECK_THROWS_AS(ormc::insert<blog::User>().values(users).execute(conn), ormc::DataError);
  CHECK(!conn.in_transaction());
  CHECK(count_users(conn) == 0);
  CHECK(conn.query<std::int64_t>("SELECT 40 + 2").at(0) == 42);
}

TEST_CASE("bulk insert: inside the caller's transaction, which decides") {
  BULK_TEST_BEGIN;
  const std::vector<blog::User> users = make_users(2 * per_batch + 5);
  auto conn = engine.connect();
  {
    ormc::Transaction tx(conn);
    CHECK(ormc::insert<blog::User>().values(users).execute(conn) ==
          static_cast<std::int64_t>(users.size()));
    CHECK(conn.in_transaction());  // not committed by the insert
    CHECK(count_users(conn) == static_cast<std::int64_t>(users.size()));
    tx.rollback();
  }
  CHECK(count_users(conn) == 0);

  // A failure inside the caller's transaction leaves it open (aborted) for the caller.
  std::vector<blog::User> bad = users;
  bad.back().email = bad.front().email;
  conn.begin();
  CHECK_THROWS_AS(ormc::insert<blog::User>().values(bad).execute(conn), ormc::IntegrityError);
  CHECK(conn.in_transaction());
  conn.rollback();
  CHECK(count_users(conn) == 0);

  {
    ormc::Transaction tx(conn);
    ormc::insert<blog::User>().values(users).execute(conn);
    tx.commit();
  }
  CHECK(count_users(conn) == static_cast<std::int64_t>(users.size()));
}

TEST_CASE("bulk insert: one statement record per batch, the failing one flagged") {
  BULK_TEST_BEGIN;
  std::vector<blog::User> users = make_users(4 * per_batch);
  users[2 * per_batch + 1].email = users[0].email;  // fails in the third batch of four
  struct Seen {
    std::string sql;
    std::size_t params;
    std::int64_t rows;
    bool failed;
  };
  std::vector<Seen> seen;
  engine.on_statement([&](const ormc::LogRecord& r) {
    if (r.sql.starts_with("INSERT")) {
      seen.push_back({std::string(r.sql), r.params.size(), r.rows, r.failed});
    }
  });
  auto conn = engine.connect();
  CHECK_THROWS_AS(ormc::insert<blog::User>().values(users).execute(conn), ormc::IntegrityError);
  REQUIRE(seen.size() == 3);  // the fourth batch's result was discarded, not reported
  CHECK(!seen[0].failed);
  CHECK(seen[0].rows == static_cast<std::int64_t>(per_batch));
  CHECK(seen[0].params == seen[2].params);
  CHECK(!seen[1].failed);
  CHECK(seen[2].failed);
}
