// cast<std::string> of a double: SQLite and PostgreSQL print doubles differently.
#include <string>

#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto text = ormc::cast<std::string>(user::score);
