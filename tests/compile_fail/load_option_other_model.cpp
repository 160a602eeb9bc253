// A loading option must name a relation of the queried model: comments are Post's.
#include "ormc/session.hpp"
#include "relations.orm.hpp"

void f(ormc::Session& session) {
  (void)session.query<rel::User>().load(ormc::selectin(rel::post::comments)).all();
}
