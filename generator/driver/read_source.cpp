// stat, then open non-blocking, then fstat again: the file checked is the file read, even if
// the path is swapped for a FIFO between the two calls.
#include "driver/read_source.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ormc {
namespace {

using Failure = SourceRead::Failure;

SourceRead failed(Failure failure, std::string reason) {
  SourceRead result;
  result.failure = failure;
  result.reason = std::move(reason);
  return result;
}

// Why a file of this mode cannot be a source file; "" for a regular file.
std::string refusal(mode_t mode) {
  if (S_ISREG(mode)) return "";
  if (S_ISDIR(mode)) return "it is a directory";
  if (S_ISFIFO(mode)) return "it is a FIFO (named pipe), not a regular file";
  if (S_ISSOCK(mode)) return "it is a socket, not a regular file";
  if (S_ISCHR(mode)) return "it is a character device, not a regular file";
  if (S_ISBLK(mode)) return "it is a block device, not a regular file";
  return "it is not a regular file";
}

SourceRead refused(mode_t mode) {
  return failed(S_ISDIR(mode) ? Failure::directory : Failure::not_regular, refusal(mode));
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  [[nodiscard]] int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

SourceRead read_source(const std::string& path, std::size_t limit) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) {
    if (errno == ENOENT || errno == ENOTDIR) return failed(Failure::missing, "no such file");
    return failed(Failure::unreadable, std::strerror(errno));
  }
  if (!S_ISREG(status.st_mode)) return refused(status.st_mode);
  if (static_cast<std::size_t>(status.st_size) > limit) return failed(Failure::too_large, "");

  FileDescriptor file(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC));
  if (file.get() < 0) return failed(Failure::unreadable, std::strerror(errno));
  if (::fstat(file.get(), &status) != 0) return failed(Failure::unreadable, std::strerror(errno));
  if (!S_ISREG(status.st_mode)) return refused(status.st_mode);

  SourceRead result;
  result.text.reserve(static_cast<std::size_t>(status.st_size));
  char buffer[65536];
  while (true) {
    ssize_t count = ::read(file.get(), buffer, sizeof buffer);
    if (count < 0 && errno == EINTR) continue;
    if (count < 0) return failed(Failure::unreadable, std::strerror(errno));
    if (count == 0) break;
    result.text.append(buffer, static_cast<std::size_t>(count));
    if (result.text.size() > limit) return failed(Failure::too_large, "");  // it grew
  }
  return result;
}

}  // namespace ormc
