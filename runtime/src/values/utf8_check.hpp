// UTF-8 validity as PostgreSQL checks it, and previews of suspect text for messages. Free
// of ormc's types: the schema compiler builds it too (generator/CMakeLists.txt).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ormc::detail {

//! The length of the UTF-8 sequence at text[at], 0 when it is not a valid one: no overlong
//! forms, no surrogates (U+D800..U+DFFF), nothing past U+10FFFF (PostgreSQL's rules).
[[nodiscard]] std::size_t utf8_sequence_length(std::string_view text, std::size_t at);

//! `text` cut to about 40 bytes, control bytes and bytes that are not UTF-8 written as
//! \xNN, in single quotes: how a refused string reads in a message.
[[nodiscard]] std::string text_preview(std::string_view text);

}  // namespace ormc::detail
