// What a runtime built with ORMC_WITH_POSTGRESQL=OFF has in place of src/postgres/: every
// way into the PostgreSQL backend refuses, with an error that says how to get it.
#include "postgres/pg_source.hpp"

#include <string>

#include "ormc/error.hpp"
#include "postgres/pg_conninfo.hpp"

namespace ormc::postgres {
namespace {

[[noreturn]] void throw_not_built(const std::string& what) {
  throw ArgumentError(what +
                      ": this ormc runtime was built without PostgreSQL "
                      "(ORMC_WITH_POSTGRESQL=OFF); rebuild ormc with "
                      "-DORMC_WITH_POSTGRESQL=ON (it needs libpq) to connect to PostgreSQL");
}

}  // namespace

// A string that is not a URL is taken for a libpq conninfo string: PostgreSQL's.
// Its text is not repeated: it may hold a password.
Url parse_conninfo(std::string_view /*text*/) {
  throw_not_built("an engine string that is not a URL (a libpq conninfo string)");
}

pool::Factory connection_factory(detail::EngineState& state) {
  throw_not_built("engine URL '" + state.url.str() + "'");
}

// Reached first when a postgresql:// URL has options: refuse there too, rather than call
// a PostgreSQL option unknown.
bool is_driver_option(std::string_view name) {
  throw_not_built("engine URL option '" + std::string(name) + "' of a postgresql:// URL");
}

}  // namespace ormc::postgres
