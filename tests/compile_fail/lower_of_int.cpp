// lower() of an integer column.
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto lowered = ormc::lower(user::age);
