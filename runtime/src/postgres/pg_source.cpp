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
  // libpq's connection keywords but user, password, dbname (the URL's own parts),
  // client_encoding (ormc sets UTF8) and replication; plus statement_timeout.
  static constexpr std::string_view names[] = {"host",
                                               "hostaddr",
                                               "port",
                                               "passfile",
                                               "channel_binding",
                                               "connect_timeout",
                                               "options",
                                               "application_name",
                                               "fallback_application_name",
                                               "keepalives",
                                               "keepalives_idle",
                                               "keepalives_interval",
                                               "keepalives_count",
                                               "tcp_user_timeout",
                                               "sslmode",
                                               "sslnegotiation",
                                               "sslcompression",
                                               "sslcert",
                                               "sslkey",
                                               "sslcertmode",
                                               "sslpassword",
                                               "sslrootcert",
                                               "sslcrl",
                                               "sslcrldir",
                                               "sslsni",
                                               "requirepeer",
                                               "require_auth",
                                               "ssl_min_protocol_version",
                                               "ssl_max_protocol_version",
                                               "gssencmode",
                                               "krbsrvname",
                                               "gsslib",
                                               "gssdelegation",
                                               "service",
                                               "target_session_attrs",
                                               "load_balance_hosts",
                                               "statement_timeout"};
  for (const std::string_view n : names) {
    if (n == name) return true;
  }
  return false;
}

}  // namespace ormc::postgres
