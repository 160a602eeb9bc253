// The PostgreSQL backend on a real server: connecting (and failing to, without leaking the
// password), the generated blog schema's DDL, every column type bound and read back, the
// query layer, the Session, transactions and savepoints, and SQLSTATE error mapping.
//
// The server: ORMC_TEST_POSTGRES_URL when set (postgresql://user:pw@host:port/db), else
// libpq's environment (PGHOST / PGDATABASE / PGUSER / PGPORT / PGPASSWORD, as set inside
// `pg_virtualenv`): ormc_test::postgres_backend(). Each test case works in a schema of its
// own (ormc_test::TestDatabase), dropped at its end, so test processes may run in parallel
// against one database.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <doctest/doctest.h>

#include "blog.orm.hpp"
#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "ormc/query.hpp"
#include "ormc/session.hpp"
#include "ormc/transaction.hpp"
#include "support/test_backends.hpp"

using ormc_test::environment_variable;

// Runs the body only when PostgreSQL is configured (or CI=true, where opening the
// database fails the case); the skip line is printed once by postgres_backend().
#define PG_TEST_BEGIN                                                 \
  const ormc_test::Backend* backend_ = ormc_test::postgres_backend(); \
  if (backend_ == nullptr) return;                                    \
  ormc_test::TestDatabase db(*backend_);                              \
  ormc::Engine& engine = db.engine();                                 \
  (void)engine

TEST_CASE("a PostgreSQL server is configured (else: skipped loudly, failed under CI)") {
  const ormc_test::Backend* backend = ormc_test::postgres_backend();  // prints the skip line
  if (backend == nullptr) return;
  CHECK_MESSAGE(backend->url.has_value(),
                "CI=true: the PostgreSQL tests must run against a server");
}

TEST_CASE("connect: dialect, placeholders, session settings") {
  PG_TEST_BEGIN;
  CHECK(engine.dialect().name() == "postgresql");
  CHECK(engine.dialect().ilike_operator() == "ILIKE");
  std::string sql;
  engine.dialect().append_placeholder(sql, 3);
  CHECK(sql == "$3");
  auto conn = engine.connect();
  CHECK(conn.prepare("SELECT 1 + $1").bind(1, 41).query().scalar<std::int64_t>() == 42);
  CHECK(conn.query<std::string>("SELECT current_setting('TimeZone')") ==
        std::vector<std::string>{"UTC"});
  CHECK(conn.query<std::string>("SELECT current_schema()") ==
        std::vector<std::string>{db.schema()});
}

TEST_CASE("connection failures: one OperationalError naming the host, never the password") {
  if (!ormc_test::postgres_url()) return;
  try {
    (void)ormc::Engine::connect(
        "postgresql://someone:s3cr3t-pw@127.0.0.1:1/nodb?connect_timeout=2");
    FAIL("connected to port 1");
  } catch (const ormc::OperationalError& e) {
    const std::string message = e.what();
    INFO(message);
    CHECK(message.find("127.0.0.1") != std::string::npos);
    CHECK(message.find("s3cr3t-pw") == std::string::npos);
    CHECK(message.find("cannot connect") != std::string::npos);
  }
  try {
    (void)ormc::Engine::connect("postgresql://someone:s3cr3t-pw@host:notaport/db");
    FAIL("a malformed URL parsed");
  } catch (const ormc::Error& e) {
    const std::string message = e.what();
    CHECK(message.find("s3cr3t-pw") == std::string::npos);
  }
  CHECK_THROWS_AS((void)ormc::Engine::connect("postgresql://h/db?no_such_option=1"),
                  ormc::ArgumentError);
  // A wrong password against the real server (when it asks for one: pg_virtualenv's TCP
  // connections do): the message must not repeat it.
  if (const char* host = environment_variable("PGHOST")) {
    const char* port = environment_variable("PGPORT");
    const char* user = environment_variable("PGUSER");
    try {
      (void)ormc::Engine::connect(std::string("postgresql://") + (user ? user : "postgres") +
                                  ":Wr0ng-pa55word@" + host +
                                  (port ? std::string(":") + port : "") + "/postgres");
    } catch (const ormc::OperationalError& e) {
      const std::string message = e.what();
      INFO(message);
      CHECK(message.find("Wr0ng-pa55word") == std::string::npos);
      CHECK(message.find(host) != std::string::npos);
    }
  }
}

