// ColumnValues<M>: the values of a model's columns and nothing else -- what the Session keeps
// of an object (the row as the database holds it) to tell what changed and to put it back.
// The Session never copies or assigns a whole model object: structs may carry members
// that are not columns (relationship handles), which a column snapshot leaves alone.
#pragma once

#include <array>
#include <cstddef>
#include <type_traits>
#include <utility>

#include "ormc/detail/same_value.hpp"
#include "ormc/model.hpp"

namespace ormc::detail {

//! One column's value in a ColumnValues, told apart from the others by its index.
template <std::size_t I, typename T>
struct ColumnSlot {
  T value{};
};

template <Model M, typename Indices>
struct ColumnSlots;

//! A flat aggregate of every column's value (no recursive tuple: it costs one base per
//! column to instantiate).
template <Model M, std::size_t... I>
struct ColumnSlots<M, std::index_sequence<I...>>
    : ColumnSlot<I, typename column_t<M, I>::value_type>... {};

//! The column values of M. A class of its own (not an alias with a defaulted index
//! sequence), so that functions taking a ColumnValues<M> deduce M on every compiler: clang
//! cannot match its own make_index_sequence against std::index_sequence in a deduction.
template <Model M>
struct ColumnValues : ColumnSlots<M, std::make_index_sequence<model_column_count<M>>> {};

//! The value of column I in `values`.
template <std::size_t I, Model M>
auto& column_value(ColumnValues<M>& values) {
  return static_cast<ColumnSlot<I, typename column_t<M, I>::value_type>&>(values).value;
}
template <std::size_t I, Model M>
const auto& column_value(const ColumnValues<M>& values) {
  return static_cast<const ColumnSlot<I, typename column_t<M, I>::value_type>&>(values).value;
}

//! Which columns a statement names or a change touched, by column index.
template <Model M>
using ColumnMask = std::array<bool, model_column_count<M>>;

//! Calls f(column, index constant) for every column of M, in order.
template <Model M, typename F, std::size_t... I>
constexpr void for_each_column_indexed(F&& f, std::index_sequence<I...> /*unused*/) {
  // A braced list (left to right), not a comma fold: clang limits a fold's nesting to 256.
  [[maybe_unused]] const int in_order[] = {
      0, (f(column_at<M, I>(), std::integral_constant<std::size_t, I>{}), 0)...};
}
template <Model M, typename F>
constexpr void for_each_column_indexed(F&& f) {
  for_each_column_indexed<M>(f, std::make_index_sequence<model_column_count<M>>{});
}

//! Copies the object's columns into `out`.
template <Model M>
void capture_columns(const M& object, ColumnValues<M>& out) {
  for_each_column_indexed<M>([&](const auto& column, auto index) {
    column_value<decltype(index)::value>(out) = column.of(object);
  });
}

//! Sets the object's columns to `values`; members that are not columns are left alone.
template <Model M>
void assign_columns(M& object, const ColumnValues<M>& values) {
  for_each_column_indexed<M>([&](const auto& column, auto index) {
    column.of(object) = column_value<decltype(index)::value>(values);
  });
}

//! The columns whose value in `object` differs from `values` (bit for bit for floats:
//! -0.0 is not 0.0); `any` says whether one does.
template <Model M>
ColumnMask<M> changed_columns(const M& object, const ColumnValues<M>& values, bool& any) {
  ColumnMask<M> changed{};
  any = false;
  for_each_column_indexed<M>([&](const auto& column, auto index) {
    if (!same_value(column.of(object), column_value<decltype(index)::value>(values))) {
      changed[decltype(index)::value] = true;
      any = true;
    }
  });
  return changed;
}

//! Whether any column of `object` differs from `values`; stops at the first that does.
template <Model M>
bool any_column_changed(const M& object, const ColumnValues<M>& values) {
  bool changed = false;
  for_each_column_indexed<M>([&](const auto& column, auto index) {
    changed =
        changed || !same_value(column.of(object), column_value<decltype(index)::value>(values));
  });
  return changed;
}

}  // namespace ormc::detail
