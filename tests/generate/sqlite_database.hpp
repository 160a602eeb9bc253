// A fresh in-memory SQLite database for the DDL tests, through the sqlite3 C API directly.
#pragma once

#include <string>
#include <string_view>

struct sqlite3;

namespace ormc::testing {

class SqliteDatabase {
 public:
  //! Opens ":memory:" with foreign keys enforced.
  SqliteDatabase();
  ~SqliteDatabase();
  SqliteDatabase(const SqliteDatabase&) = delete;
  SqliteDatabase& operator=(const SqliteDatabase&) = delete;

  //! Runs `sql`; returns "" on success, else SQLite's error message.
  std::string execute(std::string_view sql);
  //! The first column of the first row of `sql` as text ("NULL" for null, "" for no row).
  std::string query_text(std::string_view sql);

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace ormc::testing
