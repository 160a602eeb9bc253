// The out-of-line parts of hydration: matching result columns to a model's, and errors.
#include "ormc/hydrate.hpp"

#include <string>

#include "ormc/error.hpp"

namespace ormc::detail {
namespace {

std::string join(std::span<const std::string_view> names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += ", ";
    out += names[i];
  }
  return out;
}

}  // namespace

void throw_unknown_enum(std::string_view column, std::string_view value,
                        std::span<const std::string_view> names) {
  throw ResultTypeError("column \"" + std::string(column) + "\" holds '" + std::string(value) +
                        "', which is not a value of the enum (" + join(names) + ")");
}

void map_columns(std::string_view table, std::span<const std::string_view> model_columns,
                 std::span<const std::string_view> result_columns, std::span<int> map) {
  for (auto& entry : map) entry = -1;
  bool by_name = !result_columns.empty();
  for (std::size_t r = 0; r < result_columns.size() && by_name; ++r) {
    by_name = false;
    for (std::size_t m = 0; m < model_columns.size(); ++m) {
      if (model_columns[m] == result_columns[r] && map[m] < 0) {
        map[m] = static_cast<int>(r);
        by_name = true;
        break;
      }
    }
  }
  if (by_name) return;
  if (result_columns.size() == model_columns.size()) {
    for (std::size_t i = 0; i < map.size(); ++i) map[i] = static_cast<int>(i);
    return;
  }
  throw ResultTypeError(
      "cannot read rows of (" + join(result_columns) + ") into the model of table '" +
      std::string(table) + "' (" + join(model_columns) +
      "): the names are not all the model's columns, and the result has " +
      std::to_string(result_columns.size()) + " columns where reading by position needs " +
      std::to_string(model_columns.size()));
}

}  // namespace ormc::detail
