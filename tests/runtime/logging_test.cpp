// SQL logging (echo) through a logger callback, redaction of bound values, and statement
// events for counting; on every backend.
#include "ormc/logging.hpp"

#include <cstdint>
#include <string>
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

struct Captured {
  std::string sql;
  std::vector<std::string> params;
  std::int64_t rows;
  ormc::StatementKind kind;
  bool failed;
  std::string line;
};

ormc::EngineOptions capturing(std::vector<Captured>& log, bool redact = false) {
  ormc::EngineOptions options;
  options.echo = true;
  options.redact_values = redact;
  options.logger = [&log](const ormc::LogRecord& r) {
    log.push_back({std::string(r.sql),
                   {r.params.begin(), r.params.end()},
                   r.rows,
                   r.kind,
                   r.failed,
                   ormc::format_log_line(r)});
  };
  return options;
}

}  // namespace

TEST_CASE("logging: echo logs each statement with its values, rows and duration") {
  FOR_EACH_BACKEND(backend) {
    std::vector<Captured> log;
    TestDatabase db(backend, capturing(log));
    rt::schema.create_all(db.engine());
    auto conn = db.engine().connect();
    log.clear();
    const std::string insert =
        placeholders(conn.dialect(), "INSERT INTO users (username, email, age) VALUES ($, $, $)");
    conn.prepare(insert).bind_all("alice", "a@x.org", 25).execute();
    (void)conn.query<std::string>("SELECT username FROM users WHERE age > :age", {{"age", 20}});
    REQUIRE(log.size() == 2);
    CHECK(log[0].sql == insert);
    CHECK(log[0].params == std::vector<std::string>{"'alice'", "'a@x.org'", "25"});
    CHECK(log[0].rows == 1);
    CHECK(log[0].kind == ormc::StatementKind::command);
    CHECK(log[1].rows == 1);
    CHECK(log[1].kind == ormc::StatementKind::query);
    CHECK(log[1].line.rfind("[ormc] ", 0) == 0);
    CHECK(log[1].line.find(
              " ms  " + placeholders(conn.dialect(), "SELECT username FROM users WHERE age > $") +
              " ; params: (20)") != std::string::npos);
  }
}

TEST_CASE("logging: transactions are logged as such and failures are flagged") {
  FOR_EACH_BACKEND(backend) {
    std::vector<Captured> log;
    TestDatabase db(backend, capturing(log));
    auto conn = db.engine().connect();
    log.clear();
    conn.begin();
    CHECK_THROWS_AS((void)conn.prepare("SELECT * FROM nowhere"), ormc::ProgrammingError);
    conn.rollback();
    REQUIRE(log.size() == 3);
    CHECK(log[0].sql.rfind("BEGIN", 0) == 0);
    CHECK(log[0].kind == ormc::StatementKind::transaction);
    CHECK(log[1].failed);
    CHECK(log[1].sql == "SELECT * FROM nowhere");
    CHECK(log[1].line.find(backend.postgresql()
                               ? "FAILED: relation \"nowhere\" does not exist"
                               : "FAILED: no such table: nowhere") != std::string::npos);
    CHECK(log[2].sql == "ROLLBACK");
    CHECK(log[2].kind == ormc::StatementKind::transaction);
  }
}

TEST_CASE("logging: redact_values hides values in logs and in errors") {
  FOR_EACH_BACKEND(backend) {
    std::vector<Captured> log;
    TestDatabase db(backend, capturing(log, true));
    rt::schema.create_all(db.engine());
    auto conn = db.engine().connect();
    conn.execute_raw("INSERT INTO users (username, email) VALUES (:u, :e)",
                     {{"u", "alice"}, {"e", "secret@x.org"}});
    CHECK(log.back().params == std::vector<std::string>{"<redacted>", "<redacted>"});
    CHECK(log.back().line.find("secret") == std::string::npos);
    try {
      conn.execute_raw("INSERT INTO users (username, email) VALUES (:u, :e)",
                       {{"u", "alice"}, {"e", "secret@x.org"}});
      FAIL("no error");
    } catch (const ormc::IntegrityError& e) {
      const std::string what = e.what();
      CHECK(what.find("secret") == std::string::npos);
      // PostgreSQL's DETAIL line quotes the row ("Key (username)=(alice) already exists"):
      // left out when values are redacted.
      CHECK(what.find("alice") == std::string::npos);
      CHECK(e.params() == std::vector<std::string>{"<redacted>", "<redacted>"});
    }
    CHECK(log.back().failed);
    CHECK(log.back().line.find("secret") == std::string::npos);
    CHECK(log.back().line.find("alice") == std::string::npos);
  }
}

TEST_CASE("logging: redaction from the URL and long values cut") {
  FOR_EACH_BACKEND(backend) {
    std::vector<Captured> log;
    auto options = capturing(log);
    options.echo = false;
    TestDatabase db(backend, options, "echo=true&redact_values=true");
    CHECK(db.engine().options().redact_values);
    CHECK(db.engine().options().echo);
    auto conn = db.engine().connect();
    (void)conn.prepare(placeholders(conn.dialect(), "SELECT CAST($ AS INTEGER)"))
        .bind(1, 5)
        .query()
        .scalar<int>();
    CHECK(log.back().params == std::vector<std::string>{"<redacted>"});
  }

  CHECK(ormc::to_log_string(ormc::Value{std::string(500, 'x')}).find("... (500 characters)") !=
        std::string::npos);
  CHECK(ormc::to_log_string(ormc::Value{std::string("it's")}) == "'it''s'");
  CHECK(ormc::to_log_string(ormc::Value{}) == "NULL");
  CHECK(ormc::to_log_string(ormc::Value{ormc::Bytes{std::byte{1}, std::byte{0xab}}}) == "x'01ab'");
}

TEST_CASE("events: on_statement counts statements and listeners can be removed") {
  FOR_EACH_BACKEND(backend) {
    TestDatabase db(backend);
    auto& engine = db.engine();
    int statements = 0;
    int transactions = 0;
    const auto id = engine.on_statement([&](const ormc::LogRecord& r) {
      (r.kind == ormc::StatementKind::transaction ? transactions : statements)++;
    });
    auto conn = engine.connect();
    conn.execute("CREATE TABLE t (id INTEGER)");
    {
      ormc::Transaction tx(conn);
      const std::string insert = placeholders(conn.dialect(), "INSERT INTO t VALUES ($)");
      for (int i = 0; i < 3; ++i) conn.prepare(insert).bind(1, i).execute();
      tx.commit();
    }
    CHECK(statements == 4);
    CHECK(transactions == 2);
    CHECK(engine.stats().statements == 4);
    engine.remove_listener(id);
    conn.execute("DELETE FROM t");
    CHECK(statements == 4);
  }
}
