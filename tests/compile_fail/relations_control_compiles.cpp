// The control for the relation cases: the same constructs, written right, compile
// warning-free (so the harness cannot pass by failing everything).
#include "ormc/session.hpp"
#include "relations.orm.hpp"

void f(ormc::Session& session, rel::Post& post, rel::User& user, rel::Tag& tag) {
  post.author = user;
  post.tags.push_back(tag);
  for (rel::Post& p : user.posts) (void)p.title.size();
  (void)session.query<rel::User>()
      .load(ormc::selectin(rel::user::posts).then(ormc::selectin(rel::post::comments)),
            ormc::raise(rel::user::notes))
      .all();
}
