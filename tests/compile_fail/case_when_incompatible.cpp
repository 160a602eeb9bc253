// A CASE whose branches are an integer and a string.
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto label = ormc::case_when(user::is_active, user::age).else_(user::username);
