// UTF-8 validity (PostgreSQL's rules) and message previews of suspect text.
#include "values/utf8_check.hpp"

namespace ormc::detail {

std::size_t utf8_sequence_length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) {
    return at + i < text.size() ? static_cast<unsigned char>(text[at + i]) : 0u;
  };
  const unsigned lead = byte(0);
  const auto continuation = [&](std::size_t i) { return (byte(i) & 0xC0u) == 0x80u; };
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return continuation(1) ? 2 : 0;
  if (lead >= 0xE0 && lead <= 0xEF) {
    const unsigned second = byte(1);
    if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F)) return 0;
    return continuation(1) && continuation(2) ? 3 : 0;
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    const unsigned second = byte(1);
    if ((lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F)) return 0;
    return continuation(1) && continuation(2) && continuation(3) ? 4 : 0;
  }
  return 0;
}

std::string text_preview(std::string_view text) {
  static constexpr char digits[] = "0123456789abcdef";
  constexpr std::size_t shown_bytes = 40;
  std::string out = "'";
  std::size_t at = 0;
  while (at < text.size() && at < shown_bytes) {
    const auto c = static_cast<unsigned char>(text[at]);
    const std::size_t length = utf8_sequence_length(text, at);
    if (c < 0x20 || c == 0x7F || length == 0) {
      out += "\\x";
      out += digits[c >> 4];
      out += digits[c & 0x0F];
      ++at;
    } else {
      out.append(text.substr(at, length));
      at += length;
    }
  }
  out += '\'';
  if (at < text.size()) out += "... (" + std::to_string(text.size()) + " bytes)";
  return out;
}

}  // namespace ormc::detail
