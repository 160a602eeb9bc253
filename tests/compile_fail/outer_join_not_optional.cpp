// The columns of a LEFT JOINed model may be missing: they come back as std::optional, so
// rows read as plain strings do not compile.
#include <string>
#include <tuple>
#include <vector>

#include "ormc/connection.hpp"
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

void run(ormc::Connection& conn) {
  std::vector<std::tuple<std::string, std::string>> rows =
      ormc::select(user::username, post::title)
          .select_from<User>()
          .left_join<Post>(post::author_id == user::id)
          .all(conn);
  (void)rows;
}
