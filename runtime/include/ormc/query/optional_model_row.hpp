// Rows of select<M>() where an outer join may leave M missing, read as std::optional<M>: a
// row whose key columns are all NULL has no M (its primary key is never NULL where M is
// there); the others are read as select<M>() reads M.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>

#include "ormc/hydrate.hpp"
#include "ormc/model.hpp"
#include "ormc/result.hpp"

namespace ormc::detail {

template <Model M>
struct RowDecoder<std::optional<M>> {
  ColumnMap<M> map{};
  //! The result columns that tell whether M is there: its primary key's; every column of M
  //! read when the result has no key column (or M declares none).
  std::array<int, model_column_count<M>> witnesses{};
  std::size_t witness_count = 0;

  template <typename Reader>
  void prepare(const Reader& reader, std::string_view /*sql*/) {
    map = map_model_columns<M>(reader);
    std::size_t i = 0;
    for_each_column<M>([&](const auto& descriptor) {
      if (descriptor.flags.primary_key && map[i] >= 0) witnesses[witness_count++] = map[i];
      ++i;
    });
    if (witness_count == 0) {
      for (const int column : map) {
        if (column >= 0) witnesses[witness_count++] = column;
      }
    }
  }

  template <typename Reader>
  void read(const Reader& reader, std::optional<M>& out) const {
    bool missing = true;
    for (std::size_t k = 0; k < witness_count && missing; ++k)
      missing = reader.is_null(witnesses[k]);
    if (missing) {
      out.reset();
      return;
    }
    read_model(reader, out.emplace(), map);
  }
};

}  // namespace ormc::detail
