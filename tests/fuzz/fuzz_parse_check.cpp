// fuzz_parse_check.cpp — libFuzzer entry point: any bytes, as a .orm file, through parse
// and check. A crash, a sanitizer report, a hang or a failed assert is a bug in ormc.
#include <cstddef>
#include <cstdint>

#include "driver/fuzz_entry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static_cast<void>(ormc::fuzz_parse_and_check(data, size));
  return 0;
}
