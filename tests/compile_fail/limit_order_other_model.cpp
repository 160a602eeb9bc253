// The per-parent order is over the related rows: user.posts is ordered by Post's columns.
#include "ormc/session.hpp"
#include "relations.orm.hpp"

void f(ormc::Session& session) {
  (void)session.query<rel::User>()
      .load(ormc::selectin(rel::user::posts).order_by(rel::user::id.desc()).limit(3))
      .all();
}
