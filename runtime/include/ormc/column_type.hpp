// Which C++ types can be bound and read as column values, and their names in messages.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

#include "ormc/model.hpp"
#include "ormc/schema_enum.hpp"
#include "ormc/types.hpp"
#include "ormc/value.hpp"

namespace ormc {

//! A non-null column value type: bool, signed or unsigned integers up to 32 bits and
//! std::int64_t, float, double, std::string, Bytes, Decimal, Json, Date, Time, Timestamp,
//! Uuid, or a schema enum. std::uint64_t is not one: it does not fit SQL's BIGINT.
template <typename T>
concept ColumnScalar =
    std::is_same_v<T, bool> ||
    (std::is_integral_v<T> && (std::is_signed_v<T> || sizeof(T) < 8) && !std::is_same_v<T, char>) ||
    std::is_floating_point_v<T> || std::is_same_v<T, std::string> || std::is_same_v<T, Bytes> ||
    std::is_same_v<T, Decimal> || std::is_same_v<T, Json> || std::is_same_v<T, Date> ||
    std::is_same_v<T, Time> || std::is_same_v<T, Timestamp> || std::is_same_v<T, Uuid> ||
    SchemaEnum<T>;

//! What a result column can be read into: a ColumnScalar, std::optional of one (NULL ->
//! nullopt), or Value (whatever is stored).
template <typename T>
concept ColumnType = ColumnScalar<T> ||
                     (is_optional<T>::value&& ColumnScalar<unwrap_optional_t<T>>) ||
                     std::is_same_v<T, Value>;

//! The name of T in error messages ("int32", "std::optional<Timestamp>").
template <typename T>
[[nodiscard]] constexpr std::string_view column_type_name() {
  if constexpr (is_optional<T>::value) {
    return "std::optional";
  } else if constexpr (std::is_same_v<T, bool>) {
    return "bool";
  } else if constexpr (SchemaEnum<T>) {
    return "enum";
  } else if constexpr (std::is_same_v<T, std::int64_t>) {
    return "int64";
  } else if constexpr (std::is_same_v<T, std::int32_t>) {
    return "int32";
  } else if constexpr (std::is_same_v<T, std::int16_t>) {
    return "int16";
  } else if constexpr (std::is_integral_v<T>) {
    return "integer";
  } else if constexpr (std::is_same_v<T, float>) {
    return "float";
  } else if constexpr (std::is_floating_point_v<T>) {
    return "double";
  } else if constexpr (std::is_same_v<T, std::string>) {
    return "std::string";
  } else if constexpr (std::is_same_v<T, Bytes>) {
    return "Bytes";
  } else if constexpr (std::is_same_v<T, Decimal>) {
    return "Decimal";
  } else if constexpr (std::is_same_v<T, Json>) {
    return "Json";
  } else if constexpr (std::is_same_v<T, Date>) {
    return "Date";
  } else if constexpr (std::is_same_v<T, Time>) {
    return "Time";
  } else if constexpr (std::is_same_v<T, Timestamp>) {
    return "Timestamp";
  } else if constexpr (std::is_same_v<T, Uuid>) {
    return "Uuid";
  } else {
    return "Value";
  }
}

}  // namespace ormc
