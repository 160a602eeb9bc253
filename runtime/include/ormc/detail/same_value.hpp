// Whether two column values are the same value, as the Session's change tracking needs it:
// `==` except for floating point, where -0.0 and 0.0 are equal under `==` but not the same
// value (PostgreSQL keeps the sign), so a change from one to the other must be written.
#pragma once

#include <bit>
#include <cstdint>
#include <optional>
#include <type_traits>

namespace ormc::detail {

template <typename T>
[[nodiscard]] constexpr bool same_value(const T& a, const T& b) {
  if constexpr (std::is_same_v<T, float>) {
    return std::bit_cast<std::uint32_t>(a) == std::bit_cast<std::uint32_t>(b);
  } else if constexpr (std::is_same_v<T, double>) {
    return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
  } else if constexpr (std::is_same_v<T, std::optional<float>> ||
                       std::is_same_v<T, std::optional<double>>) {
    return a.has_value() == b.has_value() && (!a || same_value(*a, *b));
  } else {
    return a == b;
  }
}

}  // namespace ormc::detail
