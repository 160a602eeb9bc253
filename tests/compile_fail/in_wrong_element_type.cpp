// in_() with strings on an integer column.
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto filter = user::id.in_({"1", "2"});
