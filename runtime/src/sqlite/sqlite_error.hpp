// SQLite result codes as ormc errors: which DatabaseError class an extended code is, and
// its symbolic name for messages.
#pragma once

#include <string>
#include <string_view>

#include "detail/driver_error.hpp"

struct sqlite3;

namespace ormc::sqlite {

//! SQLITE_CONSTRAINT_* -> integrity; CANTOPEN, BUSY, LOCKED, FULL, IOERR, ... ->
//! operational; SQLITE_ERROR (syntax, no such table) -> programming; TOOBIG, RANGE,
//! MISMATCH -> data.
[[nodiscard]] detail::ErrorClass classify(int extended_code);

//! "SQLITE_CONSTRAINT_UNIQUE" for 2067; "SQLITE_<primary>" for codes without a name here.
[[nodiscard]] std::string code_name(int extended_code);

//! The error `db` reports now (sqlite3_extended_errcode, sqlite3_errmsg), for `sql`.
[[nodiscard]] detail::DriverError last_error(sqlite3* db, std::string_view sql);

//! An error with a code and message ormc chose (a handle that could not be opened).
[[nodiscard]] detail::DriverError make_error(int extended_code, std::string message,
                                             std::string_view sql = {});

}  // namespace ormc::sqlite
