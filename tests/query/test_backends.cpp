// Test backends: SQLite always, PostgreSQL from the environment; a schema per database.
#include "test_backends.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <string_view>
#include <utility>

#include "ormc/connection.hpp"

namespace qtest {
namespace {

const char* env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : nullptr;
}

std::optional<std::string> postgres_url() {
  if (const char* url = env("ORMC_TEST_POSTGRES_URL")) return std::string(url);
  if (env("PGHOST") != nullptr || env("PGDATABASE") != nullptr) return std::string("postgresql://");
  return std::nullopt;
}

bool under_ci() {
  const char* ci = env("CI");
  return ci != nullptr && std::string_view(ci) == "true";
}

std::string with_option(std::string url, std::string_view option) {
  url += url.find('?') == std::string::npos ? '?' : '&';
  url += option;
  return url;
}

}  // namespace

const std::vector<Backend>& backends() {
  static const std::vector<Backend> list = [] {
    std::vector<Backend> out{{"sqlite", ormc::DialectKind::sqlite, "sqlite://:memory:"}};
    std::optional<std::string> url = postgres_url();
    if (!url) {
      std::cerr << "POSTGRESQL TESTS SKIPPED: no server (set ORMC_TEST_POSTGRES_URL)"
                << (under_ci() ? "; CI=true: failing them" : "") << '\n';
    }
    if (url || under_ci()) {
      out.push_back({"postgresql", ormc::DialectKind::postgresql, std::move(url)});
    }
    return out;
  }();
  return list;
}

TestDatabase::TestDatabase(const Backend& backend, ormc::EngineOptions options)
    : backend_(backend) {
  if (!backend_.url) FAIL("CI=true: the PostgreSQL tests must run against a server");
  if (backend_.kind != ormc::DialectKind::postgresql) {
    engine_.emplace(ormc::Engine::connect(*backend_.url, std::move(options)));
    return;
  }
  static std::atomic<int> counter{0};
  schema_ = "ormc_qtest_" + std::to_string(::getpid()) + "_" + std::to_string(++counter);
  {
    auto admin = ormc::Engine::connect(*backend_.url);
    admin.connect().execute("CREATE SCHEMA " + schema_);
  }
  engine_.emplace(ormc::Engine::connect(
      with_option(*backend_.url, "options=-csearch_path%3D" + schema_), std::move(options)));
}

TestDatabase::~TestDatabase() {
  engine_.reset();
  if (schema_.empty()) return;
  try {
    auto admin = ormc::Engine::connect(*backend_.url);
    admin.connect().execute("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  } catch (...) {  // NOLINT(bugprone-empty-catch): best effort
  }
}

}  // namespace qtest
