// files.hpp — the small file-system chores of the CLI tests: read, write, list, scratch dirs.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ormc::testing {

//! The whole file as bytes; throws std::runtime_error when it cannot be read.
std::string read_text(const std::filesystem::path& file);

//! Replaces the file's contents; throws std::runtime_error when it cannot be written.
void write_text(const std::filesystem::path& file, std::string_view text);

//! Every regular file under `dir` (recursively) whose name ends in `extension`, sorted;
//! empty when `dir` does not exist.
std::vector<std::filesystem::path> files_under(const std::filesystem::path& dir,
                                               std::string_view extension);

//! A fresh directory under the system temporary directory, removed with its contents.
class ScratchDir {
 public:
  ScratchDir();
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  ~ScratchDir();

  [[nodiscard]] const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace ormc::testing
