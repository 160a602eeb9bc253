// The control for any() / has(), contains_eager and per-parent limits: the same constructs,
// written right, compile warning-free (so the harness cannot pass by failing everything).
#include "ormc/query.hpp"
#include "ormc/session.hpp"
#include "relations.orm.hpp"

void f(ormc::Connection& conn, ormc::Session& session) {
  (void)ormc::select(rel::user::username)
      .where(rel::user::posts.any(rel::post::title == "x") && !rel::user::profile.has())
      .all(conn);
  (void)session.query<rel::Post>().where(rel::post::author.has(rel::user::username == "a")).all();
  (void)session.query<rel::Post>()
      .join(rel::post::author)
      .where(rel::user::username == "a")
      .load(ormc::contains_eager(rel::post::author))
      .all();
  (void)session.query<rel::User>()
      .load(ormc::selectin(rel::user::posts).order_by(rel::post::id.desc()).limit(3))
      .all();
}
