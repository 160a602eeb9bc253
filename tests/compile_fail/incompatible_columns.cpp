// Two columns of incompatible types (an integer and a string), of two models.
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

auto filter = user::age == post::title;
