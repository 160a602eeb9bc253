// The portable SQL functions: round, abs, coalesce, nullif, the string functions, cast,
// dates and times, case_when, string_agg; the window functions come with the aggregates
// (aggregate.hpp, window.hpp). Each has the same meaning on SQLite and PostgreSQL.
#pragma once

#include "ormc/expr/case_when.hpp"           // IWYU pragma: export
#include "ormc/expr/cast.hpp"                // IWYU pragma: export
#include "ormc/expr/datetime_functions.hpp"  // IWYU pragma: export
#include "ormc/expr/math_functions.hpp"      // IWYU pragma: export
#include "ormc/expr/null_functions.hpp"      // IWYU pragma: export
#include "ormc/expr/string_functions.hpp"    // IWYU pragma: export
