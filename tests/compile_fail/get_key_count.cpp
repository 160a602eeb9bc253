// Session::get<User>() with two key values for a one-column primary key.
#include <cstdint>

#include "ormc/session.hpp"
#include "test_model.hpp"

testdb::User* run(ormc::Session& session) {
  return session.get<testdb::User>(std::int64_t{1}, std::int64_t{2});
}
