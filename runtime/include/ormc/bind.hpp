// Binding typed C++ values through a backend's binder, resolved at compile time: optionals
// become NULL, enums their names, narrow integers int64. Also to_value() for run-time lists.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "ormc/column_type.hpp"
#include "ormc/model.hpp"
#include "ormc/schema_enum.hpp"
#include "ormc/types.hpp"
#include "ormc/value.hpp"

namespace ormc {

//! What Statement::bind accepts: a column type, an optional of one, Value, std::nullopt,
//! or anything that converts to std::string_view (string literals, std::string_view).
template <typename T>
concept Bindable = ColumnType<T> || std::is_same_v<T, std::nullopt_t> ||
    (std::is_convertible_v<const T&, std::string_view> && !std::is_same_v<T, Value>);

//! Binds `value` to parameter `index` (1-based) through `binder` (sqlite::Binder, ...).
//! `stable`: the value's bytes outlive the statement's execution (the binder need not copy).
template <typename Binder, typename T>
void bind_column(const Binder& binder, int index, const T& value, bool stable) {
  if constexpr (is_optional<T>::value) {
    if (value) {
      bind_column(binder, index, *value, stable);
    } else {
      binder.bind_null(index);
    }
  } else if constexpr (std::is_same_v<T, Value>) {
    std::visit(
        [&](const auto& v) {
          if constexpr (std::is_same_v<std::remove_cvref_t<decltype(v)>, std::monostate>) {
            binder.bind_null(index);
          } else {
            bind_column(binder, index, v, stable);
          }
        },
        value);
  } else if constexpr (std::is_same_v<T, std::nullopt_t>) {
    binder.bind_null(index);
  } else if constexpr (std::is_same_v<T, bool>) {
    binder.bind(index, value);
  } else if constexpr (SchemaEnum<T>) {
    binder.bind(index, enum_name(value), true);  // the names are static
  } else if constexpr (std::is_integral_v<T>) {
    static_assert(std::is_signed_v<T> || sizeof(T) < 8,
                  "std::uint64_t does not fit SQL's BIGINT; bind a std::int64_t");
    binder.bind(index, static_cast<std::int64_t>(value));
  } else if constexpr (std::is_floating_point_v<T>) {
    binder.bind(index, static_cast<double>(value));
  } else if constexpr (std::is_same_v<T, Bytes>) {
    binder.bind(index, std::span<const std::byte>(value), stable);
  } else if constexpr (std::is_same_v<T, Decimal> || std::is_same_v<T, Json>) {
    binder.bind(index, value, stable);
  } else if constexpr (std::is_convertible_v<const T&, std::string_view>) {
    binder.bind(index, std::string_view(value), stable);
  } else {
    static_assert(std::is_same_v<T, Date> || std::is_same_v<T, Time> ||
                      std::is_same_v<T, Timestamp> || std::is_same_v<T, Uuid>,
                  "ormc cannot bind this type: see the Bindable concept in ormc/bind.hpp");
    binder.bind(index, value);
  }
}

//! A typed value as a run-time Value: enums become their names, optionals NULL or their
//! value, narrower integers int64, float double.
template <typename T>
[[nodiscard]] Value to_value(const T& value) {
  // clang-tidy 14 compares the branches of an if-constexpr chain, which never both exist
  // for one T. NOLINTBEGIN(bugprone-branch-clone)
  if constexpr (is_optional<T>::value) {
    return value ? to_value(*value) : Value{};
  } else if constexpr (std::is_same_v<T, Value>) {
    return value;
  } else if constexpr (std::is_same_v<T, std::nullopt_t>) {
    return Value{};
  } else if constexpr (std::is_same_v<T, bool>) {
    return Value{value};
  } else if constexpr (SchemaEnum<T>) {
    return Value{std::string(enum_name(value))};
  } else if constexpr (std::is_integral_v<T>) {
    return Value{static_cast<std::int64_t>(value)};
  } else if constexpr (std::is_floating_point_v<T>) {
    return Value{static_cast<double>(value)};
  } else if constexpr (std::is_convertible_v<const T&, std::string_view> &&
                       !std::is_same_v<T, Json> && !std::is_same_v<T, Decimal>) {
    return Value{std::string(std::string_view(value))};
  } else {
    return Value{value};
  }
  // NOLINTEND(bugprone-branch-clone)
}

}  // namespace ormc
