// Schema enums as the runtime sees them: stored and bound by name, through the
// enum_traits<E> specialisation the generator writes next to each `enum class`.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>
#include <type_traits>

#include "ormc/model.hpp"

namespace ormc {

//! An enum generated from the schema. The generator specialises
//!   template <> struct ormc::enum_traits<blog::Role> {
//!     static constexpr std::array<std::string_view, 3> names{"admin", "editor", "reader"};
//!   };
//! with the names in declaration order, indexed by the enumerator's underlying value.
template <typename E>
concept SchemaEnum = std::is_enum_v<E> && requires {
  { enum_traits<E>::names[0] } -> std::convertible_to<std::string_view>;
  std::size(enum_traits<E>::names);
};

//! The schema name of `value`; empty for a value outside the declared ones.
template <SchemaEnum E>
[[nodiscard]] constexpr std::string_view enum_name(E value) {
  const auto index = static_cast<std::size_t>(static_cast<std::underlying_type_t<E>>(value));
  const auto& names = enum_traits<E>::names;
  return index < std::size(names) ? std::string_view(names[index]) : std::string_view();
}

//! The enumerator named `name` (exact, case-sensitive), or nullopt.
template <SchemaEnum E>
[[nodiscard]] constexpr std::optional<E> enum_from_name(std::string_view name) {
  const auto& names = enum_traits<E>::names;
  for (std::size_t i = 0; i < std::size(names); ++i) {
    if (names[i] == name) return static_cast<E>(static_cast<std::underlying_type_t<E>>(i));
  }
  return std::nullopt;
}

}  // namespace ormc
