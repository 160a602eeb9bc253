// A double compared with an integer column (it would be rounded or compared inexactly).
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto filter = post::views == 2.5;
