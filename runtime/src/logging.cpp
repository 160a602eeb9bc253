// The text of an SQL log line and the default stderr logger.
#include "ormc/logging.hpp"

#include <cstdio>
#include <string>

namespace ormc {

std::string format_log_line(const LogRecord& record) {
  char duration[32];
  std::snprintf(duration, sizeof duration, "%.3f ms",
                static_cast<double>(record.duration.count()) / 1e6);
  std::string line = "[ormc] ";
  line += duration;
  line += "  ";
  line += record.sql;
  if (!record.params.empty()) {
    line += " ; params: (";
    for (std::size_t i = 0; i < record.params.size(); ++i) {
      if (i > 0) line += ", ";
      line += record.params[i];
    }
    line += ')';
  }
  if (record.kind != StatementKind::transaction && record.rows >= 0) {
    line += " ; ";
    line += std::to_string(record.rows);
    line += record.kind == StatementKind::query ? " rows" : " changed";
  }
  if (record.failed) {
    line += " ; FAILED: ";
    line += record.error;
  }
  return line;
}

void stderr_logger(const LogRecord& record) {
  std::string line = format_log_line(record);
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stderr);  // one write: lines of threads do not mix
}

}  // namespace ormc
