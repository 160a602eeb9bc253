// sum() of a string column over a window.
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto running = ormc::sum(user::username).over(ormc::window().order_by(user::id));