TEST_CASE("the generated blog schema: create_all, drop_all, create_all again") {
  PG_TEST_BEGIN;
  blog::schema.create_all(engine);
  blog::schema.create_all(engine);  // IF NOT EXISTS / duplicate_object: idempotent
  auto conn = engine.connect();
  CHECK(conn.query<std::int64_t>("SELECT count(*) FROM information_schema.tables WHERE "
                                 "table_schema = current_schema()")
            .at(0) == 6);
  blog::schema.drop_all(engine);
  CHECK(conn.query<std::int64_t>("SELECT count(*) FROM information_schema.tables WHERE "
                                 "table_schema = current_schema()")
            .at(0) == 0);
  blog::schema.create_all(engine);
}

TEST_CASE("every column type round-trips, NULLs too") {
  PG_TEST_BEGIN;
  auto conn = engine.connect();
  conn.execute(R"sql(
    CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
    CREATE TABLE everything (
      id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
      i16 smallint, i32 integer, i64 bigint, f32 real, f64 double precision,
      num numeric(30, 10), txt text, vc varchar(20), bin bytea, flag boolean,
      d date, t time, ts timestamp, tstz timestamptz, u uuid, jb jsonb, js json, m mood))sql");
  using namespace std::chrono;
  const ormc::Timestamp ts = sys_days{2024y / 2 / 29} + 23h + 59min + 58s + microseconds{123456};
  const ormc::Timestamp tstz = sys_days{1999y / 12 / 31} + 1h + microseconds{1};
  const ormc::Bytes bytes{std::byte{0}, std::byte{0xff}, std::byte{'\\'}, std::byte{'\''},
                          std::byte{0x80}};
  const auto uuid = *ormc::Uuid::parse("123e4567-e89b-12d3-a456-426614174000");
  const ormc::Decimal num("-12345678901234567890.0123456789");
  const std::string text = "h\xc3\xa9llo 'quoted' \"double\" \\ back";
  const ormc::Date date = 2000y / 1 / 1;
  const ormc::Time time = 13h + 14min + 15s + microseconds{16};

  auto insert = conn.prepare(
      "INSERT INTO everything (i16, i32, i64, f32, f64, num, txt, vc, bin, flag, d, t, ts, tstz, "
      "u, jb, js, m) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
      "$16, $17, $18) RETURNING id");
  insert.bind_all(
      std::int16_t{-32768}, std::int32_t{2147483647}, std::int64_t{-9223372036854775807LL - 1},
      1.5F, 0.1, num, text, std::string("varchar"), bytes, true, date, time, ts, tstz, uuid,
      ormc::Json{R"({"a": [1, 2, {"b": null}]})"}, ormc::Json{R"({"x":1})"}, std::string("happy"));
  const auto id = insert.query().scalar<std::int64_t>();
  CHECK(id == 1);

  auto row = conn.prepare(
                     "SELECT i16, i32, i64, f32, f64, num, txt, vc, bin, flag, d, t, ts, tstz, "
                     "u, jb, js, m FROM everything WHERE id = $1")
                 .bind(1, id)
                 .query()
                 .one<std::tuple<std::int16_t, std::int32_t, std::int64_t, float, double,
                                 ormc::Decimal, std::string, std::string, ormc::Bytes, bool,
                                 ormc::Date, ormc::Time, ormc::Timestamp, ormc::Timestamp,
                                 ormc::Uuid, ormc::Json, ormc::Json, std::string>>();
  CHECK(std::get<0>(row) == -32768);
  CHECK(std::get<1>(row) == 2147483647);
  CHECK(std::get<2>(row) == -9223372036854775807LL - 1);
  CHECK(std::get<3>(row) == 1.5F);
  CHECK(std::get<4>(row) == 0.1);
  CHECK(std::get<5>(row) == num);
  CHECK(std::get<5>(row).str() == "-12345678901234567890.0123456789");
  CHECK(std::get<6>(row) == text);
  CHECK(std::get<7>(row) == "varchar");
  CHECK(std::get<8>(row) == bytes);
  CHECK(std::get<9>(row) == true);
  CHECK(std::get<10>(row) == date);
  CHECK(std::get<11>(row) == time);
  CHECK(std::get<12>(row) == ts);
  CHECK(std::get<13>(row) == tstz);
  CHECK(std::get<14>(row) == uuid);
  CHECK(std::get<15>(row).text == R"({"a": [1, 2, {"b": null}]})");  // jsonb normalises
  CHECK(std::get<16>(row).text == R"({"x":1})");                     // json is verbatim
  CHECK(std::get<17>(row) == "happy");

  // The instant of a timestamptz is kept whatever offset it was written with.
  CHECK(conn.query<ormc::Timestamp>("SELECT tstz FROM everything").at(0) == tstz);
  CHECK(conn.query<ormc::Timestamp>("SELECT '1999-12-31 03:00:00.000001+02'::timestamptz").at(0) ==
        tstz);

  // NULL in every column.
  auto nulls = conn.prepare(
      "INSERT INTO everything (i16, txt, bin, flag, d, ts, u, jb, m) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id");
  nulls.bind_all(std::optional<std::int16_t>{}, std::optional<std::string>{},
                 std::optional<ormc::Bytes>{}, std::optional<bool>{}, std::optional<ormc::Date>{},
                 std::optional<ormc::Timestamp>{}, std::optional<ormc::Uuid>{},
                 std::optional<ormc::Json>{}, std::nullopt);
  const auto null_id = nulls.query().scalar<std::int64_t>();
  auto empty =
      conn.prepare(
              "SELECT i16, txt, bin, flag, d, ts, u, jb, m FROM everything "
              "WHERE id = $1")
          .bind(1, null_id)
          .query()
          .one<std::tuple<
              std::optional<std::int16_t>, std::optional<std::string>, std::optional<ormc::Bytes>,
              std::optional<bool>, std::optional<ormc::Date>, std::optional<ormc::Timestamp>,
              std::optional<ormc::Uuid>, std::optional<ormc::Json>, std::optional<std::string>>>();
  CHECK(empty == decltype(empty){});
  CHECK_THROWS_AS((void)conn.prepare("SELECT i16 FROM everything WHERE id = $1")
                      .bind(1, null_id)
                      .query()
                      .scalar<std::int16_t>(),
                  ormc::ResultTypeError);

  // Empty bytes and strings are not NULL; Value reads by the column's type.
  conn.prepare("UPDATE everything SET bin = $1, txt = $2 WHERE id = $3")
      .bind_all(ormc::Bytes{}, std::string(), null_id)
      .execute();
  CHECK(conn.query<ormc::Bytes>("SELECT bin FROM everything WHERE txt = ''").at(0).empty());
  auto values =
      conn.query<std::tuple<ormc::Value, ormc::Value, ormc::Value, ormc::Value, ormc::Value>>(
          "SELECT i64, num, flag, ts, i16 FROM everything WHERE id = 1");
  CHECK(std::get<0>(values.at(0)) == ormc::Value{std::int64_t{-9223372036854775807LL - 1}});
  CHECK(std::get<1>(values.at(0)) == ormc::Value{num});
  CHECK(std::get<2>(values.at(0)) == ormc::Value{true});
  CHECK(std::get<3>(values.at(0)) == ormc::Value{ts});
  CHECK(std::get<4>(values.at(0)) == ormc::Value{std::int64_t{-32768}});
}

