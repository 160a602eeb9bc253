// NULL assigned to a NOT NULL column.
#include <optional>

#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto assignment = ormc::set(user::username, std::nullopt);
