// How bound values read in logs and error messages.
#include "ormc/value.hpp"

#include <algorithm>
#include <charconv>
#include <string>
#include <type_traits>

#include "iso8601.hpp"

namespace ormc {
namespace {

// Long values are cut in logs (as SQLAlchemy does) so a megabyte of text does not
// drown the statement; the count says how much was left out.
constexpr std::size_t max_text_chars = 100;
constexpr std::size_t max_blob_bytes = 32;

std::string quoted(std::string_view text) {
  std::string out = "'";
  const std::string_view shown = text.substr(0, max_text_chars);
  for (const char c : shown) {
    out += c;
    if (c == '\'') out += '\'';
  }
  out += '\'';
  if (shown.size() < text.size()) {
    out += "... (" + std::to_string(text.size()) + " characters)";
  }
  return out;
}

}  // namespace

std::string to_log_string(const Value& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        char buffer[detail::iso8601_buffer_size];
        if constexpr (std::is_same_v<T, std::monostate>) {
          return "NULL";
        } else if constexpr (std::is_same_v<T, bool>) {
          return v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, std::int64_t>) {
          return std::to_string(v);
        } else if constexpr (std::is_same_v<T, double>) {
          const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
          return std::string(buffer, result.ptr);
        } else if constexpr (std::is_same_v<T, std::string>) {
          return quoted(v);
        } else if constexpr (std::is_same_v<T, Bytes>) {
          static constexpr char digits[] = "0123456789abcdef";
          std::string out = "x'";
          const std::size_t shown = std::min(v.size(), max_blob_bytes);
          for (std::size_t i = 0; i < shown; ++i) {
            const auto byte = std::to_integer<unsigned>(v[i]);
            out += digits[byte >> 4];
            out += digits[byte & 0x0f];
          }
          out += '\'';
          if (shown < v.size()) out += "... (" + std::to_string(v.size()) + " bytes)";
          return out;
        } else if constexpr (std::is_same_v<T, Decimal>) {
          return v.str();
        } else if constexpr (std::is_same_v<T, Date>) {
          return quoted(std::string_view(buffer, detail::format_date(v, buffer)));
        } else if constexpr (std::is_same_v<T, Time>) {
          return quoted(std::string_view(buffer, detail::format_time(v, buffer)));
        } else if constexpr (std::is_same_v<T, Timestamp>) {
          return quoted(std::string_view(buffer, detail::format_timestamp(v, buffer)));
        } else if constexpr (std::is_same_v<T, Uuid>) {
          return quoted(v.str());
        } else {
          return quoted(v.text);
        }
      },
      value);
}

}  // namespace ormc
