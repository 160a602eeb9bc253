// File-name rules for generated headers and depfiles.
#include "support/file_names.hpp"

#include "support/utf8.hpp"

namespace ormc {

std::string generated_header_name(std::string_view file_name) {
  if (file_name.ends_with(".orm")) file_name.remove_suffix(4);
  return std::string(file_name) + ".orm.hpp";
}

std::string generated_source_name(std::string_view file_name) {
  if (file_name.ends_with(".orm")) file_name.remove_suffix(4);
  return std::string(file_name) + ".orm.cpp";
}

std::string unusable_path_reason(std::string_view path) {
  static constexpr char hex[] = "0123456789ABCDEF";
  for (char c : path) {
    auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7F) {
      return std::string("its path contains the control character <") + hex[byte >> 4] +
             hex[byte & 0xF] + ">, which cannot be written in a depfile or a diagnostic";
    }
  }
  if (utf8::find_invalid(path)) return "its path is not valid UTF-8";
  std::string_view name = path.substr(path.find_last_of('/') + 1);
  for (char c : name) {
    if (c == '"' || c == '\\') {
      return std::string("its name contains '") + c +
             "', which cannot appear in the generated line `#include \"" +
             generated_header_name(name) + "\"`";
    }
  }
  return "";
}

std::string printable_path(std::string_view path) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  std::size_t i = 0;
  while (i < path.size()) {
    auto byte = static_cast<unsigned char>(path[i]);
    std::size_t length = utf8::sequence_length(byte);
    bool valid = i + length <= path.size() && !utf8::find_invalid(path.substr(i, length));
    if (!valid || byte < 0x20 || byte == 0x7F) {
      out += {'<', hex[byte >> 4], hex[byte & 0xF], '>'};
      ++i;
      continue;
    }
    out += path.substr(i, length);
    i += length;
  }
  return out;
}

std::string fold_case(std::string_view name) {
  std::string folded(name);
  for (char& c : folded) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return folded;
}

}  // namespace ormc
