// A failure reported by a driver, before it becomes a DatabaseError: the backends classify
// their codes; the statement layer adds the SQL and the bound values and throws.
#pragma once

#include "ormc/error.hpp"

namespace ormc::detail {

enum class ErrorClass { integrity, operational, serialization, programming, data, other };

struct DriverError {
  ErrorClass kind = ErrorClass::other;
  DatabaseErrorInfo info;
};

//! Throws the DatabaseError subclass of error.kind.
[[noreturn]] void throw_database_error(DriverError error);

}  // namespace ormc::detail
