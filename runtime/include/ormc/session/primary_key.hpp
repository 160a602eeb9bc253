// A model's primary key as a C++ value: the key column's own type (std::int64_t for the
// usual `id int64 primary auto`), or a std::tuple of them for a composite key. The identity
// map is keyed by it: no string is built per lookup, and get<M>(key) checks the key's type
// at compile time.
#pragma once

#include <array>
#include <chrono>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>

#include "ormc/model.hpp"
#include "ormc/session/column_values.hpp"
#include "ormc/types.hpp"

namespace ormc::detail {

template <Model M>
inline constexpr std::size_t key_column_count = model_traits<M>::primary_key.size();

//! The C++ type of M's k-th key column.
template <Model M, std::size_t K>
using key_column_type = typename column_t<M, model_traits<M>::primary_key[K]>::value_type;

template <Model M, typename Indices = std::make_index_sequence<key_column_count<M>>>
struct primary_key_type;
template <Model M, std::size_t K>
struct primary_key_type<M, std::index_sequence<K>> {
  using type = key_column_type<M, K>;
};
template <Model M, std::size_t... K>
requires(sizeof...(K) > 1) struct primary_key_type<M, std::index_sequence<K...>> {
  using type = std::tuple<key_column_type<M, K>...>;
};

//! M's primary key: one column's type, or a tuple for a composite key.
template <Model M>
using key_t = typename primary_key_type<M>::type;

//! Whether a V converts to a key column of type T without narrowing (5 to std::int64_t
//! does; a double or an unsigned 64-bit value does not).
template <typename V, typename T>
concept KeyValueFor = requires(const V& v) {
  T{v};
};

namespace key_detail {
template <Model M, std::size_t... K, typename Source, typename Get>
key_t<M> make_key(const Source& source, Get get, std::index_sequence<K...> /*unused*/) {
  if constexpr (sizeof...(K) == 1) {
    return get.template operator()<model_traits<M>::primary_key[K]...>(source);
  } else {
    return key_t<M>(get.template operator()<model_traits<M>::primary_key[K]>(source)...);
  }
}
}  // namespace key_detail

//! The primary key of `object`.
template <Model M>
key_t<M> key_of(const M& object) {
  return key_detail::make_key<M>(
      object, []<std::size_t I>(const M& o) -> const auto& { return column_at<M, I>().of(o); },
      std::make_index_sequence<key_column_count<M>>{});
}

//! The primary key held in a column snapshot.
template <Model M>
key_t<M> key_of(const ColumnValues<M>& values) {
  return key_detail::make_key<M>(
      values,
      []<std::size_t I>(const ColumnValues<M>& v) -> const auto& { return column_value<I>(v); },
      std::make_index_sequence<key_column_count<M>>{});
}

//! Whether the snapshot's key is `key` (decimals compare by value: 1.5 is 1.50).
template <Model M>
bool key_equals(const ColumnValues<M>& values, const key_t<M>& key) {
  if constexpr (key_column_count<M> == 1) {
    return column_value<model_traits<M>::primary_key[0]>(values) == key;
  } else {
    return key_of(values) == key;
  }
}

//! Hashes one key column value; equal values (as == compares them) hash alike.
template <typename T>
std::size_t hash_key_part(const T& value) {
  if constexpr (std::is_enum_v<T>) {
    return std::hash<std::underlying_type_t<T>>{}(static_cast<std::underlying_type_t<T>>(value));
  } else if constexpr (std::is_integral_v<T>) {
    // A multiplicative mix: consecutive ids spread over the table.
    constexpr std::uint64_t golden = 0x9E3779B97F4A7C15U;
    const std::uint64_t mixed = static_cast<std::uint64_t>(value) * golden;
    return static_cast<std::size_t>(mixed ^ (mixed >> 32U));
  } else if constexpr (std::is_same_v<T, std::string>) {
    return std::hash<std::string_view>{}(value);
  } else if constexpr (std::is_same_v<T, Uuid>) {
    return std::hash<std::string_view>{}(
        std::string_view(reinterpret_cast<const char*>(value.bytes.data()), value.bytes.size()));
  } else if constexpr (std::is_same_v<T, Decimal>) {
    // 1.5 and 1.50 name one row: hash the digits without trailing fractional zeros.
    std::string_view text = value.str();
    if (text.find('.') != std::string_view::npos) {
      text = text.substr(0, text.find_last_not_of('0') + 1);
      if (text.back() == '.') text.remove_suffix(1);
    }
    if (text == "-0") text = "0";
    return std::hash<std::string_view>{}(text);
  } else if constexpr (std::is_same_v<T, Date>) {
    return hash_key_part(std::chrono::sys_days(value).time_since_epoch().count());
  } else if constexpr (std::is_same_v<T, Time>) {
    return hash_key_part(value.count());
  } else if constexpr (std::is_same_v<T, Timestamp>) {
    return hash_key_part(value.time_since_epoch().count());
  } else if constexpr (std::is_same_v<T, Bytes>) {
    return std::hash<std::string_view>{}(
        std::string_view(reinterpret_cast<const char*>(value.data()), value.size()));
  } else {
    static_assert(std::is_floating_point_v<T>, "this type cannot be part of a primary key");
    return std::hash<T>{}(value);
  }
}

template <typename T>
std::size_t hash_key(const T& key) {
  return hash_key_part(key);
}
template <typename... Ts>
std::size_t hash_key(const std::tuple<Ts...>& key) {
  std::size_t seed = 0;
  std::apply(
      [&](const auto&... part) {
        constexpr std::size_t golden = 0x9E3779B97F4A7C15U;
        ((seed ^= hash_key_part(part) + golden + (seed << 6U) + (seed >> 2U)), ...);
      },
      key);
  return seed;
}

}  // namespace ormc::detail
