// round() of a string column.
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto rounded = ormc::round(user::username, 2);
