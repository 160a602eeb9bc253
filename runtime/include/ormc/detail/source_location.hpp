// ormc::SourceLocation: std::source_location where the standard library has it, else the
// same interface built on the compiler's __builtin_FILE/LINE/FUNCTION (clang 14 with
// libstdc++ 12, the ASan build, has no std::source_location). Relationship accessors take
// one as a defaulted argument, so that the N+1 detector can name the line that read.
#pragma once

#include <cstdint>
#include <version>

#if defined(__cpp_lib_source_location)
#include <source_location>

namespace ormc {
using SourceLocation = std::source_location;
}  // namespace ormc

#else

namespace ormc {

class SourceLocation {
 public:
  constexpr SourceLocation() noexcept = default;
  //! The caller's place, when used as a default argument (as std::source_location).
  static constexpr SourceLocation current(const char* file = __builtin_FILE(),
                                          const char* function = __builtin_FUNCTION(),
                                          std::uint_least32_t line = __builtin_LINE()) noexcept {
    SourceLocation at;
    at.file_ = file;
    at.function_ = function;
    at.line_ = line;
    return at;
  }
  [[nodiscard]] constexpr const char* file_name() const noexcept { return file_; }
  [[nodiscard]] constexpr const char* function_name() const noexcept { return function_; }
  [[nodiscard]] constexpr std::uint_least32_t line() const noexcept { return line_; }
  [[nodiscard]] constexpr std::uint_least32_t column() const noexcept { return 0; }

 private:
  const char* file_ = "";
  const char* function_ = "";
  std::uint_least32_t line_ = 0;
};

}  // namespace ormc

#endif
