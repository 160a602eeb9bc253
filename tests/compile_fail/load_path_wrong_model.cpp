// A loading path must follow relations end to start: user.posts leads to Post, and
// user.notes is not one of Post's relations.
#include "ormc/session.hpp"
#include "relations.orm.hpp"

void f(ormc::Session& session) {
  (void)session.query<rel::User>()
      .load(ormc::selectin(rel::user::posts).then(ormc::selectin(rel::user::notes)))
      .all();
}
