// Typed assignments for insert, update and upsert: ormc::set(user::age, 30). A column
// descriptor is a constant, so `user::age = 30` cannot be an expression; set() names the
// column first and the value second, and checks that the value fits the column.
// ormc::excluded(col) is the row an upsert tried to insert (SQL's excluded."col").
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

#include "ormc/detail/decimal_column.hpp"
#include "ormc/expr/comparison.hpp"

namespace ormc {

//! `column = value` for a column of model M; the value is a bound value or an expression.
template <typename M>
struct Assignment {
  using model_type = M;
  std::string_view column;  //!< the column's SQL name
  std::size_t index = 0;    //!< its position in model_traits<M>::columns
  detail::ExprData value;
};

namespace detail {

template <typename T, typename V>
inline constexpr bool assignable_v = [] {
  if constexpr (Expression<V>)
    return expr_assignable_v<T, expr_value_t<V>>;
  else
    return value_assignable_v<T, V>;
}();

template <typename T, typename V>
void diagnose_assignment() {
  if constexpr ((is_nullopt_v<V> || is_optional_value_v<V>)&&!is_optional<T>::value) {
    static_assert(is_optional<T>::value,
                  "ormc: std::nullopt (NULL) can only be assigned to a nullable column");
  } else if constexpr (Expression<V>) {
    if constexpr (is_optional<expr_value_t<V>>::value && !is_optional<T>::value) {
      static_assert(is_optional<T>::value,
                    "ormc: a nullable expression cannot be assigned to a non-nullable column");
    } else {
      static_assert(assignable_v<T, V>,
                    "ormc: the value's type does not match the column's type (an integer "
                    "column takes integers, a string column strings, an enum column the same "
                    "enum, ...)");
    }
  } else {
    static_assert(assignable_v<T, V>,
                  "ormc: the value's type does not match the column's type (an integer column "
                  "takes integers, a string column strings, an enum column the same enum, ...)");
  }
}

}  // namespace detail

template <ColumnDescriptor C, typename V>
[[nodiscard]] auto set(const C& column, V&& value) {
  using M = typename C::model_type;
  using T = typename C::value_type;
  Assignment<M> result{column.name, C::index, {}};
  if constexpr (!detail::assignable_v<T, V>) {
    detail::diagnose_assignment<T, V>();
  } else {
    if constexpr (Expression<V>) {
      static_assert(detail::list_subset_v<expr_models_t<V>, detail::model_list<M>>,
                    "ormc: an assigned expression may only read the columns of the same model");
    }
    if constexpr (detail::is_decimal_column_v<C> && Expression<V>) {
      // What the database computes is stored as the column's type stores it: PostgreSQL
      // rounds to the scale (half away from zero), and SQLite is told to do the same.
      if (column.flags.precision > 0) {
        result.value.add_operator(detail::Op::fit_decimal, 1);
        detail::Node& fit = result.value.nodes.back();
        fit.decimal = true;
        fit.precision = static_cast<std::int16_t>(column.flags.precision);
        fit.scale = static_cast<std::int16_t>(column.flags.scale);
      }
      detail::append_operand(result.value, std::forward<V>(value));
    } else if constexpr (detail::is_decimal_column_v<C> && !detail::is_nullopt_v<V>) {
      // A value is checked against the column's decimal(p, s) here, where the column is
      // known: refused when it does not fit, else written with exactly s fraction digits.
      T fitted = T(value);
      detail::fit_column_value(column, fitted);
      detail::append_operand(result.value, std::move(fitted));
    } else {
      detail::append_operand(result.value, std::forward<V>(value));
    }
  }
  return result;
}

//! In an upsert's do_update: the value the conflicting insert proposed for `column`.
template <ColumnDescriptor C>
[[nodiscard]] auto excluded(const C& column) {
  detail::ExprData data;
  data.nodes.push_back(
      detail::Node{detail::Op::excluded, 0, 0, {}, column.name, detail::is_decimal_column_v<C>});
  return detail::make_expr<typename C::value_type, detail::model_list<typename C::model_type>>(
      std::move(data));
}

}  // namespace ormc
