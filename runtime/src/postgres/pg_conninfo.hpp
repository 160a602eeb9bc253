// libpq keyword/value connection strings (`host=/run/postgresql dbname=app user=x`) as
// engine URLs: Engine::connect takes them as libpq does.
#pragma once

#include <string>
#include <string_view>

#include "ormc/url.hpp"

namespace ormc::postgres {

//! `text` parsed by libpq (PQconninfoParse) into a postgresql Url: user, password and
//! dbname become its parts, every other keyword (host, port, sslmode, ...) a query option
//! that the driver passes back to libpq. Throws ArgumentError with libpq's reason for text
//! that is not a valid conninfo string (the password, if any, hidden).
[[nodiscard]] Url parse_conninfo(std::string_view text);

//! `text` with the value of a `password=` keyword replaced by "***", for messages.
[[nodiscard]] std::string redact_conninfo(std::string_view text);

}  // namespace ormc::postgres
