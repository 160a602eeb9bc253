// A std::optional value compared directly: NULL semantics would be surprising.
#include <optional>

#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

std::optional<int> min_age;
auto filter = user::age >= min_age;
