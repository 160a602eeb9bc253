// The libFuzzer entry: any bytes through parse and check, as an .orm file would go.
#pragma once

#include <cstddef>
#include <cstdint>

namespace ormc {

//! Parses and checks `data` as the text of one file; must never crash or hang.
void fuzz_parse_and_check(const std::uint8_t* data, std::size_t size);

}  // namespace ormc
