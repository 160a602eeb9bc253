// A select of users filtered on a column of posts (not in its FROM clause).
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto statement = ormc::select<User>().where(post::views > 10);
