// A second occurrence of a model needs an alias.
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto statement = ormc::select(user::username).select_from<User>().join<User>(user::id == user::id);
