// An update that assigns a std::string to an int32 column.
#include <string>

#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto statement = ormc::update<User>().set(user::age, std::string("x")).where(user::id == 1);
