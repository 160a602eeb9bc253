// The ormc release this runtime belongs to; generated code checks it matches its generator.
#pragma once

namespace ormc {

inline constexpr int version_major = 0;
inline constexpr int version_minor = 1;
inline constexpr int version_patch = 0;
inline constexpr const char* version_string = "0.1.0";

}  // namespace ormc
