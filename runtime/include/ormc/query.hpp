// The typed Core statements: select, insert (and upsert), update, delete, and their
// execution on a Connection. Includes the expression layer (ormc/expr.hpp).
#pragma once

#include "ormc/expr.hpp"                 // IWYU pragma: export
#include "ormc/query/delete.hpp"         // IWYU pragma: export
#include "ormc/query/execute.hpp"        // IWYU pragma: export
#include "ormc/query/insert.hpp"         // IWYU pragma: export
#include "ormc/query/into.hpp"           // IWYU pragma: export
#include "ormc/query/select.hpp"         // IWYU pragma: export
#include "ormc/query/set_operation.hpp"  // IWYU pragma: export
#include "ormc/query/subquery.hpp"       // IWYU pragma: export
#include "ormc/query/update.hpp"         // IWYU pragma: export
#include "ormc/query/upsert.hpp"         // IWYU pragma: export

// where(user::posts.any(...)), post::author.has(...)
#include "ormc/query/relation_exists.hpp"  // IWYU pragma: export
