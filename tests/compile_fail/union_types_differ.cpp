// A union of selects whose column types differ.
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto statement = ormc::union_(ormc::select(user::username), ormc::select(user::id));
