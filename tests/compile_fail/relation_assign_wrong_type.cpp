// post.author is a User: a Tag cannot be assigned to it.
#include "ormc/session.hpp"
#include "relations.orm.hpp"

void f(rel::Post& post, rel::Tag& tag) { post.author = tag; }
