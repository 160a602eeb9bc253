// fuzz_generate.cpp — libFuzzer entry point: any bytes, as a .orm file, through parse and
// check, and through generate (headers and DDL) when check accepts them. A crash, a
// sanitizer report, a hang or a failed assert is a bug in ormc.
#include <cstddef>
#include <cstdint>

#include "driver/fuzz_entry.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ormc::fuzz_generate(data, size);
  return 0;
}
