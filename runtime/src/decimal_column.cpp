// The check and padding of decimals written to decimal(p, s) columns.
#include "ormc/detail/decimal_column.hpp"

#include <string>

#include "ormc/error.hpp"

namespace ormc::detail {

Decimal fit_decimal(const Decimal& value, int precision, int scale, std::string_view table,
                    std::string_view column) {
  if (value.fits(precision, scale)) return value.rounded(scale);  // only pads or drops zeros
  std::string reason;
  if (value.integer_digits() > precision - scale) {
    reason = "it has " + std::to_string(value.integer_digits()) + " digits before the point, " +
             "the column allows " + std::to_string(precision - scale);
  } else {
    reason = "it has more than " + std::to_string(scale) +
             " digits after the point, which the column would round away; round it "
             "explicitly first: value.rounded(" +
             std::to_string(scale) + ") (or another RoundingMode)";
  }
  DatabaseErrorInfo info;
  info.driver_message = "the decimal " + value.str() + " does not fit column \"" +
                        std::string(table) + "\".\"" + std::string(column) + "\" decimal(" +
                        std::to_string(precision) + ", " + std::to_string(scale) + "): " + reason;
  info.backend = "ormc";
  throw DataError(std::move(info));
}

}  // namespace ormc::detail
