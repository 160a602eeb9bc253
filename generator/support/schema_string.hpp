// A string written back as a .orm string literal: double quotes, with the language's
// escapes (\" \\ \n \t \r); the one spelling fmt, dump and graph all use.
#pragma once

#include <string>
#include <string_view>

namespace ormc {

[[nodiscard]] std::string quote_schema_string(std::string_view value);

}  // namespace ormc
