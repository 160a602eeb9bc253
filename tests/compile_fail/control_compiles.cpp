// The control: everything the compile-fail snippets get wrong, done right. It must
// compile, so that the harness cannot pass by failing every snippet.
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "ormc/connection.hpp"
#include "ormc/query.hpp"
#include "ormc/session.hpp"
#include "test_model.hpp"

using namespace testdb;

void run(ormc::Connection& conn) {
  auto filter = user::age > 3 && user::username.like("a%") && user::role == Role::admin &&
                post::author_id == user::id && post::views == 2 && user::id.in_({1, 2}) &&
                user::score > 2.5 && !user::is_active && user::age.is_null();
  (void)filter;
  std::optional<int> min_age = 3;
  auto with_value = user::age >= *min_age;
  (void)with_value;
  (void)ormc::update<User>().set(user::age, 30).where(user::id == 1).execute(conn);
  (void)ormc::update<User>().set(user::is_active, false).all_rows().execute(conn);
  (void)ormc::delete_from<Post>().all_rows().execute(conn);
  (void)ormc::set(user::age, std::nullopt);
  std::vector<std::tuple<Role, std::int64_t>> rows =
      ormc::select(user::role, ormc::count(user::id)).group_by(user::role).all(conn);
  (void)rows;
  (void)ormc::select<User>().where(user::age > 10).all(conn);
  (void)ormc::select(ormc::sum(post::views)).scalar(conn);
  (void)ormc::insert<User>().values(User{}).on_conflict(user::email).do_update(user::username);
  // Joins, subqueries and set operations done right.
  std::vector<std::tuple<std::string, std::optional<std::string>>> joined =
      ormc::select(user::username, post::title)
          .select_from<User>()
          .left_join<Post>(post::author_id == user::id)
          .where(user::username.in_(ormc::select(user::email)))
          .all(conn);
  (void)joined;
  constexpr auto other = ormc::alias<User, "other">;
  (void)ormc::select(user::username, other(user::username))
      .select_from<User>()
      .join(other, other(user::id) == user::id)
      .all(conn);
  (void)ormc::union_(ormc::select(user::username), ormc::select(user::email)).all(conn);
  auto chain = ormc::recursive_cte<"chain">(ormc::select(user::id, user::username));
  chain = chain.union_all(ormc::select(user::id, user::username)
                              .select_from<User>()
                              .join(chain, user::id == chain.col<0>()));
  (void)ormc::select(chain.col<1>()).select_from(chain).all(conn);
}

// Session::get with keys of the column's type, or converting to it without narrowing.
void get(ormc::Session& session) {
  (void)session.get<User>(std::int64_t{1});
  (void)session.get<User>(1);
  (void)session.get<Post>(std::int32_t{2});
}
