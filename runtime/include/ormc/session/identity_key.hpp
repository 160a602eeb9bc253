// Identity-map keys: a model's table name and its primary-key values packed into bytes.
// Short keys (an int64 key is 8 bytes plus the table tag) stay inside std::string's small
// buffer, so a lookup by key does not allocate.
#pragma once

#include <cstring>
#include <string>
#include <type_traits>

#include "ormc/model.hpp"
#include "ormc/schema_enum.hpp"

namespace ormc::detail {

template <typename T>
void append_key_part(std::string& key, const T& value) {
  if constexpr (is_optional<T>::value) {
    key += value ? '\1' : '\0';
    if (value) append_key_part(key, *value);
  } else if constexpr (std::is_enum_v<T>) {
    append_key_part(key, static_cast<std::int64_t>(value));
  } else if constexpr (std::is_arithmetic_v<T>) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    key.append(bytes, sizeof(T));
  } else if constexpr (std::is_same_v<T, std::string>) {
    append_key_part(key, static_cast<std::uint32_t>(value.size()));
    key += value;
  } else if constexpr (std::is_same_v<T, Uuid>) {
    key.append(reinterpret_cast<const char*>(value.bytes.data()), value.bytes.size());
  } else if constexpr (std::is_same_v<T, Decimal>) {
    // One key per number, as the database compares them: 1.5 and 1.50 name the same row.
    std::string text = value.str();
    if (text.find('.') != std::string::npos) {
      text.erase(text.find_last_not_of('0') + 1);
      if (text.back() == '.') text.pop_back();
    }
    append_key_part(key, text);
  } else if constexpr (std::is_same_v<T, Json>) {
    append_key_part(key, value.text);
  } else if constexpr (std::is_same_v<T, Date>) {
    append_key_part(
        key, static_cast<std::int64_t>(std::chrono::sys_days(value).time_since_epoch().count()));
  } else if constexpr (std::is_same_v<T, Time> || std::is_same_v<T, Timestamp>) {
    std::int64_t count = 0;
    if constexpr (std::is_same_v<T, Time>) {
      count = value.count();
    } else {
      count = value.time_since_epoch().count();
    }
    append_key_part(key, count);
  } else {
    static_assert(std::is_same_v<T, Bytes>, "this type cannot be part of a primary key");
    append_key_part(key, static_cast<std::uint32_t>(value.size()));
    key.append(reinterpret_cast<const char*>(value.data()), value.size());
  }
}

template <typename M>
constexpr bool is_primary_key_column(std::size_t index) {
  for (std::size_t column : model_traits<M>::primary_key) {
    if (column == index) return true;
  }
  return false;
}

//! The identity key of `object`: its table and primary-key values.
template <Model M>
std::string identity_key(const M& object) {
  std::string key(model_traits<M>::table_name);
  key += '\0';
  for_each_column<M>([&](const auto& column) {
    if constexpr (is_primary_key_column<M>(std::remove_cvref_t<decltype(column)>::index)) {
      append_key_part(key, column.of(object));
    }
  });
  return key;
}

}  // namespace ormc::detail
