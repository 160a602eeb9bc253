// One PGconn: connecting with ormc's options, running SQL, preparing and executing
// statements.
#include "postgres/pg_connection.hpp"

#include <charconv>
#include <cstdlib>
#include <string>
#include <utility>

#include <libpq-fe.h>

#include "ormc/error.hpp"
#include "postgres/binary_format.hpp"
#include "postgres/pg_error.hpp"
#include "postgres/pg_source.hpp"

namespace ormc::postgres {
namespace {

// Which host a failed connection was for, for its message: the URL's, else PGHOST, else
// libpq's default unix socket directory.
std::string describe_target(const Url& url) {
  std::string host = url.host;
  if (auto option = url.option("host"); host.empty() && option) host = std::string(*option);
  if (host.empty()) {
    const char* env = std::getenv("PGHOST");
    host = env != nullptr && *env != '\0' ? std::string(env) + " (from PGHOST)"
                                          : std::string("the default unix socket");
  }
  std::string text = "host " + host;
  if (url.port) {
    text += " port " + std::to_string(*url.port);
  } else if (auto option = url.option("port")) {
    text += " port " + std::string(*option);
  } else if (const char* env = std::getenv("PGPORT"); env != nullptr && *env != '\0') {
    text += " port " + std::string(env);
  }
  if (!url.database.empty()) text += ", database '" + url.database + "'";
  if (!url.user.empty()) text += ", user '" + url.user + "'";
  return text;
}

std::string trimmed(const char* text) {
  std::string s = text == nullptr ? std::string() : std::string(text);
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  // libpq separates the attempts on several addresses with newlines.
  std::string out;
  for (const char c : s) {
    if (c == '\n') {
      out += ' ';
    } else if (c != '\t') {
      out += c;
    }
  }
  return out;
}

std::string replace_all(std::string text, std::string_view what, std::string_view with) {
  if (what.empty()) return text;
  for (std::size_t at = text.find(what); at != std::string::npos;
       at = text.find(what, at + with.size())) {
    text.replace(at, what.size(), with);
  }
  return text;
}

void discard_notice(void* /*arg*/, const char* /*message*/) {}

std::int64_t parse_count(const char* text) {
  std::int64_t n = 0;
  if (text == nullptr) return 0;
  const std::string_view s(text);
  (void)std::from_chars(s.data(), s.data() + s.size(), n);
  return n;
}

// Whether the server refused to run a prepared statement because what it was prepared
// against changed: a type it binds was dropped ("cache lookup failed for type", XX000: a
// re-created enum has a new OID), a table's columns changed ("cached plan must not change
// result type", 0A000), or the server forgot the statement (26000, after DISCARD ALL).
// Preparing the same SQL again fixes each.
bool invalid_statement(const detail::DriverError& error) {
  const std::string& state = error.info.sqlstate;
  const std::string& message = error.info.driver_message;
  return (state == "XX000" && message.find("cache lookup failed") != std::string::npos) ||
         (state == "0A000" && message.find("cached plan") != std::string::npos) || state == "26000";
}

}  // namespace

// ---------------------------------------------------------------------------------------
// PgStatement

PgStatement::PgStatement(std::string sql, PgConnection& connection, std::string name,
                         pg_result* description)
    : PreparedStatement(std::move(sql)),
      connection_(connection),
      name_(std::move(name)),
      description_(description) {
  const auto n = static_cast<std::size_t>(PQnparams(description_));
  values_.resize(n);
  null_.assign(n, 1);
  pointers_.assign(n, nullptr);
  choose_format();
}

void PgStatement::choose_format() {
  const int columns = PQnfields(description_);
  types_.resize(static_cast<std::size_t>(columns));
  binary_ = columns > 0;
  for (int i = 0; i < columns; ++i) {
    const unsigned type = PQftype(description_, i);
    types_[static_cast<std::size_t>(i)] = type;
    binary_ = binary_ && reads_binary(type);
  }
}

PgStatement::~PgStatement() {
  if (result_ != nullptr) PQclear(result_);
  PQclear(description_);
  connection_.deallocate(name_);
}

std::size_t PgStatement::parameter_count() const { return values_.size(); }

int PgStatement::column_count() const {
  return result_ != nullptr ? PQnfields(result_) : PQnfields(description_);
}

std::string_view PgStatement::column_name(int column) const {
  const char* name = PQfname(result_ != nullptr ? result_ : description_, column);
  return name == nullptr ? std::string_view() : std::string_view(name);
}

std::string& PgStatement::param(int index) {
  const auto i = static_cast<std::size_t>(index - 1);
  null_[i] = 0;
  return values_[i];
}

void PgStatement::set_null(int index) { null_[static_cast<std::size_t>(index - 1)] = 1; }

bool PgStatement::is_null(int column) const {
  return result_ == nullptr || row_ < 0 || row_ >= rows_ || PQgetisnull(result_, row_, column) != 0;
}

std::string_view PgStatement::text(int column) const {
  const char* value = PQgetvalue(result_, row_, column);
  const std::string_view data(value, static_cast<std::size_t>(PQgetlength(result_, row_, column)));
  const unsigned type = column_type(column);
  if (!binary_ || is_text_type(type)) return data;
  converted_.clear();
  binary_to_text(type, data, converted_);
  return converted_;
}

const char* PgStatement::raw(int column) const { return PQgetvalue(result_, row_, column); }

void PgStatement::point_at_values() {
  for (std::size_t i = 0; i < values_.size(); ++i) {
    pointers_[i] = null_[i] != 0 ? nullptr : values_[i].c_str();
  }
}

bool PgStatement::execute_once() {
  point_at_values();
  return take(PQexecPrepared(connection_.native(), name_.c_str(), static_cast<int>(values_.size()),
                             pointers_.data(), nullptr, nullptr, binary_ ? 1 : 0));
}

bool PgStatement::take(PGresult* result) {
  result_ = result;
  const ExecStatusType status = result_ != nullptr ? PQresultStatus(result_) : PGRES_FATAL_ERROR;
  if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) return true;
  error_ = result_error(connection_.native(), result_, sql(), connection_.redact());
  if (result_ != nullptr) PQclear(result_);
  result_ = nullptr;
  if (invalid_statement(error_)) stale = true;
  return false;
}

