// SqliteDatabase: the little of the sqlite3 C API the DDL tests need.
#include "sqlite_database.hpp"

#include <stdexcept>

#include <sqlite3.h>

#include "ormc/sqlite/decimal_functions.hpp"

namespace ormc::testing {

SqliteDatabase::SqliteDatabase() {
  if (sqlite3_open(":memory:", &db_) != SQLITE_OK) {
    throw std::runtime_error("cannot open an in-memory SQLite database");
  }
  // The DDL declares decimal columns COLLATE ormc_decimal, as every ormc connection has it.
  if (ormc::sqlite::register_decimal_functions(db_) != SQLITE_OK) {
    throw std::runtime_error("cannot register ormc's decimal functions");
  }
  if (!execute("PRAGMA foreign_keys = ON").empty()) {
    throw std::runtime_error("cannot enable foreign keys");
  }
}

SqliteDatabase::~SqliteDatabase() { sqlite3_close(db_); }

std::string SqliteDatabase::execute(std::string_view sql) {
  std::string text(sql);
  char* message = nullptr;
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) == SQLITE_OK) return {};
  std::string error = message != nullptr ? message : "unknown error";
  sqlite3_free(message);
  return error;
}

std::string SqliteDatabase::query_text(std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr) !=
      SQLITE_OK) {
    throw std::runtime_error(std::string("cannot prepare: ") + sqlite3_errmsg(db_));
  }
  std::string result;
  if (sqlite3_step(statement) == SQLITE_ROW) {
    const unsigned char* text = sqlite3_column_text(statement, 0);
    result = text != nullptr ? reinterpret_cast<const char*>(text) : "NULL";
  }
  sqlite3_finalize(statement);
  return result;
}

}  // namespace ormc::testing
