// A window function in having(), combined with another condition: still refused.
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto q = ormc::select(user::role, ormc::count(user::id))
             .group_by(user::role)
             .having(ormc::count(user::id) > 1 &&
                     ormc::rank().over(ormc::window().order_by(ormc::count(user::id).desc())) == 1);