bool PgStatement::replan() {
  // Only outside a transaction: there the failed execution was a transaction of its own,
  // rolled back whole, so running it again cannot run anything twice. Inside one the
  // failure has aborted the caller's transaction (nothing more can run before its
  // ROLLBACK), and in a pipeline (run_batch, which never calls this) the executions sent
  // after this one have been aborted too: both report the error, and `stale` makes the
  // cache drop the statement, so the next prepare() of the same SQL prepares it afresh.
  if (!invalid_statement(error_) || PQtransactionStatus(connection_.native()) != PQTRANS_IDLE) {
    return false;
  }
  PGconn* conn = connection_.native();
  PQclear(PQexec(conn, ("DEALLOCATE " + name_).c_str()));  // fails harmlessly after 26000
  PGresult* prepared = PQprepare(conn, name_.c_str(), sql().c_str(), 0, nullptr);
  const bool ok = prepared != nullptr && PQresultStatus(prepared) == PGRES_COMMAND_OK;
  PQclear(prepared);
  if (!ok) return false;
  PGresult* description = PQdescribePrepared(conn, name_.c_str());
  if (description == nullptr || PQresultStatus(description) != PGRES_COMMAND_OK ||
      PQnparams(description) != static_cast<int>(values_.size())) {
    PQclear(description);
    return false;
  }
  PQclear(description_);
  description_ = description;
  choose_format();
  stale = false;  // (a statement DDL retired stays retired: detail/statement_cache.cpp)
  return true;
}

detail::PreparedStatement::Step PgStatement::step() {
  if (!executed_) {
    executed_ = true;
    if (adopted_) {
      adopted_ = false;  // result_ is the pipeline's; an error was set by take()
      if (result_ == nullptr) return Step::error;
    } else if (!execute_once() && !(replan() && execute_once())) {
      return Step::error;
    }
    rows_ = PQntuples(result_);
    const std::string_view command(PQcmdStatus(result_));
    changes_ = command.starts_with("SELECT") ? 0 : parse_count(PQcmdTuples(result_));
    row_ = 0;
    return rows_ > 0 ? Step::row : Step::done;
  }
  if (row_ < rows_) ++row_;
  return row_ < rows_ ? Step::row : Step::done;
}

void PgStatement::reset() noexcept {
  if (result_ != nullptr) PQclear(result_);
  result_ = nullptr;
  executed_ = false;
  adopted_ = false;
  row_ = -1;
  rows_ = 0;
}

void PgStatement::clear_bindings() noexcept {
  for (auto& flag : null_) flag = 1;
}

// ---------------------------------------------------------------------------------------
// PgConnection

