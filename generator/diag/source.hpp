// Source files held in memory, and spans into them that every diagnostic and AST node carries.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ormc {

using FileId = std::uint32_t;
inline constexpr FileId no_file = ~FileId{0};

//! A place in a source file: 1-based line, 1-based column counted in Unicode code points.
struct SourcePosition {
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  friend bool operator==(const SourcePosition&, const SourcePosition&) = default;
  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads a defaulted <=>
  friend auto operator<=>(const SourcePosition&, const SourcePosition&) = default;
};

//! A half-open range [begin, end) in one file. A span with line 0 names a whole file.
struct SourceSpan {
  FileId file = no_file;
  SourcePosition begin;
  SourcePosition end;

  [[nodiscard]] bool valid() const { return file != no_file; }
  [[nodiscard]] bool has_position() const { return begin.line != 0; }
};

//! One loaded file: the path as the user named it and its text (UTF-8, BOM removed).
class SourceFile {
 public:
  SourceFile(std::string path, std::string text);

  [[nodiscard]] const std::string& path() const { return path_; }
  [[nodiscard]] const std::string& text() const { return text_; }
  [[nodiscard]] std::uint32_t line_count() const {
    return static_cast<std::uint32_t>(line_starts_.size());
  }
  //! The text of 1-based line `line` without its line terminator ("" when out of range).
  [[nodiscard]] std::string_view line(std::uint32_t line) const;

 private:
  std::string path_;
  std::string text_;
  std::vector<std::size_t> line_starts_;
};

//! Owns every file of a compilation; FileIds index into it and stay valid for its lifetime.
class SourceManager {
 public:
  FileId add(std::string path, std::string text);
  [[nodiscard]] const SourceFile& file(FileId id) const { return *files_.at(id); }
  [[nodiscard]] std::size_t size() const { return files_.size(); }

 private:
  std::deque<std::unique_ptr<SourceFile>> files_;
};

}  // namespace ormc
