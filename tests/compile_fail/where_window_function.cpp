// A window function filtered in where(), through its label: SQL computes windows after
// WHERE, so the top N per group is filtered in a subquery or CTE instead.
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto rn = ormc::row_number().over(ormc::partition_by(user::role).order_by(user::id)).as("rn");
auto q = ormc::select(user::id, rn).where(rn <= 3);
