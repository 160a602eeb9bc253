// Session::get<User>() with a key of the wrong type (text for an int64 key column).
#include <string>

#include "ormc/session.hpp"
#include "test_model.hpp"

testdb::User* run(ormc::Session& session) { return session.get<testdb::User>(std::string("5")); }
