// run_process.hpp — runs a program to completion and captures its exit status and output.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace ormc::testing {

//! What a finished child process left behind.
struct ProcessResult {
  int exit_code = -1;  //!< the exit status, or 128 + N when killed by signal N (as a shell does)
  std::string out;     //!< everything the process wrote to stdout
  std::string err;     //!< everything the process wrote to stderr
};

//! Runs `program args...` in `working_dir`, stdin from /dev/null, and waits for it.
//! Throws std::runtime_error when the program cannot be started.
ProcessResult run_process(const std::filesystem::path& program,
                          const std::vector<std::string>& args,
                          const std::filesystem::path& working_dir);

}  // namespace ormc::testing
