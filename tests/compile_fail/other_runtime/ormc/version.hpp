// A runtime of another release than the generator's, for runtime_version_mismatch.cmake: a
// generated header compiled against it must stop with its #error.
#pragma once

#define ORMC_VERSION_MAJOR 9
#define ORMC_VERSION_MINOR 3
#define ORMC_VERSION_PATCH 0
#define ORMC_VERSION_STRING "9.3.0"
