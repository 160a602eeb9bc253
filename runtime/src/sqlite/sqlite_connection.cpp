// One sqlite3 handle: opening it with ormc's options, running SQL, preparing statements.
#include "sqlite/sqlite_connection.hpp"

#include <cctype>
#include <filesystem>
#include <string>

#include <sqlite3.h>

#include "ormc/error.hpp"
#include "ormc/sqlite/decimal_functions.hpp"
#include "sqlite/sqlite_error.hpp"

namespace ormc::sqlite {
namespace {

// sqlite3_open_v2 says only "unable to open database file"; say which part is missing.
void check_directory(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path file(path);
  const fs::path directory = file.parent_path();
  if (directory.empty()) return;
  std::error_code ec;
  const auto status = fs::status(directory, ec);
  std::string problem;
  if (!fs::exists(status)) {
    problem = "the directory '" + directory.string() + "' does not exist";
  } else if (!fs::is_directory(status)) {
    problem = "'" + directory.string() + "' is not a directory";
  } else {
    return;
  }
  if (file.is_relative()) {
    problem += " (relative to the working directory " + fs::current_path(ec).string() + ")";
  }
  throw OperationalError(
      make_error(SQLITE_CANTOPEN, "cannot open SQLite database '" + path + "': " + problem).info);
}

}  // namespace

SqliteStatement::SqliteStatement(std::string sql, sqlite3_stmt* stmt)
    : PreparedStatement(std::move(sql)), stmt_(stmt) {}

SqliteStatement::~SqliteStatement() { sqlite3_finalize(stmt_); }

std::size_t SqliteStatement::parameter_count() const {
  return static_cast<std::size_t>(sqlite3_bind_parameter_count(stmt_));
}

detail::PreparedStatement::Step step(void* native) {
  using Step = detail::PreparedStatement::Step;
  const int rc = sqlite3_step(static_cast<sqlite3_stmt*>(native));
  if (rc == SQLITE_ROW) return Step::row;
  if (rc == SQLITE_DONE) return Step::done;
  return Step::error;
}

detail::PreparedStatement::Step SqliteStatement::step() { return sqlite::step(stmt_); }

detail::DriverError SqliteStatement::error() const {
  return last_error(sqlite3_db_handle(stmt_), sql());
}

std::int64_t SqliteStatement::changes() const {
  return static_cast<std::int64_t>(sqlite3_changes64(sqlite3_db_handle(stmt_)));
}

void SqliteStatement::reset() noexcept { sqlite3_reset(stmt_); }

void SqliteStatement::clear_bindings() noexcept { sqlite3_clear_bindings(stmt_); }

int SqliteStatement::column_count() const { return sqlite3_column_count(stmt_); }

std::string_view SqliteStatement::column_name(int column) const {
  const char* name = sqlite3_column_name(stmt_, column);
  return name == nullptr ? std::string_view() : std::string_view(name);
}

namespace {

// The journal mode as PRAGMA journal_mode takes it; ArgumentError for any other word (it is
// spliced into the PRAGMA, which takes no parameters).
std::string journal_mode_name(std::string_view mode) {
  std::string lower;
  for (const char c : mode) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const std::string_view known : {"delete", "truncate", "persist", "memory", "wal", "off"}) {
    if (lower == known) return lower;
  }
  throw ArgumentError("journal_mode '" + std::string(mode) +
                      "': expected wal, delete, truncate, persist, memory or off");
}

}  // namespace

