// Writing a Decimal into a decimal(p, s) column, the same on every backend: a value that does
// not fit is refused with DataError naming the column and the value (PostgreSQL would round
// it to the scale silently, SQLite keep every digit); a value that fits is written with
// exactly s fraction digits, the form both databases then return.
#pragma once

#include <optional>
#include <string_view>
#include <type_traits>

#include "ormc/model.hpp"
#include "ormc/types.hpp"
#include "ormc/value.hpp"

namespace ormc::detail {

//! `value` with exactly `scale` fraction digits; DataError when it needs more than `scale`
//! fraction digits or more than precision - scale integer digits.
[[nodiscard]] Decimal fit_decimal(const Decimal& value, int precision, int scale,
                                  std::string_view table, std::string_view column);

//! Whether the column descriptor C holds decimals of a known decimal(p, s).
template <typename C>
inline constexpr bool is_decimal_column_v =
    std::is_same_v<unwrap_optional_t<typename C::value_type>, Decimal>;

//! Fits a decimal column's value in place (see fit_decimal); other columns are left alone.
template <typename C, typename T>
void fit_column_value(const C& column, T& value) {
  if constexpr (std::is_same_v<unwrap_optional_t<T>, Decimal>) {
    if (column.flags.precision <= 0) return;  // headers generated before precision existed
    const auto table = model_traits<typename C::model_type>::table_name;
    if constexpr (is_optional<T>::value) {
      if (value)
        *value =
            fit_decimal(*value, column.flags.precision, column.flags.scale, table, column.name);
    } else {
      value = fit_decimal(value, column.flags.precision, column.flags.scale, table, column.name);
    }
  }
}

}  // namespace ormc::detail
