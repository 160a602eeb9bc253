// any(condition) filters the related rows inside an EXISTS: the condition may read only
// the relation's target (Post), not the user it starts from.
#include "ormc/query.hpp"
#include "relations.orm.hpp"

void f(ormc::Connection& conn) {
  (void)ormc::select(rel::user::username)
      .where(rel::user::posts.any(rel::user::username == "alice"))
      .all(conn);
}
