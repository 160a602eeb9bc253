// The ORM's side of the workloads (orm_paths.hpp).
#include "orm_paths.hpp"

#include <tuple>

#include "ormc/query.hpp"
#include "ormc/session.hpp"

namespace wl_bench::orm {

namespace {

//! Times `body` and counts the statements it had the engine execute.
template <typename Body>
Outcome timed(ormc::Engine& engine, Body&& body) {
  engine.reset_stats();
  Outcome outcome;
  const auto start = Clock::now();
  body(outcome);
  outcome.seconds = seconds_since(start);
  outcome.statements = engine.stats().statements;
  return outcome;
}

//! A window sum read as the column type it is (optional when the ORM says it may be NULL).
template <typename T>
std::int64_t integer_of(const T& value) {
  if constexpr (requires { value.has_value(); }) {
    return static_cast<std::int64_t>(value.value_or(0));
  } else {
    return static_cast<std::int64_t>(value);
  }
}

}  // namespace

Outcome session_insert(ormc::Engine& engine, const std::vector<User>& users) {
  return timed(engine, [&](Outcome&) {
    ormc::Session session(engine);
    for (const User& user : users) session.add(user);
    session.commit();
  });
}

Outcome session_insert_without_copy(ormc::Engine& engine, const std::vector<User>& users) {
  return timed(engine, [&](Outcome&) {
    ormc::SessionOptions options;
    options.copy_threshold = 0;  // an INSERT per object (pipelined on PostgreSQL)
    ormc::Session session(engine, options);
    for (const User& user : users) session.add(user);
    session.commit();
  });
}

Outcome core_copy(ormc::Engine& engine, const std::vector<User>& users) {
  return timed(engine, [&](Outcome&) {
    ormc::Connection conn = engine.connect();
    ormc::insert<User>().values(users).copy(conn);
  });
}

Outcome core_insert(ormc::Engine& engine, const std::vector<User>& users) {
  return timed(engine, [&](Outcome&) {
    ormc::Connection conn = engine.connect();
    ormc::insert<User>().values(users).execute(conn);
  });
}

Outcome session_get(ormc::Engine& engine, const std::vector<std::int64_t>& ids) {
  return timed(engine, [&](Outcome& outcome) {
    ormc::Session session(engine);
    for (const std::int64_t id : ids) {
      if (const auto* user = session.get<User>(id)) {
        ++outcome.rows;
        outcome.checksum += checksum(*user);
      }
    }
  });
}

Outcome session_query(ormc::Engine& engine) {
  return timed(engine, [&](Outcome& outcome) {
    ormc::Session session(engine);
    // auto: the Session's result type may change with its rewrite; the loop reads Users.
    const auto users =
        session.query<User>().where(wl::user::age > w3_min_age).order_by(wl::user::id).all();
    for (const User& user : users) outcome.checksum += checksum(user);
    outcome.rows = static_cast<std::int64_t>(users.size());
  });
}

Outcome core_select(ormc::Engine& engine) {
  return timed(engine, [&](Outcome& outcome) {
    ormc::Connection conn = engine.connect();
    const std::vector<User> users =
        ormc::select<User>().where(wl::user::age > w3_min_age).order_by(wl::user::id).all(conn);
    for (const User& user : users) outcome.checksum += checksum(user);
    outcome.rows = static_cast<std::int64_t>(users.size());
  });
}

namespace {

//! W4's sum over the users and the posts each one's collection holds; rows: the posts.
template <typename Users>
void sum_users_and_posts(Users& users, Outcome& outcome) {
  for (User& user : users) {
    outcome.checksum += checksum(user);
    for (wl::Post& post : user.posts) {
      outcome.checksum +=
          post_checksum(user.id, post.id, post.author_id, post.title, post.content, post.published);
      ++outcome.rows;
    }
  }
}

}  // namespace

Outcome session_posts_lazy(ormc::Engine& engine, std::int64_t n) {
  return timed(engine, [&](Outcome& outcome) {
    ormc::Session session(engine);
    auto users = session.query<User>().where(wl::user::id <= n).order_by(wl::user::id).all();
    sum_users_and_posts(users, outcome);
  });
}

Outcome session_posts_selectin(ormc::Engine& engine, std::int64_t n) {
  return timed(engine, [&](Outcome& outcome) {
    ormc::Session session(engine);
    auto users = session.query<User>()
                     .where(wl::user::id <= n)
                     .order_by(wl::user::id)
                     .load(ormc::selectin(wl::user::posts))
                     .all();
    sum_users_and_posts(users, outcome);
  });
}

Outcome session_posts_joined(ormc::Engine& engine, std::int64_t n) {
  return timed(engine, [&](Outcome& outcome) {
    ormc::Session session(engine);
    auto users = session.query<User>()
                     .where(wl::user::id <= n)
                     .order_by(wl::user::id)
                     .load(ormc::joined(wl::user::posts))
                     .all();
    sum_users_and_posts(users, outcome);
  });
}

Outcome session_update(ormc::Engine& engine, std::int64_t n) {
  return timed(engine, [&](Outcome& outcome) {
    ormc::Session session(engine);
    const auto users = session.query<User>().where(wl::user::id <= n).order_by(wl::user::id).all();
    for (User& user : users) {
      outcome.checksum += checksum_without_age(user);
      user.age += 1;
    }
    outcome.rows = static_cast<std::int64_t>(users.size());
    session.commit();
  });
}

Outcome core_group_by(ormc::Engine& engine) {
  return timed(engine, [&](Outcome& outcome) {
    ormc::Connection conn = engine.connect();
    const std::vector<std::tuple<std::int32_t, std::int64_t, std::optional<double>>> groups =
        ormc::select(wl::user::age, ormc::count_all(), ormc::avg(wl::user::id))
            .group_by(wl::user::age)
            .all(conn);
    for (const auto& [age, count, avg_id] : groups) {
      outcome.checksum += group_checksum(age, count, avg_id.value_or(0));
    }
    outcome.rows = static_cast<std::int64_t>(groups.size());
  });
}

Outcome core_join(ormc::Engine& engine) {
  return timed(engine, [&](Outcome& outcome) {
    ormc::Connection conn = engine.connect();
    const auto rows = ormc::select(wl::comment::id, wl::comment::body, wl::post::title,
                                   wl::user::username, wl::user::age)
                          .select_from<wl::Comment>()
                          .join<wl::Post>(wl::post::id == wl::comment::post_id)
                          .join<User>(wl::user::id == wl::post::author_id)
                          .where(wl::user::age > w7_min_age)
                          .order_by(wl::comment::id)
                          .all(conn);
    for (const auto& [id, body, title, username, age] : rows) {
      outcome.checksum += join_checksum(id, body, title, username, age);
    }
    outcome.rows = static_cast<std::int64_t>(rows.size());
  });
}

Outcome core_window(ormc::Engine& engine) {
  return timed(engine, [&](Outcome& outcome) {
    ormc::Connection conn = engine.connect();
    const auto rows =
        ormc::select(
            wl::user::id,
            ormc::row_number().over(ormc::partition_by(wl::user::age).order_by(wl::user::id)),
            ormc::sum(wl::user::age)
                .over(ormc::partition_by(wl::user::is_active).order_by(wl::user::id)))
            .where(wl::user::age > w7_min_age)
            .order_by(wl::user::id)
            .all(conn);
    for (const auto& [id, row_number, running] : rows) {
      outcome.checksum += window_checksum(id, integer_of(row_number), integer_of(running));
    }
    outcome.rows = static_cast<std::int64_t>(rows.size());
  });
}

}  // namespace wl_bench::orm