TEST_CASE("the query layer: insert, select, update, delete on the blog schema") {
  PG_TEST_BEGIN;
  blog::schema.create_all(engine);
  auto conn = engine.connect();
  using blog::Role;
  using blog::User;
  namespace user = blog::user;
  std::vector<User> users{
      User{.username = "alice",
           .email = "alice@example.com",
           .age = 31,
           .role = Role::admin,
           .balance = ormc::Decimal("10.50")},
      User{.username = "bob", .email = "bob@example.com", .age = 25, .role = Role::editor},
      User{.username = "carol", .email = "carol@example.com", .age = std::nullopt},
      User{.username = "Anna", .email = "anna@example.com", .age = 19, .is_active = false},
  };
  CHECK(ormc::insert<User>().values(users).execute(conn) == 4);

  auto all = ormc::select<User>().order_by(user::id).all(conn);
  REQUIRE(all.size() == 4);
  CHECK(all[0].id > 0);
  CHECK(all[0].role == Role::admin);
  CHECK(all[0].balance.str() == "10.50");
  CHECK(all[2].age == std::nullopt);
  CHECK(all[3].is_active == false);
  CHECK(all[0].created_at > ormc::Timestamp{});

  auto names = [](const std::vector<User>& list) {
    std::vector<std::string> out;
    for (const auto& u : list) out.push_back(u.username);
    return out;
  };
  CHECK(
      names(ormc::select<User>().where(user::username.ilike("a%")).order_by(user::id).all(conn)) ==
      std::vector<std::string>{"alice", "Anna"});
  CHECK(names(ormc::select<User>()
                  .where(user::role.in_({Role::admin, Role::editor}))
                  .order_by(user::username.desc())
                  .all(conn)) == std::vector<std::string>{"bob", "alice"});
  CHECK(
      names(ormc::select<User>().where(user::role == Role::reader).order_by(user::id).all(conn)) ==
      std::vector<std::string>{"carol", "Anna"});
  CHECK(names(ormc::select<User>()
                  .where(user::age > 20)
                  .order_by(user::age.desc())
                  .limit(1)
                  .offset(1)
                  .all(conn)) == std::vector<std::string>{"bob"});
  CHECK(names(ormc::select<User>().where(user::age.is_null()).all(conn)) ==
        std::vector<std::string>{"carol"});

  CHECK(ormc::update<User>()
            .set(user::age, user::age + 1)
            .set(user::role, Role::editor)
            .where(user::username == "alice")
            .execute(conn) == 1);
  const auto alice = ormc::select<User>().where(user::username == "alice").one(conn);
  CHECK(alice.age == 32);
  CHECK(alice.role == Role::editor);
  CHECK(ormc::delete_from<User>().where(user::is_active == false).execute(conn) == 1);
  CHECK(ormc::select<User>().all(conn).size() == 3);
}

