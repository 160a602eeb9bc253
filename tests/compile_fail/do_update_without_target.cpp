// ON CONFLICT DO UPDATE without a conflict target.
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto statement = ormc::insert<User>().values(User{}).on_conflict().do_update(user::username);
