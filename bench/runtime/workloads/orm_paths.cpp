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

}  // namespace wl_bench::orm
