// SQL logging (SQLAlchemy's echo=True) and statement events: what is recorded for each
// statement, and the default logger that prints it on stderr.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

namespace ormc {

enum class StatementKind {
  query,        //!< a statement that returns rows (SELECT, or DML with RETURNING)
  command,      //!< DML or DDL without rows, PRAGMA, SET
  transaction,  //!< BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE
};

//! One executed statement, as loggers and on_statement listeners see it. The views are
//! valid only during the call.
struct LogRecord {
  std::string_view sql;
  //! Bound values as log strings ('text' quoted, NULL, numbers as written), in placeholder
  //! order; every one is "<redacted>" when the engine redacts values.
  std::span<const std::string> params;
  //! From the start of execution to the last row read (queries) or completion (commands).
  std::chrono::nanoseconds duration{};
  //! Rows read (queries) or rows affected (INSERT/UPDATE/DELETE); -1 when not meaningful.
  std::int64_t rows = -1;
  StatementKind kind = StatementKind::command;
  bool from_cache = false;  //!< the prepared statement came from the connection's cache
  bool failed = false;      //!< the statement threw; `error` says why
  std::string_view error;
};

using Logger = std::function<void(const LogRecord&)>;

//! `[ormc] 0.042 ms  SELECT ... ; params: (25, 'alice')` — the line the default logger prints.
[[nodiscard]] std::string format_log_line(const LogRecord& record);

//! The logger echo uses when none is given: format_log_line() on stderr, one write per line.
void stderr_logger(const LogRecord& record);

}  // namespace ormc
