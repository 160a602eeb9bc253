// && on an integer column.
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto filter = user::age && user::is_active;
