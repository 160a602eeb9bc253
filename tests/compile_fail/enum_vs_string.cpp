// An enum column compared with a string, not with the enum.
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto filter = user::role == "admin";
