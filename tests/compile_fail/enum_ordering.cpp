// < on an enum column: enums are stored as names, so they are not ordered.
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto filter = user::role < Role::reader;
