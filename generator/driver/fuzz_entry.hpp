// The libFuzzer entries: any bytes through parse and check, as an .orm file would go, and
// through generate when check accepts them.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ormc {

//! Parses and checks `data` as the text of one file; must never crash or hang.
void fuzz_parse_and_check(const std::uint8_t* data, std::size_t size);

//! Parses and checks `data` and, when check accepts it, runs what `ormc generate` runs: the
//! header plan, every header, and the DDL of the whole schema for both dialects. Whatever
//! check accepts must generate without crashing.
void fuzz_generate(const std::uint8_t* data, std::size_t size);

}  // namespace ormc
