// The ormc release the generator belongs to: `ormc --version`, and the runtime version every
// generated header requires. runtime/include/ormc/version.hpp says the same (ormc's tests
// compile generated headers against it, and their version check fails on a difference).
#pragma once

#include <string_view>

namespace ormc {

inline constexpr int generator_version_major = 0;
inline constexpr int generator_version_minor = 1;
inline constexpr std::string_view generator_version = "0.1.0";

}  // namespace ormc
