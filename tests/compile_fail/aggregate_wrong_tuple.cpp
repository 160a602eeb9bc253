// Rows of (Role, count) read into (std::string, count) tuples.
#include <cstdint>
#include <string>
#include <tuple>
#include <vector>

#include "ormc/connection.hpp"
#include "ormc/query.hpp"
#include "test_model.hpp"

using namespace testdb;

void run(ormc::Connection& conn) {
  std::vector<std::tuple<std::string, std::int64_t>> rows =
      ormc::select(user::role, ormc::count(user::id)).group_by(user::role).all(conn);
  (void)rows;
}
