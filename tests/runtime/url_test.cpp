// Engine URLs: the forms that parse, the ones that do not, options, and the errors of a
// database that cannot be opened.
#include "ormc/url.hpp"

#include <cstdio>
#include <filesystem>
#include <string>

#include <doctest/doctest.h>

#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "support/test_backends.hpp"

using ormc::Url;

TEST_CASE("url: sqlite relative, absolute and memory forms") {
  CHECK(Url::parse("sqlite:///blog.db").database == "blog.db");
  CHECK(Url::parse("sqlite:///data/blog.db").database == "data/blog.db");
  CHECK(Url::parse("sqlite:////var/lib/blog.db").database == "/var/lib/blog.db");
  CHECK(Url::parse("sqlite://:memory:").is_memory());
  CHECK(Url::parse("sqlite:///:memory:").is_memory());
  CHECK(Url::parse("sqlite://").is_memory());
  CHECK(Url::parse("sqlite:///my%20file.db").database == "my file.db");
  CHECK(Url::parse("sqlite:///blog.db").backend == "sqlite");
}

TEST_CASE("url: query options keep their order and the last one wins") {
  const Url url = Url::parse("sqlite:///a.db?echo=true&foreign_keys=off&echo=false");
  REQUIRE(url.query.size() == 3);
  CHECK(url.query[1].first == "foreign_keys");
  CHECK(url.option("echo") == "false");
  CHECK_FALSE(url.option("busy_timeout_ms").has_value());
}

TEST_CASE("url: postgresql parts, and the password never printed") {
  const Url url =
      Url::parse("postgresql://alice:s%40cret@db.example.com:6543/shop?sslmode=require");
  CHECK(url.backend == "postgresql");
  CHECK(url.user == "alice");
  CHECK(url.password == "s@cret");
  CHECK(url.host == "db.example.com");
  CHECK(url.port == 6543);
  CHECK(url.database == "shop");
  CHECK(url.option("sslmode") == "require");
  CHECK(url.str() == "postgresql://alice:***@db.example.com:6543/shop?sslmode=require");
  CHECK(Url::parse("postgres://[::1]:5432/db").host == "::1");
  CHECK(Url::parse("postgresql:///db").host.empty());
}

