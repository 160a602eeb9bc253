// Session::get<User>() with a key that converts to the int64 key column only by narrowing
// (an unsigned 64-bit value).
#include <cstdint>

#include "ormc/session.hpp"
#include "test_model.hpp"

testdb::User* run(ormc::Session& session, std::uint64_t id) {
  return session.get<testdb::User>(id);
}