TEST_CASE("the Session: add, get, query, commit, rollback") {
  PG_TEST_BEGIN;
  blog::schema.create_all(engine);
  using blog::User;
  namespace user = blog::user;
  std::int64_t id = 0;
  {
    ormc::Session session(engine);
    User& a = session.add(User{.username = "alice", .email = "alice@example.com", .age = 30});
    session.commit();
    id = a.id;
    CHECK(id > 0);  // the key came back through RETURNING
    CHECK(a.created_at > ormc::Timestamp{});
  }
  {
    ormc::Session session(engine);
    User* a = session.get<User>(id);
    REQUIRE(a != nullptr);
    CHECK(a->username == "alice");
    CHECK(session.get<User>(id) == a);  // identity map
    a->age = 31;
    session.add(User{.username = "bob", .email = "bob@example.com"});
    session.flush();
    CHECK(session.query<User>().count() == 2);
    session.rollback();
    CHECK(session.query<User>().count() == 1);
    CHECK(session.query<User>().where(user::id == id).one().age == 30);
    User& again = session.query<User>().where(user::username == "alice").one();
    again.balance = ormc::Decimal("12.34");
    session.commit();
  }
  {
    ormc::Session session(engine);
    CHECK(session.get<User>(id)->balance.str() == "12.34");
    session.add(User{.username = "alice", .email = "other@example.com"});
    CHECK_THROWS_AS(session.commit(), ormc::IntegrityError);
    session.rollback();
    CHECK(session.query<User>().count() == 1);
  }
}

TEST_CASE("transactions and savepoints") {
  PG_TEST_BEGIN;
  auto conn = engine.connect();
  conn.execute("CREATE TABLE t (v integer)");
  {
    ormc::Transaction tx(conn);
    conn.prepare("INSERT INTO t VALUES ($1)").bind(1, 1).execute();
    CHECK(conn.in_transaction());
  }  // rolled back
  CHECK_FALSE(conn.in_transaction());
  CHECK(conn.query<std::int64_t>("SELECT count(*) FROM t").at(0) == 0);

  conn.begin();
  conn.prepare("INSERT INTO t VALUES ($1)").bind(1, 1).execute();
  {
    auto sp = conn.begin_nested();
    conn.prepare("INSERT INTO t VALUES ($1)").bind(1, 2).execute();
    sp.rollback();
  }
  {
    auto sp = conn.begin_nested();
    // An error inside a savepoint: rolling it back keeps the outer transaction usable.
    CHECK_THROWS_AS(conn.execute("INSERT INTO t VALUES ('not a number')"), ormc::DataError);
    sp.rollback();
  }
  conn.prepare("INSERT INTO t VALUES ($1)").bind(1, 3).execute();
  conn.commit();
  CHECK(conn.query<std::int64_t>("SELECT v FROM t ORDER BY v") == std::vector<std::int64_t>{1, 3});

  // A failed statement aborts the transaction: COMMIT then fails instead of rolling back
  // silently.
  conn.begin();
  CHECK_THROWS_AS(conn.execute("SELECT * FROM no_such_table"), ormc::ProgrammingError);
  CHECK_THROWS_AS(conn.commit(), ormc::DatabaseError);
  CHECK_FALSE(conn.in_transaction());
  CHECK(conn.query<std::int64_t>("SELECT count(*) FROM t").at(0) == 2);

  conn.begin({.isolation = ormc::IsolationLevel::serializable, .read_only = true});
  CHECK(conn.query<std::string>("SELECT current_setting('transaction_isolation')") ==
        std::vector<std::string>{"serializable"});
  CHECK_THROWS_AS(conn.execute("INSERT INTO t VALUES (9)"), ormc::OperationalError);
  conn.rollback();
}

