// has() is for to-one relations; a collection says any().
#include "ormc/query.hpp"
#include "relations.orm.hpp"

void f(ormc::Connection& conn) {
  (void)ormc::select(rel::user::username).where(rel::user::posts.has()).all(conn);
}
