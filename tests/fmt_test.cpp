// fmt_test.cpp — `ormc fmt`: the example schemas are formatted, and formatting is idempotent.
#include <filesystem>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "support/files.hpp"
#include "support/line_diff.hpp"
#include "support/run_process.hpp"

namespace {

namespace fs = std::filesystem;
using ormc::testing::ProcessResult;
using ormc::testing::run_process;

const fs::path source_dir{ORMC_SOURCE_DIR};
const fs::path ormc_exe{ORMC_EXE};

std::string repo_path(const fs::path& file) {
  return file.lexically_relative(source_dir).generic_string();
}

}  // namespace

TEST_CASE("fmt: the schemas/ files are in canonical form") {
  const std::vector<fs::path> schemas = ormc::testing::files_under(source_dir / "schemas", ".orm");
  REQUIRE_MESSAGE(!schemas.empty(), "no .orm files under schemas/");
  for (const fs::path& schema : schemas) {
    const ProcessResult result =
        run_process(ormc_exe, {"fmt", "--check", repo_path(schema)}, source_dir);
    if (result.exit_code != 0) {
      FAIL_CHECK("ormc fmt --check " << repo_path(schema) << " exited " << result.exit_code << ":\n"
                                     << result.err);
    }
  }
}

TEST_CASE("fmt: formatting formatted output changes nothing") {
  std::vector<fs::path> inputs = ormc::testing::files_under(source_dir / "schemas", ".orm");
  for (const fs::path& input :
       ormc::testing::files_under(source_dir / "tests/golden/fmt", ".orm")) {
    inputs.push_back(input);
  }
  REQUIRE_MESSAGE(!inputs.empty(), "no .orm files under schemas/ or tests/golden/fmt/");

  const ormc::testing::ScratchDir scratch;
  for (const fs::path& input : inputs) {
    const ProcessResult once =
        run_process(ormc_exe, {"fmt", "--stdout", repo_path(input)}, source_dir);
    if (once.exit_code != 0) {
      FAIL_CHECK("ormc fmt --stdout " << repo_path(input) << " exited " << once.exit_code << ":\n"
                                      << once.err);
      continue;
    }

    const fs::path formatted = scratch.path() / input.filename();
    ormc::testing::write_text(formatted, once.out);
    const ProcessResult twice =
        run_process(ormc_exe, {"fmt", "--stdout", formatted.string()}, source_dir);
    if (twice.exit_code != 0) {
      FAIL_CHECK("ormc fmt --stdout on the formatted " << repo_path(input) << " exited "
                                                       << twice.exit_code << ":\n"
                                                       << twice.err);
      continue;
    }
    if (twice.out != once.out) {
      FAIL_CHECK("formatting " << repo_path(input) << " twice differs from formatting it once:\n"
                               << ormc::testing::line_diff(once.out, twice.out));
    }
  }
}
