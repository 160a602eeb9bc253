// Secrets kept out of what ormc prints: the password of an engine URL never appears in an
// error, the URL's printable form, an echo log line, an on_statement record or a pool
// event; with EngineOptions::redact_values, bound values appear in none of them either.
// On every backend; the password cases need a PostgreSQL URL (a server that cannot be
// reached, and the test server with its password and a wrong one).
#include <cstdlib>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "blog.orm.hpp"
#include "ormc/connection.hpp"
#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "ormc/logging.hpp"
#include "ormc/query.hpp"
#include "ormc/url.hpp"
#include "support/test_backends.hpp"

using namespace blog;
using ormc_test::environment_variable;
using ormc_test::TestDatabase;

namespace {

// Everything an engine said, as text: log lines, statement records, pool events.
struct Transcript {
  std::vector<std::string> lines;

  ormc::EngineOptions options(bool redact = false) {
    ormc::EngineOptions options;
    options.echo = true;
    options.redact_values = redact;
    options.logger = [this](const ormc::LogRecord& r) {
      lines.push_back("log: " + ormc::format_log_line(r));
    };
    return options;
  }

  void listen(ormc::Engine& engine) {
    (void)engine.on_statement([this](const ormc::LogRecord& r) {
      std::string line = "statement: " + std::string(r.sql) + " error: " + std::string(r.error);
      for (const std::string& p : r.params) line += " param: " + p;
      lines.push_back(std::move(line));
    });
    (void)engine.on_pool_event([this](const ormc::PoolEvent& e) {
      lines.push_back("pool: " + std::string(ormc::to_string(e.kind)) + " " +
                      std::string(e.reason));
    });
  }

  //! Fails the test with the offending line when `secret` appears in any.
  void check_free_of(const std::string& secret) const {
    for (const std::string& line : lines) {
      CAPTURE(line);
      CHECK(line.find(secret) == std::string::npos);
    }
  }
};

// The test server's address and credentials, from ORMC_TEST_POSTGRES_URL or libpq's
// environment.
ormc::Url server_address() {
  if (const char* url = environment_variable("ORMC_TEST_POSTGRES_URL")) {
    return ormc::Url::parse(url);
  }
  ormc::Url url = ormc::Url::parse("postgresql://");
  if (const char* host = environment_variable("PGHOST")) url.host = host;
  if (const char* port = environment_variable("PGPORT")) url.port = std::atoi(port);
  if (const char* user = environment_variable("PGUSER")) url.user = user;
  if (const char* password = environment_variable("PGPASSWORD")) url.password = password;
  if (const char* database = environment_variable("PGDATABASE")) url.database = database;
  return url;
}

std::string url_with_password(const ormc::Url& server, const std::string& password) {
  std::string url = "postgresql://" +
                    (server.user.empty() ? std::string("postgres") : server.user) + ":" + password +
                    "@" + (server.host.empty() ? "localhost" : server.host);
  if (server.port) url += ":" + std::to_string(*server.port);
  return url + "/" + server.database;
}

}  // namespace

TEST_CASE("secrets: the password of an unreachable server is in no error, URL form or log") {
  const std::string password = "S3cr3tPw";
  const std::string url = "postgresql://user:" + password + "@127.0.0.1:1/db?connect_timeout=5";
  CHECK(ormc::Url::parse(url).str().find(password) == std::string::npos);
  CHECK(ormc::Url::parse(url).str() == "postgresql://user:***@127.0.0.1:1/db?connect_timeout=5");
  CHECK(ormc::redact_url(url).find(password) == std::string::npos);
  // Engine::connect opens its first connection at once, so the error comes from it; the
  // logger of the options is all that could have seen anything.
  Transcript transcript;
  std::string message;
  try {
    (void)ormc::Engine::connect(url, transcript.options());
    FAIL("connected to 127.0.0.1:1");
  } catch (const ormc::OperationalError& e) {
    message = e.what();
  }
  CAPTURE(message);
  CHECK(message.find("cannot connect to PostgreSQL at host 127.0.0.1 port 1") != std::string::npos);
  CHECK(message.find("user 'user'") != std::string::npos);
  CHECK(message.find(password) == std::string::npos);
  transcript.check_free_of(password);
}