TEST_CASE("errors by SQLSTATE, and the connection stays usable") {
  PG_TEST_BEGIN;
  blog::schema.create_all(engine);
  auto conn = engine.connect();
  auto insert = [&](const std::string& name, const std::string& email) {
    conn.prepare("INSERT INTO users (username, email) VALUES ($1, $2)")
        .bind_all(name, email)
        .execute();
  };
  insert("alice", "alice@example.com");
  try {
    insert("alice", "second@example.com");
    FAIL("duplicate accepted");
  } catch (const ormc::IntegrityError& e) {
    CHECK(e.sqlstate() == "23505");
    CHECK(e.info().code_name == "unique_violation");
    CHECK(e.info().backend == "postgresql");
    CHECK(std::string(e.what()).find("uq_users_username") != std::string::npos);
  }
  CHECK_THROWS_AS(insert("al", "x@example.com"), ormc::IntegrityError);  // check constraint
  try {
    (void)conn.prepare("SELEC 1");
    FAIL("syntax accepted");
  } catch (const ormc::ProgrammingError& e) {
    CHECK(e.sqlstate() == "42601");
  }
  CHECK_THROWS_AS((void)conn.prepare("SELECT * FROM nope"), ormc::ProgrammingError);
  try {
    (void)conn.prepare("SELECT $1::integer").bind(1, "12x").query().scalar<std::int64_t>();
    FAIL("bad integer accepted");
  } catch (const ormc::DataError& e) {
    CHECK(e.sqlstate() == "22P02");
  }
  try {
    conn.execute("SET statement_timeout = 50");
    conn.execute("SELECT pg_sleep(2)");
    FAIL("statement_timeout did not fire");
  } catch (const ormc::OperationalError& e) {
    CHECK(e.sqlstate() == "57014");
  }
  conn.execute("SET statement_timeout = 0");
  CHECK(conn.query<std::int64_t>("SELECT count(*) FROM users").at(0) == 1);
  try {
    conn.execute("DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = '40001'; END $$");
    FAIL("no error");
  } catch (const ormc::SerializationError& e) {
    CHECK(e.sqlstate() == "40001");
  }
}

TEST_CASE("injection strings are bound, stored and matched literally") {
  PG_TEST_BEGIN;
  blog::schema.create_all(engine);
  using blog::User;
  namespace user = blog::user;
  const std::vector<std::string> evil = {"'; DROP TABLE users; --",
                                         "\" OR 1=1 --",
                                         "Robert'); DROP TABLE students;--",
                                         "$1 ; $2",
                                         "%' OR '1'='1",
                                         "\\'; SELECT pg_sleep(10); --",
                                         "a\\b",
                                         "$$; DROP SCHEMA x; $$"};
  auto conn = engine.connect();
  int n = 0;
  for (const auto& s : evil) {
    ++n;
    ormc::insert<User>()
        .values(User{.username = s, .email = "e" + std::to_string(n) + "@x"})
        .execute(conn);
  }
  for (const auto& s : evil) {
    INFO(s);
    CHECK(ormc::select<User>().where(user::username == s).one(conn).username == s);
    CHECK(conn.query<std::string>("SELECT username FROM users WHERE username = :name",
                                  {{"name", s}}) == std::vector<std::string>{s});
  }
  CHECK(ormc::select<User>().where(user::username.like("%' OR '1'='1")).all(conn).size() == 1);
  ormc::Session session(engine);
  CHECK(session.query<User>().where(user::username == evil[0]).one().username == evil[0]);
  CHECK(session.query<User>().count() == static_cast<std::int64_t>(evil.size()));
}

TEST_CASE("prepared statements are cached per connection and reused") {
  PG_TEST_BEGIN;
  auto conn = engine.connect();
  engine.reset_stats();
  for (int i = 0; i < 5; ++i) {
    CHECK(conn.prepare("SELECT $1::bigint * 2").bind(1, i).query().scalar<std::int64_t>() == 2 * i);
  }
  CHECK(engine.stats().prepares == 1);
  CHECK(engine.stats().cache_hits == 4);
  CHECK(conn.query<std::int64_t>("SELECT count(*) FROM pg_prepared_statements").at(0) >= 1);
}

TEST_CASE("a cached statement survives its table changing shape") {
  PG_TEST_BEGIN;
  auto conn = engine.connect();
  conn.execute("CREATE TABLE shape (a integer)");
  conn.execute("INSERT INTO shape VALUES (1)");
  CHECK(conn.query<std::int64_t>("SELECT * FROM shape") == std::vector<std::int64_t>{1});
  conn.execute("ALTER TABLE shape ADD COLUMN b text");
  CHECK(conn.query<std::tuple<std::int64_t, std::optional<std::string>>>("SELECT * FROM shape")
            .size() == 1);
}