PgConnection::PgConnection(const Url& url, const EngineOptions& options)
    : DriverConnection(options.statement_cache_size), redact_(options.redact_values) {
  std::vector<const char*> keys;
  std::vector<const char*> values;
  const std::string port = url.port ? std::to_string(*url.port) : std::string();
  auto add = [&](const char* key, const std::string& value) {
    if (value.empty()) return;  // libpq's environment variable or default
    keys.push_back(key);
    values.push_back(value.c_str());
  };
  // The URL's host and port; "?host=/run/postgresql&port=5433" (libpq's spelling for unix
  // socket directories, which a URL's authority cannot hold) serves when they are empty.
  if (!url.option("host")) add("host", url.host);
  if (!url.option("port")) add("port", port);
  add("user", url.user);
  add("password", url.password);
  add("dbname", url.database);
  // The session's settings ormc's text parsing relies on; a URL's own `options` comes after.
  std::string session_options = "-c TimeZone=UTC -c DateStyle=ISO,MDY -c IntervalStyle=postgres";
  for (const auto& [name, value] : url.query) {
    if (name == "statement_timeout") {
      session_options += " -c statement_timeout=" + value;
      continue;
    }
    if (name == "options") {
      session_options += " " + value;
      continue;
    }
    if (is_driver_option(name)) {  // a libpq keyword, passed through as is
      keys.push_back(name.c_str());
      values.push_back(value.c_str());
    }
  }
  keys.push_back("options");
  values.push_back(session_options.c_str());
  keys.push_back("client_encoding");
  values.push_back("UTF8");
  keys.push_back(nullptr);
  values.push_back(nullptr);

  conn_ = PQconnectdbParams(keys.data(), values.data(), 0);
  if (conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK) {
    std::string reason = conn_ != nullptr ? trimmed(PQerrorMessage(conn_)) : "out of memory";
    // libpq does not print passwords, but never take the chance.
    if (!url.password.empty()) reason = replace_all(std::move(reason), url.password, "***");
    PQfinish(conn_);
    conn_ = nullptr;
    detail::DriverError error =
        make_error("08001", "cannot connect to PostgreSQL at " + describe_target(url) + ": " +
                                (reason.empty() ? "unknown reason" : reason));
    error.kind = detail::ErrorClass::operational;
    detail::throw_database_error(std::move(error));
  }
  PQsetNoticeProcessor(conn_, discard_notice, nullptr);
}

PgConnection::~PgConnection() {
  closing_ = true;
  cache.clear();  // statements go first; the server frees them with the session
  PQfinish(conn_);
}

const Dialect& PgConnection::dialect() const { return postgresql_dialect(); }

bool PgConnection::broken() const {
  // Outside run_batch() a connection still in pipeline mode refuses every synchronous
  // command ("not allowed in pipeline mode"): as good as lost, whatever left it there.
  return conn_ == nullptr || lost_pipeline_ || PQstatus(conn_) == CONNECTION_BAD ||
         (!in_batch_ && PQpipelineStatus(conn_) != PQ_PIPELINE_OFF);
}

bool PgConnection::in_transaction() const {
  // Lost inside a transaction begin() opened: it stays open for its Connection until that
  // ends it, so that commit() fails with OperationalError rather than "no transaction".
  if (broken()) return transaction_owner != nullptr;
  const PGTransactionStatusType status = PQtransactionStatus(conn_);
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

void PgConnection::deallocate(const std::string& name) noexcept {
  if (closing_) return;
  try {
    pending_deallocations_.push_back(name);
  } catch (...) {  // NOLINT(bugprone-empty-catch): the session frees it when it ends
    return;
  }
  flush_deallocations();
}

void PgConnection::flush_deallocations() noexcept {
  if (pending_deallocations_.empty() || PQtransactionStatus(conn_) != PQTRANS_IDLE) return;
  try {
    std::string sql;
    for (const auto& name : pending_deallocations_) sql += "DEALLOCATE " + name + ";";
    pending_deallocations_.clear();
    PQclear(PQexec(conn_, sql.c_str()));
  } catch (...) {  // NOLINT(bugprone-empty-catch): out of memory; the session frees them
  }
}

std::optional<detail::DriverError> PgConnection::exec(std::string_view sql) {
  flush_deallocations();
  const std::string text(sql);
  const bool commit = text == "COMMIT";
  if (text == "ROLLBACK" && broken()) {
    // Nothing to send: a broken connection is discarded, and the server ends the session's
    // transaction with the session.
    transaction_owner = nullptr;
    return std::nullopt;
  }
  PGresult* result = PQexec(conn_, text.c_str());
  const ExecStatusType status = result != nullptr ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  std::optional<detail::DriverError> error;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) {
    // COMMIT of a transaction an earlier error aborted "succeeds" as a ROLLBACK: say so.
    if (commit && std::string_view(PQcmdStatus(result)) == "ROLLBACK") {
      error = make_error("25P02",
                         "COMMIT failed: the transaction was aborted by an earlier error and "
                         "has been rolled back",
                         sql);
      error->kind = detail::ErrorClass::operational;
    }
  } else {
    error = result_error(conn_, result, sql, redact_);
  }
  PQclear(result);
  return error;
}

std::unique_ptr<detail::PreparedStatement> PgConnection::prepare(std::string_view sql,
                                                                 detail::DriverError& error) {
  flush_deallocations();
  const std::string text(sql);
  std::string name = "ormc_" + std::to_string(++statement_serial_);
  PGresult* prepared = PQprepare(conn_, name.c_str(), text.c_str(), 0, nullptr);
  if (prepared == nullptr || PQresultStatus(prepared) != PGRES_COMMAND_OK) {
    error = result_error(conn_, prepared, sql, redact_);
    PQclear(prepared);
    return nullptr;
  }
  PQclear(prepared);
  PGresult* description = PQdescribePrepared(conn_, name.c_str());
  if (description == nullptr || PQresultStatus(description) != PGRES_COMMAND_OK) {
    error = result_error(conn_, description, sql);
    PQclear(description);
    deallocate(name);
    return nullptr;
  }
  return std::make_unique<PgStatement>(text, *this, std::move(name), description);
}

}  // namespace ormc::postgres
