// COUNT(DISTINCT x) over a window, which neither database computes.
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto distinct = ormc::count_distinct(user::role).over(ormc::partition_by(user::is_active));
