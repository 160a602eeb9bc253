// sum() of a string column.
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto total = ormc::sum(user::username);
