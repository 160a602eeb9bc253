// A window function in group_by().
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto running = ormc::sum(user::age).over(ormc::window().order_by(user::id));
auto q = ormc::select(running, ormc::count(user::id)).select_from<User>().group_by(running);
