// has(condition) reads the related object only: post.author leads to User, and a Tag's
// column is not one of its.
#include "ormc/session.hpp"
#include "relations.orm.hpp"

void f(ormc::Session& session) {
  (void)session.query<rel::Post>().where(rel::post::author.has(rel::tag::name == "cpp")).all();
}
