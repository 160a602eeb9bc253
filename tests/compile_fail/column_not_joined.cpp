// A column of a model that is neither the FROM model nor joined.
#include "ormc/connection.hpp"
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

void run(ormc::Connection& conn) {
  (void)ormc::select(user::username, post::title).select_from<User>().all(conn);
}
