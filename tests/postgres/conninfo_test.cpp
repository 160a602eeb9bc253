// Engine::connect with a libpq keyword/value conninfo string (host=/run/postgresql
// dbname=app), as libpq takes it: what it parses into, the errors of strings that are
// neither a URL nor valid conninfo (libpq's reason, the password hidden), and a real
// connection built from the PG* variables of the test server.
#include <string>
#include <tuple>

#include <doctest/doctest.h>

#include "ormc/connection.hpp"
#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "support/test_backends.hpp"

namespace {

//! The ArgumentError message of Engine::connect(text); fails the case when none is thrown.
std::string argument_error(const std::string& text) {
  try {
    (void)ormc::Engine::connect(text);
  } catch (const ormc::ArgumentError& e) {
    return e.what();
  } catch (const std::exception& e) {
    FAIL("not an ArgumentError for '" << text << "': " << e.what());
  }
  FAIL("no error for '" << text << "'");
  return {};
}

//! A conninfo string naming the test server from libpq's variables (PGHOST, PGPORT,
//! PGUSER, PGPASSWORD, PGDATABASE), with values quoted as libpq wants them.
std::string conninfo_from_environment() {
  auto quoted = [](const char* value) {
    std::string out = "'";
    for (const char* c = value; *c != '\0'; ++c) {
      if (*c == '\'' || *c == '\\') out += '\\';
      out += *c;
    }
    return out + "'";
  };
  std::string text;
  for (const auto& [keyword, variable] :
       {std::pair{"host", "PGHOST"}, std::pair{"port", "PGPORT"}, std::pair{"user", "PGUSER"},
        std::pair{"password", "PGPASSWORD"}, std::pair{"dbname", "PGDATABASE"}}) {
    if (const char* value = ormc_test::environment_variable(variable)) {
      if (!text.empty()) text += ' ';
      text += std::string(keyword) + "=" + quoted(value);
    }
  }
  return text;
}

}  // namespace

TEST_CASE("conninfo: a string that is neither a URL nor conninfo says what is wrong") {
  std::string message = argument_error("app.db");
  CHECK(message.find("neither a URL") != std::string::npos);
  CHECK(message.find("missing \"=\" after \"app.db\"") != std::string::npos);

  message = argument_error("host=/tmp colour=blue");
  CHECK(message.find("invalid connection option \"colour\"") != std::string::npos);

  message = argument_error("host=/tmp dbname='app");
  CHECK(message.find("unterminated quoted string") != std::string::npos);

  // libpq knows the keyword; ormc cannot honour it (it needs UTF8).
  message = argument_error("dbname=app client_encoding=LATIN1");
  CHECK(message.find("'client_encoding' is not supported") != std::string::npos);

  // The password never shows, quoted or not.
  message = argument_error("user=bob password=s3cret colour=blue");
  CHECK(message.find("s3cret") == std::string::npos);
  CHECK(message.find("password=***") != std::string::npos);
  message = argument_error(R"(password = 'it\'s s3cret' colour=blue)");
  CHECK(message.find("s3cret") == std::string::npos);

  // A URL is still a URL, with the URL's errors.
  message = argument_error("mysql://localhost/db");
  CHECK(message.find("unknown backend 'mysql'") != std::string::npos);
}

TEST_CASE("conninfo: a server that cannot be reached is an OperationalError naming the host") {
  try {
    (void)ormc::Engine::connect("host=/nonexistent-ormc-socket-dir dbname=app user=x");
    FAIL("connected to a socket directory that does not exist");
  } catch (const ormc::OperationalError& e) {
    const std::string message = e.what();
    CHECK(message.find("host /nonexistent-ormc-socket-dir") != std::string::npos);
    CHECK(message.find("database 'app'") != std::string::npos);
    CHECK(message.find("user 'x'") != std::string::npos);
  }
}

TEST_CASE("conninfo: the test server from the PG* variables, as a conninfo string") {
  const ormc_test::Backend* backend = ormc_test::postgres_backend();
  if (backend == nullptr) return;
  if (ormc_test::environment_variable("PGHOST") == nullptr) {
    MESSAGE("PGHOST is not set (ORMC_TEST_POSTGRES_URL names the server): nothing to build");
    return;
  }
  const std::string text = conninfo_from_environment() + " application_name=ormc_conninfo";
  ormc::Engine engine = ormc::Engine::connect(text);
  CHECK(engine.dialect().kind() == ormc::DialectKind::postgresql);
  CHECK(engine.url().backend == "postgresql");
  CHECK(engine.url().option("host") == std::string(ormc_test::environment_variable("PGHOST")));
  if (const char* user = ormc_test::environment_variable("PGUSER"))
    CHECK(engine.url().user == user);
  if (const char* db = ormc_test::environment_variable("PGDATABASE")) {
    CHECK(engine.url().database == db);
  }
  ormc::Connection conn = engine.connect();
  const auto [application, zone] =
      conn.query<std::tuple<std::string, std::string>>(
              "SELECT current_setting('application_name'), current_setting('TimeZone')")
          .at(0);
  CHECK(application == "ormc_conninfo");
  CHECK(zone == "UTC");  // ormc's session settings apply as with a URL
  // ormc's own engine options travel in EngineOptions (libpq would refuse them as keywords).
  ormc::EngineOptions options;
  options.statement_cache_size = 3;
  ormc::Engine small = ormc::Engine::connect(text, options);
  CHECK(small.options().statement_cache_size == 3);
  ormc::Connection other = small.connect();
  CHECK(other.query<std::int64_t>("SELECT 41 + 1").at(0) == 42);
}
