// Helpers of the pool tests: fresh SQLite database files, and reaching a Connection's
// driver connection for the test hook that simulates a lost connection.
#pragma once

#include <string>
#include <string_view>

#include "ormc/connection.hpp"

namespace pool_test {

//! `sqlite:///<scratch>/<n>.db` plus `query` (without '?'); a new file name every call.
[[nodiscard]] std::string fresh_url(std::string_view query = {});

//! The directory of this run's database files, removed when the process exits.
[[nodiscard]] const std::string& scratch_directory();

//! Closes the sqlite3 handle under `conn`, as a server going away would; the connection
//! notices at its next statement (SqliteConnection::simulate_disconnect()).
void simulate_disconnect(ormc::Connection& conn);

//! An identity of the driver connection under `conn` (to tell handles apart).
[[nodiscard]] const void* driver_of(const ormc::Connection& conn);

}  // namespace pool_test
