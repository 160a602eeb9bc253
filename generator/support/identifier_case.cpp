// Case conversions of identifiers.
#include "support/identifier_case.hpp"

#include <cctype>

namespace ormc {

std::string snake_case(std::string_view name) {
  std::string result;
  for (std::size_t i = 0; i < name.size(); ++i) {
    auto c = static_cast<unsigned char>(name[i]);
    if (std::isupper(c)) {
      bool after_lower = i > 0 && (std::islower(static_cast<unsigned char>(name[i - 1])) ||
                                   std::isdigit(static_cast<unsigned char>(name[i - 1])));
      bool before_lower = i > 0 && i + 1 < name.size() &&
                          std::isupper(static_cast<unsigned char>(name[i - 1])) &&
                          std::islower(static_cast<unsigned char>(name[i + 1]));
      if ((after_lower || before_lower) && !result.empty() && result.back() != '_') {
        result += '_';
      }
      result += static_cast<char>(std::tolower(c));
    } else {
      result += name[i];
    }
  }
  return result;
}

std::string pascal_case(std::string_view name) {
  std::string result;
  bool upper = true;
  for (char c : name) {
    if (c == '_') {
      upper = true;
      continue;
    }
    result += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return result;
}

}  // namespace ormc
