// The databases the integration tests (tests/runtime, tests/query, tests/session,
// tests/security, ...) run on, so that one test body covers each: SQLite in memory and in
// a file always, PostgreSQL when a server is configured. tests/postgres/ uses the
// PostgreSQL entry alone (postgres_backend()).
//
// The server: ORMC_TEST_POSTGRES_URL when set, else libpq's environment (PGHOST or
// PGDATABASE, as `pg_virtualenv` sets them). Without one the PostgreSQL runs are skipped
// with one loud line, and fail when CI=true. Each TestDatabase on PostgreSQL works in a
// schema of its own (search_path), dropped at its end, so test processes may run in
// parallel against one database.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include "ormc/dialect.hpp"
#include "ormc/engine.hpp"
#include "ormc/engine_options.hpp"

namespace ormc_test {

struct Backend {
  std::string name;  //!< "sqlite-memory", "sqlite-file", "postgresql"
  ormc::DialectKind kind;
  //! The server's URL (PostgreSQL) or a URL stem (SQLite); nullopt only for PostgreSQL
  //! without a server under CI=true, where opening a TestDatabase fails the test.
  std::optional<std::string> url;

  [[nodiscard]] bool postgresql() const { return kind == ormc::DialectKind::postgresql; }
  [[nodiscard]] bool sqlite_memory() const { return name == "sqlite-memory"; }
  [[nodiscard]] bool sqlite_file() const { return name == "sqlite-file"; }
};

//! The backends to run: both SQLite forms; PostgreSQL when a server is configured or
//! CI=true. Prints the skip line (once) when PostgreSQL is left out.
[[nodiscard]] const std::vector<Backend>& backends();

//! The PostgreSQL entry of backends(), nullptr when it is skipped (no server, and not
//! CI=true; the skip line is printed). For the tests of PostgreSQL alone.
[[nodiscard]] const Backend* postgres_backend();

//! The PostgreSQL server's URL: ORMC_TEST_POSTGRES_URL, else "postgresql://" when libpq's
//! environment names a server (PGHOST or PGDATABASE); nullopt without one.
[[nodiscard]] std::optional<std::string> postgres_url();

//! Whether CI=true: tests that would be skipped fail instead.
[[nodiscard]] bool under_ci();

//! The environment variable `name`, nullptr when it is unset or empty.
[[nodiscard]] const char* environment_variable(const char* name);

//! An engine on a new, empty database of `backend`: a new :memory: database, a new file
//! in scratch_directory(), or (PostgreSQL) a new schema, dropped by the destructor after
//! the engine is closed. `url_options` ("a=1&b=2") are appended to the engine URL.
class TestDatabase {
 public:
  explicit TestDatabase(const Backend& backend, ormc::EngineOptions options = {},
                        std::string_view url_options = {});
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  [[nodiscard]] ormc::Engine& engine() { return *engine_; }
  [[nodiscard]] const Backend& backend() const { return backend_; }
  [[nodiscard]] bool postgresql() const { return backend_.postgresql(); }
  //! The URL the engine was opened with (its password, if any, included).
  [[nodiscard]] const std::string& url() const { return url_; }
  //! The schema the engine works in (its search_path) on PostgreSQL; empty on SQLite.
  [[nodiscard]] const std::string& schema() const { return schema_; }

 private:
  Backend backend_;
  std::string url_;
  std::string schema_;  // PostgreSQL only
  std::optional<ormc::Engine> engine_;
};

//! `sql` with each '$' replaced by the dialect's next placeholder (?1 ?2 / $1 $2), and
//! each '$N' by placeholder N (to use one parameter twice).
[[nodiscard]] std::string placeholders(const ormc::Dialect& dialect, std::string_view sql);

//! `url` with `option` ("name=value") appended to its query string.
[[nodiscard]] std::string with_url_option(std::string url, std::string_view option);

//! A directory for this test run's files, removed when the process exits.
[[nodiscard]] const std::string& scratch_directory();

}  // namespace ormc_test

//! Runs the statement that follows once per backend, as a doctest SUBCASE named after it:
//!   FOR_EACH_BACKEND(backend) { ormc_test::TestDatabase db(backend); ... }
#define FOR_EACH_BACKEND(backend) \
  for (const ::ormc_test::Backend& backend : ::ormc_test::backends()) SUBCASE(backend.name.c_str())
