// The DataError of a value ormc refuses to bind (value_checks.hpp), naming the parameter,
// and the column it goes to when the statement's SQL shows it.
#pragma once

#include <string>
#include <string_view>

namespace ormc::detail {

//! Throws DataError: "cannot bind parameter 2 (column "score"): <problem>", with `sql`.
[[noreturn]] void refuse_value(std::string_view backend, std::string_view sql, int index,
                               const std::string& problem);

//! The column parameter `index` (a ?N or $N placeholder) is compared with or assigned to
//! in `sql` ("col" = ?2, or the column of its place in INSERT ... VALUES); empty when the
//! SQL does not show one.
[[nodiscard]] std::string parameter_column(std::string_view sql, int index);

}  // namespace ormc::detail
