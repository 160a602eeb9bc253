// A delete with neither where() nor all_rows(), executed.
#include "ormc/connection.hpp"
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

std::int64_t run(ormc::Connection& conn) { return ormc::delete_from<Post>().execute(conn); }
