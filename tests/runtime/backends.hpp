// The databases every runtime integration test runs on, and helpers to write one test
// body for all of them: SQLite in memory and in a file now, PostgreSQL with issue 4.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "ormc/dialect.hpp"
#include "ormc/engine.hpp"

namespace rt_test {

struct Backend {
  std::string name;  //!< "sqlite-memory", "sqlite-file", "postgresql"
  ormc::DialectKind kind;
};

//! The backends to run: both SQLite forms; PostgreSQL once its backend exists (issue 4:
//! from ORMC_TEST_POSTGRES_URL, skipped loudly when unset).
[[nodiscard]] const std::vector<Backend>& backends();

//! The URL of a new, empty database of `backend` (a new file for sqlite-file).
[[nodiscard]] std::string fresh_url(const Backend& backend, std::string_view query = {});

//! An engine on a new, empty database of `backend`.
[[nodiscard]] ormc::Engine fresh_engine(const Backend& backend, ormc::EngineOptions options = {});

//! `sql` with each '$' replaced by the dialect's next placeholder (?1 ?2 / $1 $2).
[[nodiscard]] std::string placeholders(const ormc::Dialect& dialect, std::string_view sql);

//! A directory for this test run's files, removed when the process exits.
[[nodiscard]] const std::string& scratch_directory();

}  // namespace rt_test
