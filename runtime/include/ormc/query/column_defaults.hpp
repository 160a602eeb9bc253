// The column defaults the runtime applies itself, not the database: default(now) at insert
// when the field is unset, on_update(now) at every update that does not set the column.
// Autoincrement keys left at 0 and nullable server-default columns left empty are omitted
// from an INSERT so that the database fills them.
#pragma once

#include <chrono>
#include <type_traits>
#include <variant>

#include "ormc/expr/type_rules.hpp"
#include "ormc/model.hpp"
#include "ormc/types.hpp"
#include "ormc/value.hpp"

namespace ormc::detail {

//! The current time as a value of a date, time or timestamp column; NULL for other types.
template <typename T>
Value now_value() {
  using U = unwrap_optional_t<T>;
  const auto now = std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
  if constexpr (std::is_same_v<U, Timestamp>) {
    return Value{Timestamp{now}};
  } else if constexpr (std::is_same_v<U, Date>) {
    return Value{Date{std::chrono::floor<std::chrono::days>(now)}};
  } else if constexpr (std::is_same_v<U, Time>) {
    return Value{Time{now - std::chrono::floor<std::chrono::days>(now)}};
  } else {
    return Value{};
  }
}

//! Sets a date, time or timestamp field (or an optional one) to the current time, as
//! now_value() gives it; other fields are left alone.
template <typename T>
void set_now(T& field) {
  using U = unwrap_optional_t<T>;
  if constexpr (std::is_same_v<U, Timestamp> || std::is_same_v<U, Date> ||
                std::is_same_v<U, Time>) {
    field = std::get<U>(now_value<T>());
  }
}

//! The field still holds its value-initialised state (0, the epoch, nullopt).
template <typename T>
bool is_unset(const T& value) {
  if constexpr (is_optional<T>::value) {
    return !value.has_value();
  } else if constexpr (std::is_same_v<T, Date>) {
    return !value.ok();
  } else if constexpr (std::is_integral_v<T> || std::is_same_v<T, Timestamp> ||
                       std::is_same_v<T, Time>) {
    return value == T{};
  } else {
    return false;
  }
}

enum class InsertColumn { omit, now, value };

//! What an INSERT of an object does with one of its columns.
template <typename C, typename T>
InsertColumn insert_column_action(const C& column, const T& value) {
  if (column.flags.autoincrement && is_unset(value)) return InsertColumn::omit;
  if (column.flags.default_now && is_unset(value)) return InsertColumn::now;
  if constexpr (is_optional<T>::value) {
    if (column.flags.server_default && !value) return InsertColumn::omit;
  }
  return InsertColumn::value;
}

}  // namespace ormc::detail
