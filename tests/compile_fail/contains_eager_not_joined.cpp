// contains_eager reads the relation from the query's own join: without join(post::author)
// there are no author columns to read.
#include "ormc/session.hpp"
#include "relations.orm.hpp"

void f(ormc::Session& session) {
  (void)session.query<rel::Post>().load(ormc::contains_eager(rel::post::author)).all();
}
