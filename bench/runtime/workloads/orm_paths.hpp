// The ORM's side of the workloads W1-W8: each function is one timed run through the
// Session or Core, counting the statements the engine executed (EngineStats).
#pragma once

#include <cstdint>
#include <vector>

#include "ormc/engine.hpp"
#include "workload.hpp"

namespace wl_bench::orm {

//! W1: Session add() x N + commit(). rows/checksum are left to the caller's check.
Outcome session_insert(ormc::Engine& engine, const std::vector<User>& users);
//! W1: Core insert<User>().values(users).execute(conn).
Outcome core_insert(ormc::Engine& engine, const std::vector<User>& users);
//! W1 through the Session with SessionOptions::copy_threshold = 0: an INSERT per object.
Outcome session_insert_without_copy(ormc::Engine& engine, const std::vector<User>& users);
//! W1 through Core's COPY (PostgreSQL): insert<User>().values(users).copy(conn).
Outcome core_copy(ormc::Engine& engine, const std::vector<User>& users);
//! W2: a fresh Session, get<User>(id) of every id in order (each a miss: one SELECT).
Outcome session_get(ormc::Engine& engine, const std::vector<std::int64_t>& ids);
//! W3: a fresh Session, query<User>() where age > 30 order by id.
Outcome session_query(ormc::Engine& engine);
//! W3: Core select<User>() where age > 30 order by id, into a std::vector<User>.
Outcome core_select(ormc::Engine& engine);
//! W4: a fresh Session, query<User>() where id <= n order by id, then each user's posts
//! read lazily (`for (Post& p : user.posts)`): one SELECT per user.
Outcome session_posts_lazy(ormc::Engine& engine, std::int64_t n);
//! W4: the same query with .load(ormc::selectin(wl::user::posts)): the posts of 500 users
//! per SELECT.
Outcome session_posts_selectin(ormc::Engine& engine, std::int64_t n);
//! W4: the same query with .load(ormc::joined(wl::user::posts)): users LEFT OUTER JOIN posts
//! in one SELECT, each user once in the result.
Outcome session_posts_joined(ormc::Engine& engine, std::int64_t n);
//! W5: a Session loads the users with id <= n, adds 1 to each one's age, commits. The
//! checksum leaves the age out (it changes from run to run).
Outcome session_update(ormc::Engine& engine, std::int64_t n);
//! W6: Core select(age, count(*), avg(id)) group by age, into typed tuples.
Outcome core_group_by(ormc::Engine& engine);
//! W7: Core select(comment, post, user columns).select_from<Comment>().join<Post>()
//! .join<User>() where age > 30 order by comment id, into typed tuples.
Outcome core_join(ormc::Engine& engine);
//! W8: Core select(id, row_number().over(...), sum(age).over(...)) where age > 30 order by
//! id, into typed tuples.
Outcome core_window(ormc::Engine& engine);

}  // namespace wl_bench::orm
