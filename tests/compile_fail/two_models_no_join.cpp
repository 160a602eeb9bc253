// Two models and no join would be a cross join nobody asked for.
#include "ormc/connection.hpp"
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

void run(ormc::Connection& conn) {
  (void)ormc::select(user::username, post::title).where(post::author_id == user::id).all(conn);
}