SqliteConnection::SqliteConnection(const std::string& path, const EngineOptions& options)
    : DriverConnection(options.statement_cache_size) {
  // Before the handle exists: a bad journal mode throws without leaking it.
  std::string pragmas =
      options.foreign_keys ? "PRAGMA foreign_keys = ON;" : "PRAGMA foreign_keys = OFF;";
  if (!options.journal_mode.empty()) {
    pragmas += " PRAGMA journal_mode = " + journal_mode_name(options.journal_mode) + ";";
  }
  if (path != ":memory:") check_directory(path);
  // NOMUTEX: a handle is used by one thread at a time (a Connection is not shared; the
  // shared :memory: handle is guarded by the engine), so SQLite's own mutex is waste.
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    const int code = db_ != nullptr ? sqlite3_extended_errcode(db_) : rc;
    std::string message = "cannot open SQLite database '" + path + "': ";
    message += db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    detail::throw_database_error(make_error(code, std::move(message)));
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, static_cast<int>(options.busy_timeout.count()));
  // Before anything reads a table: decimal columns are declared COLLATE ormc_decimal.
  if (const int code = register_decimal_functions(db_); code != SQLITE_OK) {
    std::string message = "cannot register ormc's decimal functions on SQLite database '" + path +
                          "': " + sqlite3_errstr(code);
    sqlite3_close(db_);
    db_ = nullptr;
    detail::throw_database_error(make_error(code, std::move(message)));
  }
  if (auto error = exec(pragmas)) {
    sqlite3_close(db_);
    db_ = nullptr;
    detail::throw_database_error(std::move(*error));
  }
}

SqliteConnection::~SqliteConnection() {
  cache.clear();  // statements are finalized before their handle is closed
  sqlite3_close_v2(db_);
}

const Dialect& SqliteConnection::dialect() const { return sqlite_dialect(); }

namespace {

detail::DriverError closed_error(std::string_view sql) {
  return make_error(SQLITE_IOERR, "the SQLite connection is closed (it was lost)", sql);
}

}  // namespace

void SqliteConnection::simulate_disconnect() noexcept {
  cache.clear();
  sqlite3_close_v2(db_);
  db_ = nullptr;
}

bool SqliteConnection::reset() noexcept {
  if (read_only_transaction && db_ != nullptr) {
    if (in_transaction()) (void)exec("ROLLBACK");
    (void)exec("PRAGMA query_only = OFF");
  }
  return DriverConnection::reset();
}

std::optional<detail::DriverError> SqliteConnection::exec(std::string_view sql) {
  if (db_ == nullptr) {
    lost_ = true;
    // As on PostgreSQL: rolling back on a lost connection cannot fail (the transaction
    // went with it); everything else does.
    if (sql == "ROLLBACK") {
      transaction_owner = nullptr;
      return std::nullopt;
    }
    return closed_error(sql);
  }
  const std::string text(sql);  // sqlite3_exec needs a terminating NUL
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK) {
    return std::nullopt;
  }
  return last_error(db_, sql);
}

std::unique_ptr<detail::PreparedStatement> SqliteConnection::prepare(std::string_view sql,
                                                                     detail::DriverError& error) {
  if (db_ == nullptr) {
    lost_ = true;
    error = closed_error(sql);
    return nullptr;
  }
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
  if (rc != SQLITE_OK) {
    error = last_error(db_, sql);
    return nullptr;
  }
  const std::string_view rest = tail == nullptr
                                    ? std::string_view()
                                    : sql.substr(static_cast<std::size_t>(tail - sql.data()));
  if (stmt == nullptr || rest.find_first_not_of(" \t\r\n;") != std::string_view::npos) {
    sqlite3_finalize(stmt);
    error = make_error(SQLITE_ERROR,
                       stmt == nullptr ? "the SQL holds no statement"
                                       : "prepare() takes one statement; this SQL holds more "
                                         "(use Connection::execute() for a script)",
                       sql);
    return nullptr;
  }
  return std::make_unique<SqliteStatement>(std::string(sql), stmt);
}

bool SqliteConnection::in_transaction() const {
  // Lost (simulate_disconnect()) inside a transaction begin() opened: it stays open for its
  // Connection until that ends it, so that commit() fails instead of finding none, as on
  // PostgreSQL.
  if (db_ == nullptr) return transaction_owner != nullptr;
  return sqlite3_get_autocommit(db_) == 0;
}

std::int64_t SqliteConnection::last_insert_rowid() const {
  if (db_ == nullptr) return 0;
  return static_cast<std::int64_t>(sqlite3_last_insert_rowid(db_));
}

}  // namespace ormc::sqlite
