// The ormc release this runtime belongs to. Every generated header includes this file and
// stops with #error when the ormc that generated it is another major.minor version.
#pragma once

// Macros, so that a generated header can compare them in #if.
#define ORMC_VERSION_MAJOR 0
#define ORMC_VERSION_MINOR 1
#define ORMC_VERSION_PATCH 0
#define ORMC_VERSION_STRING "0.1.0"

namespace ormc {

inline constexpr int version_major = ORMC_VERSION_MAJOR;
inline constexpr int version_minor = ORMC_VERSION_MINOR;
inline constexpr int version_patch = ORMC_VERSION_PATCH;
inline constexpr const char* version_string = ORMC_VERSION_STRING;

}  // namespace ormc
