// Recognising DDL in SQL text run through a Connection, so that the engine can drop the
// prepared statements it makes stale (detail/engine_state.hpp, ddl_generation).
#pragma once

#include <string_view>

namespace ormc::detail {

//! Whether `sql` (one statement or several separated by ';') has a statement that starts
//! with CREATE, DROP or ALTER, after blanks and comments. A ';' inside a literal may make
//! it answer yes for a statement that is not DDL: that costs a re-prepare, nothing more.
[[nodiscard]] bool is_ddl(std::string_view sql);

}  // namespace ormc::detail
