// PostgreSQL errors as ormc errors: the DatabaseError class of a SQLSTATE, its condition
// name, and the error of a failed PGresult or connection.
#pragma once

#include <string>
#include <string_view>

#include "detail/driver_error.hpp"

struct pg_conn;
struct pg_result;

namespace ormc::postgres {

//! Class 23 -> integrity; 40001 / 40P01 -> serialization; 08, 53, 57P0x, 57014, 58,
//! 25006 (read-only transaction) -> operational; 42, 26, 0A -> programming; 22 -> data;
//! empty (no SQLSTATE: the connection broke) -> operational.
[[nodiscard]] detail::ErrorClass classify(std::string_view sqlstate);

//! "unique_violation" for 23505; empty for codes without a name here.
[[nodiscard]] std::string condition_name(std::string_view sqlstate);

//! The error of `result` (may be null: then the connection's message) for `sql`. The
//! server's DETAIL is appended unless `redact` (it may quote row values: "Key (email)=...").
//! When the connection is lost (CONNECTION_BAD) the message says so and the error is
//! operational, whatever the SQLSTATE.
[[nodiscard]] detail::DriverError result_error(pg_conn* conn, const pg_result* result,
                                               std::string_view sql, bool redact = false);

//! An error ormc composed, with an optional SQLSTATE.
[[nodiscard]] detail::DriverError make_error(std::string sqlstate, std::string message,
                                             std::string_view sql = {});

}  // namespace ormc::postgres
