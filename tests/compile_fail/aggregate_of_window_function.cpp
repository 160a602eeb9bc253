// An aggregate of a window function: SQL computes windows after aggregates.
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto total = ormc::max(ormc::dense_rank().over(ormc::partition_by(user::role).order_by(user::age)));
