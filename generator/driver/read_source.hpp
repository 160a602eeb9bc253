// Reading a source file without ever blocking: only regular files are opened, and they are
// opened non-blocking, so a FIFO, socket or device named by mistake is refused, not waited on.
#pragma once

#include <cstddef>
#include <string>

namespace ormc {

struct SourceRead {
  enum class Failure { none, missing, directory, not_regular, too_large, unreadable };

  std::string text;
  Failure failure = Failure::none;
  std::string reason;  //!< "no such file", "it is a FIFO (named pipe)", strerror(errno)

  [[nodiscard]] bool ok() const { return failure == Failure::none; }
};

//! Reads the regular file `path` whole if it holds at most `limit` bytes. Anything else (no
//! file, a directory, a FIFO, a socket, a device, too large, an I/O error) is a failure
//! with a short reason. Never blocks on a FIFO or a terminal.
[[nodiscard]] SourceRead read_source(const std::string& path, std::size_t limit);

}  // namespace ormc
