// An int32 column compared with a string literal.
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto filter = user::age > "x";
