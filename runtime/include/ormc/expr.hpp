// The typed expression layer: operators on column descriptors and expressions, aggregates,
// Condition, typed assignments, and the SqlWriter that renders them.
#pragma once

#include "ormc/expr/aggregate.hpp"   // IWYU pragma: export
#include "ormc/expr/arithmetic.hpp"  // IWYU pragma: export
#include "ormc/expr/assignment.hpp"  // IWYU pragma: export
#include "ormc/expr/between.hpp"     // IWYU pragma: export
#include "ormc/expr/comparison.hpp"  // IWYU pragma: export
#include "ormc/expr/condition.hpp"   // IWYU pragma: export
#include "ormc/expr/expression.hpp"  // IWYU pragma: export
#include "ormc/expr/functions.hpp"   // IWYU pragma: export
#include "ormc/expr/in.hpp"          // IWYU pragma: export
#include "ormc/expr/label.hpp"       // IWYU pragma: export
#include "ormc/expr/like.hpp"        // IWYU pragma: export
#include "ormc/expr/literal.hpp"     // IWYU pragma: export
#include "ormc/expr/logical.hpp"     // IWYU pragma: export
#include "ormc/expr/null_test.hpp"   // IWYU pragma: export
#include "ormc/expr/order.hpp"       // IWYU pragma: export
#include "ormc/expr/sql_writer.hpp"  // IWYU pragma: export
