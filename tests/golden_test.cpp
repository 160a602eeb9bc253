// golden_test.cpp — runs ormc on every golden case and compares with what was recorded.
//
// A case is tests/golden/**/NAME.orm with a sibling NAME.expected. ormc runs from the
// repository root as `ormc check --color=never tests/golden/.../NAME.orm`, or with the
// arguments written in NAME.cmd (one line, split on spaces) when that file exists. A NAME.cmd
// with no NAME.orm is a case too: it names the files it runs on itself.
// NAME.expected holds "exit: N", then ormc's stderr, then — only if ormc wrote to stdout —
// a line "--- stdout" followed by its stdout. With ORMC_UPDATE_GOLDEN=1 in the environment
// the test rewrites every NAME.expected from ormc's output instead of comparing.
//
// Files git cannot hold, or should not (a FIFO, a socket, a 16 MiB file, names with '"' or
// a newline, names equal but for case, a chain of 1001 imports), are made first in
// tests/golden/files/special/, which git ignores; cases import them from there.
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include "support/files.hpp"
#include "support/line_diff.hpp"
#include "support/run_process.hpp"

namespace {

namespace fs = std::filesystem;
using ormc::testing::ProcessResult;

const fs::path source_dir{ORMC_SOURCE_DIR};
const fs::path ormc_exe{ORMC_EXE};

bool update_requested() {
  const char* value = std::getenv("ORMC_UPDATE_GOLDEN");
  return value != nullptr && std::string_view(value) == "1";
}

std::vector<std::string> split_on_spaces(std::string_view line) {
  std::vector<std::string> words;
  std::istringstream in{std::string(line)};
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

//! The arguments ormc runs with for `orm`, a path relative to the repository root.
std::vector<std::string> arguments_for(const fs::path& orm) {
  const fs::path cmd = source_dir / fs::path(orm).replace_extension(".cmd");
  if (fs::exists(cmd)) {
    const std::string text = ormc::testing::read_text(cmd);
    return split_on_spaces(text.substr(0, text.find('\n')));
  }
  return {"check", "--color=never", orm.generic_string()};
}

void make_fifo(const fs::path& path) {
  struct stat status {};
  if (::lstat(path.c_str(), &status) == 0 && S_ISFIFO(status.st_mode)) return;
  fs::remove(path);
  REQUIRE_MESSAGE(::mkfifo(path.c_str(), 0644) == 0,
                  "mkfifo " << path << ": " << std::strerror(errno));
}

// A socket file stays after its socket is closed. bind() takes at most ~107 bytes of path,
// so it binds the bare name from inside the directory.
void make_socket(const fs::path& directory, const std::string& name) {
  struct stat status {};
  if (::lstat((directory / name).c_str(), &status) == 0 && S_ISSOCK(status.st_mode)) return;
  fs::remove(directory / name);
  const fs::path back = fs::current_path();
  fs::current_path(directory);
  int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, name.c_str(), sizeof address.sun_path - 1);
  int bound = ::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address);
  int error = errno;
  ::close(fd);
  fs::current_path(back);
  REQUIRE_MESSAGE(bound == 0, "bind " << name << ": " << std::strerror(error));
}

// Sparse: 16 MiB + 1 byte that take no disk space. Never shrunk, so runs can share it.
void make_large_file(const fs::path& path, off_t size) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  REQUIRE_MESSAGE(fd >= 0, "open " << path << ": " << std::strerror(errno));
  int sized = ::ftruncate(fd, size);
  ::close(fd);
  REQUIRE_MESSAGE(sized == 0, "ftruncate " << path);
}

void make_special_files() {
  const fs::path special = source_dir / "tests/golden/files/special";
  fs::create_directories(special);
  make_fifo(special / "fifo.orm");
  make_socket(special, "socket.orm");
  make_large_file(special / "too_large.orm", 16 * 1024 * 1024 + 1);
  // A chain one file longer than the import limit (1000): c0.orm imports c1.orm ... c1000.orm.
  fs::create_directories(special / "chain");
  for (int i = 0; i <= 1000; ++i) {
    const fs::path file = special / "chain" / ("c" + std::to_string(i) + ".orm");
    if (fs::exists(file)) continue;
    std::string text = "namespace special;\n";
    if (i < 1000) text += "import \"c" + std::to_string(i + 1) + ".orm\";\n";
    ormc::testing::write_text(file, text);
  }
  int n = 0;
  for (const char* name :
       {"quote\".orm", "back\\slash.orm", "new\nline.orm", "Case.orm", "case.orm"}) {
    const std::string text = "namespace special;\n\nmodel Special" + std::to_string(++n) +
                             " {\n  id int64 primary;\n}\n";
    if (!fs::exists(special / name) || ormc::testing::read_text(special / name) != text) {
      ormc::testing::write_text(special / name, text);
    }
  }
}

std::string render(const ProcessResult& result) {
  std::string text = "exit: " + std::to_string(result.exit_code) + "\n" + result.err;
  if (!result.out.empty()) text += "--- stdout\n" + result.out;
  return text;
}

}  // namespace

TEST_CASE("golden: ormc output matches tests/golden/.../NAME.expected") {
  make_special_files();
  std::vector<fs::path> cases;  // NAME.orm, relative to the repository root
  for (const fs::path& orm : ormc::testing::files_under(source_dir / "tests/golden", ".orm")) {
    if (fs::exists(fs::path(orm).replace_extension(".expected"))) {
      cases.push_back(orm.lexically_relative(source_dir));
    }
  }
  // A NAME.cmd without a NAME.orm runs ormc on other files (e.g. the dumps of schemas/).
  for (const fs::path& cmd : ormc::testing::files_under(source_dir / "tests/golden", ".cmd")) {
    fs::path orm = fs::path(cmd).replace_extension(".orm");
    if (!fs::exists(orm) && fs::exists(fs::path(cmd).replace_extension(".expected"))) {
      cases.push_back(orm.lexically_relative(source_dir));
    }
  }
  REQUIRE_MESSAGE(!cases.empty(), "no NAME.orm with a NAME.expected under tests/golden");

  const bool update = update_requested();
  for (const fs::path& orm : cases) {
    const fs::path expected_file = source_dir / fs::path(orm).replace_extension(".expected");
    const std::string actual =
        render(ormc::testing::run_process(ormc_exe, arguments_for(orm), source_dir));
    const std::string expected = ormc::testing::read_text(expected_file);
    if (update) {
      if (actual != expected) {
        ormc::testing::write_text(expected_file, actual);
        MESSAGE("updated " << expected_file.lexically_relative(source_dir).generic_string());
      }
      continue;
    }
    if (actual != expected) {
      FAIL_CHECK(orm.generic_string() << " differs from its .expected (ORMC_UPDATE_GOLDEN=1 "
                                      << "rewrites it):\n"
                                      << ormc::testing::line_diff(expected, actual));
    }
  }
}
