// Reading result columns into typed C++ values, models and tuples through a backend's row
// reader (sqlite::RowReader, ...). Every loop over columns is expanded at compile time; the
// reader is a concrete type, so each value costs one direct call.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "ormc/column_type.hpp"
#include "ormc/model.hpp"
#include "ormc/schema_enum.hpp"

namespace ormc {

//! For each column of M, the result column it is read from, or -1 (left as it is).
template <typename M>
using ColumnMap = std::array<int, model_column_count<M>>;

namespace detail {

//! Gives a decimal read from the database its column's scale back ("12.5" -> "12.50").
template <typename Descriptor, typename M>
void apply_scale(const Descriptor& descriptor, M& out) {
  using T = typename Descriptor::value_type;
  if constexpr (std::is_same_v<T, Decimal>) {
    if (descriptor.flags.scale >= 0)
      descriptor.of(out) = descriptor.of(out).with_scale(descriptor.flags.scale);
  } else if constexpr (std::is_same_v<T, std::optional<Decimal>>) {
    auto& value = descriptor.of(out);
    if (value && descriptor.flags.scale >= 0) value = value->with_scale(descriptor.flags.scale);
  }
}

[[noreturn]] void throw_unknown_enum(std::string_view column, std::string_view value,
                                     std::span<const std::string_view> names);

//! Fills `map` (one entry per model column). By name when every result column names a
//! distinct model column; else by position when the counts agree; else ResultTypeError.
void map_columns(std::string_view table, std::span<const std::string_view> model_columns,
                 std::span<const std::string_view> result_columns, std::span<int> map);

template <typename Reader, typename T>
bool read_value(const Reader& reader, int column, T& out) {
  // bool, std::int64_t and double are the readers' own types: the last branch reads them.
  if constexpr (SchemaEnum<T>) {
    std::string_view text;
    if (!reader.read(column, text)) return false;
    if (auto value = enum_from_name<T>(text)) {
      out = *value;
      return true;
    }
    const auto& names = enum_traits<T>::names;
    std::array<std::string_view, std::size(enum_traits<T>::names)> list{};
    for (std::size_t i = 0; i < list.size(); ++i) list[i] = names[i];
    throw_unknown_enum(reader.column_name(column), text, list);
  } else if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool> &&
                       !std::is_same_v<T, std::int64_t>) {
    std::int64_t wide = 0;
    if (!reader.read(column, wide)) return false;
    if (!std::in_range<T>(wide)) {
      reader.throw_type(column, column_type_name<T>(),
                        "the value " + std::to_string(wide) + " is out of its range");
    }
    out = static_cast<T>(wide);
    return true;
  } else if constexpr (std::is_floating_point_v<T> && !std::is_same_v<T, double>) {
    double wide = 0;
    if (!reader.read(column, wide)) return false;
    out = static_cast<T>(wide);
    return true;
  } else {
    return reader.read(column, out);
  }
}

}  // namespace detail

//! Reads result column `column` (0-based) into `out`. NULL into a non-optional type, or a
//! stored value that does not convert, throws ResultTypeError naming the column.
template <typename Reader, ColumnType T>
void read_column(const Reader& reader, int column, T& out) {
  if constexpr (is_optional<T>::value) {
    if (!out) out.emplace();  // reuses the storage of a value already there
    if (!detail::read_value(reader, column, *out)) out.reset();
  } else if constexpr (std::is_same_v<T, Value>) {
    reader.read(column, out);
  } else {
    if (!detail::read_value(reader, column, out)) reader.throw_null(column, column_type_name<T>());
  }
}

//! Reads the model's columns, in model order, from result columns first_column, +1, ...
template <Model M, typename Reader>
void read_model(const Reader& reader, M& out, int first_column = 0) {
  int column = first_column;
  for_each_column<M>([&](const auto& descriptor) {
    read_column(reader, column++, descriptor.of(out));
    detail::apply_scale(descriptor, out);
  });
}

//! Reads the model's columns through `map` (see map_model_columns).
template <Model M, typename Reader>
void read_model(const Reader& reader, M& out, const ColumnMap<M>& map) {
  std::size_t i = 0;
  for_each_column<M>([&](const auto& descriptor) {
    if (map[i] >= 0) {
      read_column(reader, map[i], descriptor.of(out));
      detail::apply_scale(descriptor, out);
    }
    ++i;
  });
}

//! Where each column of M is in the result: by name when the result's column names are
//! all columns of M (the others keep their initial values), else by position.
template <Model M, typename Reader>
[[nodiscard]] ColumnMap<M> map_model_columns(const Reader& reader) {
  std::array<std::string_view, model_column_count<M>> model_names{};
  std::size_t i = 0;
  for_each_column<M>([&](const auto& descriptor) { model_names[i++] = descriptor.name; });
  const int count = reader.column_count();
  std::array<std::string_view, 64> small{};
  std::vector<std::string_view> large;
  std::span<std::string_view> result_names;
  if (count <= static_cast<int>(small.size())) {
    result_names = std::span(small).first(static_cast<std::size_t>(count));
  } else {
    large.resize(static_cast<std::size_t>(count));
    result_names = large;
  }
  for (int c = 0; c < count; ++c) result_names[static_cast<std::size_t>(c)] = reader.column_name(c);
  ColumnMap<M> map{};
  detail::map_columns(model_traits<M>::table_name, model_names, result_names, map);
  return map;
}

//! Reads the tuple's elements from result columns first_column, +1, ...
template <typename Reader, typename... Ts>
void read_tuple(const Reader& reader, std::tuple<Ts...>& out, int first_column = 0) {
  std::apply(
      [&](auto&... element) {
        int column = first_column;
        (read_column(reader, column++, element), ...);
      },
      out);
}

}  // namespace ormc
