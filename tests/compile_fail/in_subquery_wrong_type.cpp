// in_(subquery) whose column cannot be compared with the tested one.
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto condition = user::username.in_(ormc::select(post::id));
