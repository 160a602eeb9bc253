// Test backends: SQLite always, PostgreSQL from the environment; a fresh database (file,
// :memory: or schema) per TestDatabase.
#include "support/test_backends.hpp"

#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <system_error>
#include <utility>

#include "ormc/connection.hpp"

namespace ormc_test {
namespace {

struct ScratchDirectory {
  std::filesystem::path path;
  ScratchDirectory() {
    path = std::filesystem::temp_directory_path() /
           ("ormc_test_databases_" + std::to_string(::getpid()));
    std::filesystem::create_directories(path);
  }
  ~ScratchDirectory() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
};

// Unique per process and TestDatabase: test executables run in parallel under ctest.
std::string next_name(std::string_view prefix) {
  static std::atomic<int> counter{0};
  return std::string(prefix) + std::to_string(::getpid()) + "_" + std::to_string(++counter);
}

}  // namespace

const char* environment_variable(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : nullptr;
}

std::optional<std::string> postgres_url() {
  if (const char* url = environment_variable("ORMC_TEST_POSTGRES_URL")) return std::string(url);
  if (environment_variable("PGHOST") != nullptr || environment_variable("PGDATABASE") != nullptr) {
    return std::string("postgresql://");
  }
  return std::nullopt;
}

bool under_ci() {
  const char* ci = environment_variable("CI");
  return ci != nullptr && std::string_view(ci) == "true";
}

const std::string& scratch_directory() {
  static const ScratchDirectory directory;
  static const std::string path = directory.path.string();
  return path;
}

std::string with_url_option(std::string url, std::string_view option) {
  url += url.find('?') == std::string::npos ? '?' : '&';
  url += option;
  return url;
}

const std::vector<Backend>& backends() {
  static const std::vector<Backend> list = [] {
    std::vector<Backend> out{{"sqlite-memory", ormc::DialectKind::sqlite, "sqlite://:memory:"},
                             {"sqlite-file", ormc::DialectKind::sqlite, "sqlite:///"}};
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

const Backend* postgres_backend() {
  for (const Backend& backend : backends()) {
    if (backend.postgresql()) return &backend;
  }
  return nullptr;
}

TestDatabase::TestDatabase(const Backend& backend, ormc::EngineOptions options,
                           std::string_view url_options)
    : backend_(backend) {
  if (!backend_.url) FAIL("CI=true: the PostgreSQL tests must run against a server");
  if (backend_.sqlite_memory()) {
    url_ = *backend_.url;
  } else if (backend_.sqlite_file()) {
    url_ = *backend_.url + scratch_directory() + "/" + next_name("db") + ".db";
  } else {
    schema_ = next_name("ormc_tdb_");
    {
      auto admin = ormc::Engine::connect(*backend_.url);
      admin.connect().execute("CREATE SCHEMA " + schema_);
    }
    url_ = with_url_option(*backend_.url, "options=-csearch_path%3D" + schema_);
  }
  if (!url_options.empty()) url_ = with_url_option(url_, url_options);
  engine_.emplace(ormc::Engine::connect(url_, std::move(options)));
}

TestDatabase::~TestDatabase() {
  engine_.reset();
  if (schema_.empty()) return;
  try {
    auto admin = ormc::Engine::connect(*backend_.url);
    admin.connect().execute("DROP SCHEMA IF EXISTS " + schema_ + " CASCADE");
  } catch (...) {  // NOLINT(bugprone-empty-catch): best effort; the schema name is unique
  }
}

std::string placeholders(const ormc::Dialect& dialect, std::string_view sql) {
  std::string out;
  std::size_t next = 0;
  for (std::size_t i = 0; i < sql.size(); ++i) {
    if (sql[i] != '$') {
      out += sql[i];
      continue;
    }
    std::size_t number = 0;
    bool numbered = false;
    while (i + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1])) != 0) {
      number = number * 10 + static_cast<std::size_t>(sql[++i] - '0');
      numbered = true;
    }
    dialect.append_placeholder(out, numbered ? number : ++next);
  }
  return out;
}

}  // namespace ormc_test
