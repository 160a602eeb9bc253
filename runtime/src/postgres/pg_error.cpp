// Mapping PostgreSQL's SQLSTATEs to ormc's error classes.
#include "postgres/pg_error.hpp"

#include <array>
#include <string_view>
#include <utility>

#include <libpq-fe.h>

namespace ormc::postgres {
namespace {

std::string trimmed(const char* text) {
  std::string s = text == nullptr ? std::string() : std::string(text);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

}  // namespace

detail::ErrorClass classify(std::string_view sqlstate) {
  using detail::ErrorClass;
  if (sqlstate.size() != 5) return ErrorClass::operational;  // no SQLSTATE: connection trouble
  const std::string_view cls = sqlstate.substr(0, 2);
  if (cls == "23" || sqlstate == "40002") return ErrorClass::integrity;
  if (sqlstate == "40001" || sqlstate == "40P01") return ErrorClass::serialization;
  if (cls == "08" || cls == "53" || cls == "58" || cls == "57" || cls == "40" ||
      sqlstate == "25006" || sqlstate == "55P03") {
    return ErrorClass::operational;
  }
  if (cls == "42" || cls == "26" || cls == "0A" || cls == "34" || cls == "3F") {
    return ErrorClass::programming;
  }
  if (cls == "22") return ErrorClass::data;
  return ErrorClass::other;
}

std::string condition_name(std::string_view sqlstate) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 34> names{{
      {"23000", "integrity_constraint_violation"},
      {"23502", "not_null_violation"},
      {"23503", "foreign_key_violation"},
      {"23505", "unique_violation"},
      {"23514", "check_violation"},
      {"23P01", "exclusion_violation"},
      {"40001", "serialization_failure"},
      {"40P01", "deadlock_detected"},
      {"40002", "transaction_integrity_constraint_violation"},
      {"08000", "connection_exception"},
      {"08003", "connection_does_not_exist"},
      {"08006", "connection_failure"},
      {"08001", "sqlclient_unable_to_establish_sqlconnection"},
      {"08004", "sqlserver_rejected_establishment_of_sqlconnection"},
      {"57014", "query_canceled"},
      {"57P01", "admin_shutdown"},
      {"57P02", "crash_shutdown"},
      {"57P03", "cannot_connect_now"},
      {"55P03", "lock_not_available"},
      {"53300", "too_many_connections"},
      {"25006", "read_only_sql_transaction"},
      {"25P02", "in_failed_sql_transaction"},
      {"42601", "syntax_error"},
      {"42501", "insufficient_privilege"},
      {"42P01", "undefined_table"},
      {"42703", "undefined_column"},
      {"42883", "undefined_function"},
      {"42804", "datatype_mismatch"},
      {"42P07", "duplicate_table"},
      {"0A000", "feature_not_supported"},
      {"22001", "string_data_right_truncation"},
      {"22003", "numeric_value_out_of_range"},
      {"22P02", "invalid_text_representation"},
      {"22007", "invalid_datetime_format"},
  }};
  for (const auto& [code, name] : names) {
    if (code == sqlstate) return std::string(name);
  }
  return {};
}

detail::DriverError make_error(std::string sqlstate, std::string message, std::string_view sql) {
  detail::DriverError error;
  error.kind = classify(sqlstate);
  error.info.backend = "postgresql";
  error.info.code_name = condition_name(sqlstate);
  error.info.sqlstate = std::move(sqlstate);
  error.info.driver_message = std::move(message);
  error.info.sql = std::string(sql);
  return error;
}

namespace {

// A data exception's primary message quotes the value it could not take (invalid input
// syntax for type integer: "abc"; invalid input value for enum role: "root"), where other
// classes quote only names (relations, constraints). With redact_values, every quoted span
// of a class 22 message goes.
std::string without_quoted_values(std::string_view message) {
  std::string out;
  out.reserve(message.size());
  std::size_t i = 0;
  while (i < message.size()) {
    const std::size_t open = message.find('"', i);
    const std::size_t close = open == std::string_view::npos ? open : message.find('"', open + 1);
    if (close == std::string_view::npos) {
      out.append(message.substr(i));
      break;
    }
    out.append(message.substr(i, open - i));
    out += "\"<redacted>\"";
    i = close + 1;
  }
  return out;
}

}  // namespace

detail::DriverError result_error(pg_conn* conn, const pg_result* result, std::string_view sql,
                                 bool redact) {
  std::string sqlstate;
  std::string message;
  if (result != nullptr) {
    if (const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE)) sqlstate = state;
    const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
    if (primary != nullptr) {
      message = redact && sqlstate.starts_with("22") ? without_quoted_values(primary) : primary;
      const char* detail = redact ? nullptr : PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL);
      if (detail != nullptr) {
        message += " (";
        message += detail;
        message += ")";
      }
    } else {
      message = trimmed(PQresultErrorMessage(result));
    }
  }
  if (message.empty()) message = trimmed(PQerrorMessage(conn));
  if (message.empty()) message = "the PostgreSQL connection failed";
  // Also after a FATAL with a SQLSTATE (57P01 when the server shuts down or the backend is
  // terminated, 25P03 for an idle transaction's timeout): the caller must learn that the
  // connection, not just the statement, is gone, and get an OperationalError for it.
  // A FATAL (or PANIC) error always ends the server's session, even when libpq has not read
  // the end of the connection yet (in a pipeline, the results after it are still unread).
  const char* severity =
      result != nullptr ? PQresultErrorField(result, PG_DIAG_SEVERITY_NONLOCALIZED) : nullptr;
  const bool fatal = severity != nullptr && (std::string_view(severity) == "FATAL" ||
                                             std::string_view(severity) == "PANIC");
  const bool lost = fatal || (conn != nullptr && PQstatus(conn) == CONNECTION_BAD);
  if (lost) message = "the connection to the PostgreSQL server was lost: " + message;
  detail::DriverError error = make_error(std::move(sqlstate), std::move(message), sql);
  if (lost) error.kind = detail::ErrorClass::operational;
  return error;
}

}  // namespace ormc::postgres
