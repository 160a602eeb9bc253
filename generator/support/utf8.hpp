// UTF-8 validation and code-point counting, for loading files and placing carets.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace ormc::utf8 {

//! Byte offset of the first invalid sequence, or nullopt when `text` is valid UTF-8.
[[nodiscard]] std::optional<std::size_t> find_invalid(std::string_view text);

//! Length in bytes of the sequence starting with lead byte `lead` (1 for invalid bytes).
[[nodiscard]] std::size_t sequence_length(unsigned char lead);

//! Number of code points in valid UTF-8 `text`.
[[nodiscard]] std::size_t count_code_points(std::string_view text);

//! Byte offset of 0-based code point `index` in `text` (clamped to its size).
[[nodiscard]] std::size_t offset_of_code_point(std::string_view text, std::size_t index);

}  // namespace ormc::utf8