TEST_CASE("secrets: the test server's password and a wrong one are in no error, log or event") {
  FOR_EACH_BACKEND(backend) {
    if (!backend.postgresql()) continue;  // only a PostgreSQL URL carries a password
    TestDatabase db(backend);             // fails here under CI=true without a server
    const ormc::Url server = server_address();
    if (!server.host.empty() && server.host.front() == '/') {
      MESSAGE("the server is on a unix socket (" << server.host << "): URL cases left out");
      continue;
    }
    // A wrong password: refused by a server that authenticates (pg_virtualenv's does),
    // and in no message either way.
    const std::string wrong = "Wr0ngS3cretPw";
    Transcript refused;
    try {
      auto engine = ormc::Engine::connect(url_with_password(server, wrong), refused.options());
      refused.listen(engine);
      auto conn = engine.connect();
      (void)conn.prepare("SELECT 1").query().scalar<int>();
      MESSAGE("the server accepted a wrong password (trust authentication)");
    } catch (const ormc::OperationalError& e) {
      const std::string message = e.what();
      CAPTURE(message);
      CHECK(message.find(wrong) == std::string::npos);
      if (!server.password.empty()) {
        CHECK(message.find("password authentication failed") != std::string::npos);
      }
    }
    refused.check_free_of(wrong);

    // The right password, through a whole working session: connect, statements, a
    // failed statement, a transaction, the pool's events.
    if (server.password.empty()) {
      MESSAGE("no password configured for the test server: the right-password case is left out");
      continue;
    }
    Transcript accepted;
    const std::string url = url_with_password(server, server.password);
    {
      auto engine = ormc::Engine::connect(url, accepted.options());
      accepted.listen(engine);
      CHECK(engine.url().str().find(server.password) == std::string::npos);
      CHECK(engine.url().password == server.password);
      auto conn = engine.connect();
      conn.begin();
      CHECK(conn.query<std::string>("SELECT CAST(:v AS text)", {{"v", "visible value"}}) ==
            std::vector<std::string>{"visible value"});
      try {
        (void)conn.prepare("SELECT * FROM no_such_table_here");
        FAIL("no error");
      } catch (const ormc::ProgrammingError& e) {
        CHECK(std::string(e.what()).find(server.password) == std::string::npos);
      }
      conn.rollback();
    }
    REQUIRE_FALSE(accepted.lines.empty());
    // The transcript holds what was logged (proves the capture works) but no password.
    bool saw_value = false;
    for (const std::string& line : accepted.lines) {
      saw_value = saw_value || line.find("visible value") != std::string::npos;
    }
    CHECK(saw_value);
    accepted.check_free_of(server.password);
  }
}

TEST_CASE("secrets: redact_values hides bound values in logs, events and errors") {
  FOR_EACH_BACKEND(backend) {
    Transcript transcript;
    TestDatabase db(backend, transcript.options(true));
    transcript.listen(db.engine());
    blog::schema.create_all(db.engine());
    auto conn = db.engine().connect();
    const std::string secret = "S3cretValue";
    ormc::insert<User>()
        .values(User{.username = secret + "Name", .email = secret + "@example.com"})
        .execute(conn);
    CHECK(ormc::select(user::email).where(user::username == secret + "Name").scalar(conn) ==
          secret + "@example.com");
    // A unique violation: PostgreSQL's DETAIL would quote the key's value.
    try {
      ormc::insert<User>()
          .values(User{.username = secret + "Name", .email = "other@example.com"})
          .execute(conn);
      FAIL("no error");
    } catch (const ormc::IntegrityError& e) {
      CHECK(std::string(e.what()).find(secret) == std::string::npos);
      for (const std::string& param : e.params()) CHECK(param == "<redacted>");
    }
    // Raw SQL, a failed update (a CHECK constraint) and a delete.
    try {
      conn.execute_raw("UPDATE users SET balance = :b WHERE username = :u",
                       {{"b", -1}, {"u", secret + "Name"}});
      FAIL("no error");
    } catch (const ormc::IntegrityError& e) {
      CHECK(std::string(e.what()).find(secret) == std::string::npos);
    }
    CHECK(ormc::delete_from<User>().where(user::email == secret + "@example.com").execute(conn) ==
          1);
    REQUIRE(transcript.lines.size() > 5);
    bool saw_redacted = false;
    for (const std::string& line : transcript.lines) {
      saw_redacted = saw_redacted || line.find("<redacted>") != std::string::npos;
    }
    CHECK(saw_redacted);
    transcript.check_free_of(secret);
  }
}

TEST_CASE("secrets: redact_values hides a value the database quotes in its own message") {
  FOR_EACH_BACKEND(backend) {
    Transcript transcript;
    TestDatabase db(backend, transcript.options(true));
    transcript.listen(db.engine());
    auto conn = db.engine().connect();
    const std::string secret = "S3cretValue";
    // A value the database cannot convert. PostgreSQL quotes it in its primary message
    // (invalid input syntax for type integer: "..."), not only in the DETAIL line;
    // SQLite converts it to 0 without an error.
    if (backend.postgresql()) {
      try {
        (void)conn.query<int>("SELECT CAST(:v AS integer)", {{"v", secret}});
        FAIL("no error");
      } catch (const ormc::DataError& e) {
        CHECK(std::string(e.what()).find(secret) == std::string::npos);
        CHECK(e.driver_message().find("invalid input syntax for type integer") !=
              std::string::npos);
      }
    } else {
      CHECK(conn.query<int>("SELECT CAST(:v AS integer)", {{"v", secret}}) == std::vector<int>{0});
    }
    REQUIRE_FALSE(transcript.lines.empty());
    transcript.check_free_of(secret);
  }
}
