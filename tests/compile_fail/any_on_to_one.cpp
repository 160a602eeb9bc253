// any() is for collections; a to-one relation says has().
#include "ormc/query.hpp"
#include "relations.orm.hpp"

void f(ormc::Connection& conn) {
  (void)ormc::select(rel::post::title).where(rel::post::author.any()).all(conn);
}
