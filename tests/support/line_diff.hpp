// line_diff.hpp — a readable line diff of two texts, for test failure messages.
#pragma once

#include <string>
#include <string_view>

namespace ormc::testing {

//! A diff in the style of `diff -u expected actual`: hunks of changed lines with three lines
//! of context, "-" for lines only in `expected`, "+" for lines only in `actual`.
//! Returns an empty string when the texts are equal.
std::string line_diff(std::string_view expected, std::string_view actual);

}  // namespace ormc::testing
