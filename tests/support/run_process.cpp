// run_process.cpp — posix_spawn with stdout and stderr sent to unlinked temporary files.
//
// Files rather than pipes: the parent reads them after the child exits, so a child that
// fills one stream while the parent waits on the other cannot deadlock.
#include "support/run_process.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX declares it nowhere

namespace ormc::testing {
namespace {

std::runtime_error system_error(const std::string& what, int error) {
  return std::runtime_error(what + ": " + std::strerror(error));
}

//! A temporary file that exists only as an open descriptor.
class CaptureFile {
 public:
  CaptureFile() {
    std::string path = (std::filesystem::temp_directory_path() / "ormc-test-XXXXXX").string();
    fd_ = ::mkstemp(path.data());
    if (fd_ < 0) throw system_error("mkstemp " + path, errno);
    ::unlink(path.c_str());
  }
  CaptureFile(const CaptureFile&) = delete;
  CaptureFile& operator=(const CaptureFile&) = delete;
  ~CaptureFile() { ::close(fd_); }

  [[nodiscard]] int fd() const { return fd_; }

  [[nodiscard]] std::string read_all() const {
    std::string text;
    std::array<char, 8192> buffer{};
    ::lseek(fd_, 0, SEEK_SET);
    for (;;) {
      const ssize_t n = ::read(fd_, buffer.data(), buffer.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw system_error("read", errno);
      if (n == 0) break;
      text.append(buffer.data(), static_cast<std::size_t>(n));
    }
    return text;
  }

 private:
  int fd_ = -1;
};

//! Owns a posix_spawn_file_actions_t.
class SpawnActions {
 public:
  SpawnActions() { ::posix_spawn_file_actions_init(&actions_); }
  SpawnActions(const SpawnActions&) = delete;
  SpawnActions& operator=(const SpawnActions&) = delete;
  ~SpawnActions() { ::posix_spawn_file_actions_destroy(&actions_); }

  posix_spawn_file_actions_t* get() { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_{};
};

}  // namespace

ProcessResult run_process(const std::filesystem::path& program,
                          const std::vector<std::string>& args,
                          const std::filesystem::path& working_dir) {
  // Absolute, because the child changes directory before it executes the program.
  const std::string exe = std::filesystem::absolute(program).string();
  CaptureFile out;
  CaptureFile err;

  SpawnActions actions;
  ::posix_spawn_file_actions_addopen(actions.get(), STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  ::posix_spawn_file_actions_adddup2(actions.get(), out.fd(), STDOUT_FILENO);
  ::posix_spawn_file_actions_adddup2(actions.get(), err.fd(), STDERR_FILENO);
  ::posix_spawn_file_actions_addchdir_np(actions.get(), working_dir.c_str());

  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(exe.c_str()));
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);

  pid_t pid = 0;
  const int spawn_error =
      ::posix_spawn(&pid, exe.c_str(), actions.get(), nullptr, argv.data(), environ);
  if (spawn_error != 0) throw system_error("posix_spawn " + exe, spawn_error);

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw system_error("waitpid " + exe, errno);
  }

  ProcessResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = out.read_all();
  result.err = err.read_all();
  return result;
}

}  // namespace ormc::testing
