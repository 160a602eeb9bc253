// Row: the column count and names of the current row's result.
#include "ormc/row.hpp"

namespace ormc {

int Row::column_count() const {
  return visit([](const auto& reader) { return reader.column_count(); });
}

std::string_view Row::column_name(int column) const {
  return visit([column](const auto& reader) { return reader.column_name(column); });
}

}  // namespace ormc
