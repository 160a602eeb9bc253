// A label built at run time: the statement points at its label, so as() takes string
// literals only (a std::string would dangle once it is gone).
#include <string>

#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto q(const std::string& name) { return ormc::select(ormc::count(user::id).as(name)); }
