// The PostgreSQL connection factory for the engine's pool, and the URL options it reads.
#include "postgres/pg_source.hpp"

#include "postgres/pg_connection.hpp"

namespace ormc::postgres {

pool::Factory connection_factory(detail::EngineState& state) {
  return [&state]() -> std::unique_ptr<detail::DriverConnection> {
    return std::make_unique<PgConnection>(state.url, state.options);
  };
}

bool is_driver_option(std::string_view name) {
  static constexpr std::string_view names[] = {"sslmode",           "sslrootcert",
                                               "sslcert",           "sslkey",
                                               "sslpassword",       "application_name",
                                               "connect_timeout",   "target_session_attrs",
                                               "gssencmode",        "keepalives",
                                               "keepalives_idle",   "keepalives_interval",
                                               "keepalives_count",  "tcp_user_timeout",
                                               "channel_binding",   "passfile",
                                               "service",           "options",
                                               "statement_timeout", "host",
                                               "hostaddr",          "port"};
  for (const std::string_view n : names) {
    if (n == name) return true;
  }
  return false;
}

}  // namespace ormc::postgres