TEST_CASE("url: malformed URLs are ArgumentErrors that name the URL without its password") {
  auto message = [](const std::string& text) {
    try {
      (void)Url::parse(text);
    } catch (const ormc::ArgumentError& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  CHECK(message("blog.db").find("'blog.db'") != std::string::npos);
  CHECK(message("mysql://x/y").find("unknown backend 'mysql'") != std::string::npos);
  CHECK(message("sqlite://blog.db").find("sqlite:///relative/path.db") != std::string::npos);
  CHECK(message("sqlite:///").find("empty") != std::string::npos);
  CHECK(message("sqlite:///a.db?echo").find("name=value") != std::string::npos);
  CHECK(message("sqlite:///a%zz.db").find("hexadecimal") != std::string::npos);
  const std::string port = message("postgresql://bob:hunter2@host:99999/db");
  CHECK(port.find("99999") != std::string::npos);
  CHECK(port.find("hunter2") == std::string::npos);
  CHECK(port.find("bob:***@host") != std::string::npos);
}

TEST_CASE("url: a NUL, written %00 or raw, is refused wherever a C string would end at it") {
  using namespace std::string_literals;
  auto message = [](const std::string& text) {
    try {
      (void)Url::parse(text);
    } catch (const ormc::ArgumentError& e) {
      return std::string(e.what());
    }
    return std::string("(no error)");
  };
  // sqlite:///x%00y.db used to open a file named "x".
  for (const std::string& url :
       {"sqlite:///x%00y.db"s, "sqlite:///x.db?journal_mode=w%00al"s, "sqlite:///x.db?a%00=1"s,
        "postgresql://u%00ser@host/db"s, "postgresql://u:p%00w@host/db"s,
        "postgresql://host/d%00b"s, "postgresql://h%00ost/db"s,
        "postgresql://host/db?application_name=a%00b"s}) {
    CAPTURE(url);
    CHECK(message(url).find("%00 (a NUL character) cannot be part of a URL") != std::string::npos);
  }
  const std::string raw = message("sqlite:///x\0y.db"s);
  CHECK(raw.find("contains a NUL character at byte 11") != std::string::npos);
  CHECK(raw.find("'sqlite:///x\\0y.db'") != std::string::npos);
  CHECK(message("postgresql://u:secret\0@host/db"s).find("secret") == std::string::npos);
  CHECK_THROWS_AS((void)ormc::Engine::connect("sqlite:///x%00y.db"), ormc::ArgumentError);
}

TEST_CASE("url: redact_url hides only the password") {
  CHECK(ormc::redact_url("postgresql://u:pw@h/db") == "postgresql://u:***@h/db");
  CHECK(ormc::redact_url("postgresql://u@h/db") == "postgresql://u@h/db");
  CHECK(ormc::redact_url("sqlite:///a.db") == "sqlite:///a.db");
}

TEST_CASE("engine: unknown or bad options are ArgumentErrors listing the known ones") {
  CHECK_THROWS_WITH_AS((void)ormc::Engine::connect("sqlite://:memory:?ech=true"),
                       doctest::Contains("unknown option 'ech'"), ormc::ArgumentError);
  CHECK_THROWS_WITH_AS((void)ormc::Engine::connect("sqlite://:memory:?echo=maybe"),
                       doctest::Contains("echo=maybe"), ormc::ArgumentError);
  CHECK_THROWS_WITH_AS((void)ormc::Engine::connect("sqlite://:memory:?busy_timeout_ms=-1"),
                       doctest::Contains("busy_timeout_ms"), ormc::ArgumentError);
  // Checked before connecting; SQLite's options are not PostgreSQL's.
  CHECK_THROWS_WITH_AS((void)ormc::Engine::connect("postgresql://u:pw@localhost/db?ech=true"),
                       doctest::Contains("unknown option 'ech'"), ormc::ArgumentError);
  CHECK_THROWS_AS((void)ormc::Engine::connect("postgresql://u:pw@localhost/db?busy_timeout_ms=5"),
                  ormc::ArgumentError);
}

TEST_CASE("engine: URL options reach the engine's options") {
  const auto engine = ormc::Engine::connect(
      "sqlite://:memory:?echo=off&busy_timeout_ms=250&statement_cache_size=3");
  CHECK_FALSE(engine.options().echo);
  CHECK(engine.options().busy_timeout == std::chrono::milliseconds(250));
  CHECK(engine.options().statement_cache_size == 3);
  CHECK(engine.dialect().name() == "sqlite");
}

TEST_CASE("engine: a missing directory is an OperationalError that says so") {
  const std::string dir = ormc_test::scratch_directory() + "/no/such/dir";
  try {
    (void)ormc::Engine::connect("sqlite:///" + dir + "/app.db");
    FAIL("no error");
  } catch (const ormc::OperationalError& e) {
    const std::string message = e.what();
    CHECK(message.find("directory '" + dir + "' does not exist") != std::string::npos);
    CHECK(e.driver_code() == 14);  // SQLITE_CANTOPEN
  }
  CHECK_FALSE(std::filesystem::exists(dir));
}

TEST_CASE("engine: a relative path is relative to the working directory") {
  try {
    (void)ormc::Engine::connect("sqlite:///no_such_ormc_dir/app.db");
    FAIL("no error");
  } catch (const ormc::OperationalError& e) {
    CHECK(std::string(e.what()).find("relative to the working directory") != std::string::npos);
  }
}

TEST_CASE("engine: a file that is not a database fails at connect") {
  const std::string path = ormc_test::scratch_directory() + "/not_a_db.txt";
  {
    std::FILE* f = std::fopen(path.c_str(), "w");
    REQUIRE(f != nullptr);
    std::fputs("this is certainly not an SQLite database, just some text to fill a page....", f);
    std::fclose(f);
  }
  CHECK_THROWS_AS((void)ormc::Engine::connect("sqlite:///" + path), ormc::DatabaseError);
}
