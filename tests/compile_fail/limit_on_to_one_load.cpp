// A per-parent limit applies to collections: a post has one author.
#include "ormc/session.hpp"
#include "relations.orm.hpp"

void f(ormc::Session& session) {
  (void)session.query<rel::Post>().load(ormc::selectin(rel::post::author).limit(1)).all();
}
