// row_number() selected without over().
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto q = ormc::select(user::id, ormc::row_number());
