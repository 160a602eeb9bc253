// The databases the query and session integration tests run on, so that one test body
// covers each: SQLite (in memory) always, PostgreSQL when a server is configured.
//
// The server: ORMC_TEST_POSTGRES_URL when set, else libpq's environment (PGHOST or
// PGDATABASE, as `pg_virtualenv` sets them), as in tests/postgres/. Without one the
// PostgreSQL runs are skipped with one loud line, and fail when CI=true. Each
// TestDatabase on PostgreSQL works in a schema of its own (search_path), dropped at its
// end, so test processes may run in parallel against one database.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "ormc/dialect.hpp"
#include "ormc/engine.hpp"
#include "ormc/engine_options.hpp"

namespace qtest {

struct Backend {
  std::string name;  //!< "sqlite", "postgresql"
  ormc::DialectKind kind;
  //! The server's URL; nullopt only for PostgreSQL without a server under CI=true, where
  //! opening a TestDatabase fails the test.
  std::optional<std::string> url;
};

//! The backends to run: SQLite; PostgreSQL when a server is configured or CI=true.
//! Prints the skip line (once) when PostgreSQL is left out.
[[nodiscard]] const std::vector<Backend>& backends();

//! An engine on a new, empty database of `backend` (on PostgreSQL: a new schema, dropped
//! by the destructor after the engine is closed).
class TestDatabase {
 public:
  explicit TestDatabase(const Backend& backend, ormc::EngineOptions options = {});
  ~TestDatabase();
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  [[nodiscard]] ormc::Engine& engine() { return *engine_; }
  [[nodiscard]] const Backend& backend() const { return backend_; }
  [[nodiscard]] bool postgresql() const { return backend_.kind == ormc::DialectKind::postgresql; }

 private:
  Backend backend_;
  std::string schema_;  // PostgreSQL only
  std::optional<ormc::Engine> engine_;
};

}  // namespace qtest

//! Runs the statement that follows once per backend, as a doctest SUBCASE named after it:
//!   FOR_EACH_BACKEND(backend) { Fixture db(backend); ... }
#define FOR_EACH_BACKEND(backend) \
  for (const ::qtest::Backend& backend : ::qtest::backends()) SUBCASE(backend.name.c_str())
