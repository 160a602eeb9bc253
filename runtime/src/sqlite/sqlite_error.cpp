// Mapping SQLite's extended result codes to ormc's error classes.
#include "sqlite/sqlite_error.hpp"

#include <sqlite3.h>

namespace ormc::sqlite {

detail::ErrorClass classify(int extended_code) {
  using detail::ErrorClass;
  // In WAL mode a transaction that read an older snapshot cannot write once another
  // connection has committed: nothing but running it again can help, as with
  // PostgreSQL's 40001, so it is the same SerializationError.
  if (extended_code == SQLITE_BUSY_SNAPSHOT) return ErrorClass::serialization;
  switch (extended_code & 0xff) {
    case SQLITE_CONSTRAINT: return ErrorClass::integrity;
    case SQLITE_ERROR: return ErrorClass::programming;
    case SQLITE_TOOBIG:
    case SQLITE_RANGE:
    case SQLITE_MISMATCH: return ErrorClass::data;
    case SQLITE_CANTOPEN:
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
    case SQLITE_NOMEM:
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_PERM:
    case SQLITE_PROTOCOL:
    case SQLITE_INTERRUPT:
    case SQLITE_NOLFS:
    case SQLITE_AUTH: return ErrorClass::operational;
    default: return ErrorClass::other;
  }
}

std::string code_name(int extended_code) {
  switch (extended_code) {
    case SQLITE_CONSTRAINT_UNIQUE: return "SQLITE_CONSTRAINT_UNIQUE";
    case SQLITE_CONSTRAINT_PRIMARYKEY: return "SQLITE_CONSTRAINT_PRIMARYKEY";
    case SQLITE_CONSTRAINT_FOREIGNKEY: return "SQLITE_CONSTRAINT_FOREIGNKEY";
    case SQLITE_CONSTRAINT_CHECK: return "SQLITE_CONSTRAINT_CHECK";
    case SQLITE_CONSTRAINT_NOTNULL: return "SQLITE_CONSTRAINT_NOTNULL";
    case SQLITE_CONSTRAINT_TRIGGER: return "SQLITE_CONSTRAINT_TRIGGER";
    case SQLITE_BUSY_SNAPSHOT: return "SQLITE_BUSY_SNAPSHOT";
    case SQLITE_BUSY_RECOVERY: return "SQLITE_BUSY_RECOVERY";
    case SQLITE_CANTOPEN_ISDIR: return "SQLITE_CANTOPEN_ISDIR";
    case SQLITE_READONLY_DBMOVED: return "SQLITE_READONLY_DBMOVED";
    default: break;
  }
  switch (extended_code & 0xff) {
    case SQLITE_ERROR: return "SQLITE_ERROR";
    case SQLITE_PERM: return "SQLITE_PERM";
    case SQLITE_ABORT: return "SQLITE_ABORT";
    case SQLITE_BUSY: return "SQLITE_BUSY";
    case SQLITE_LOCKED: return "SQLITE_LOCKED";
    case SQLITE_NOMEM: return "SQLITE_NOMEM";
    case SQLITE_READONLY: return "SQLITE_READONLY";
    case SQLITE_INTERRUPT: return "SQLITE_INTERRUPT";
    case SQLITE_IOERR: return "SQLITE_IOERR";
    case SQLITE_CORRUPT: return "SQLITE_CORRUPT";
    case SQLITE_FULL: return "SQLITE_FULL";
    case SQLITE_CANTOPEN: return "SQLITE_CANTOPEN";
    case SQLITE_PROTOCOL: return "SQLITE_PROTOCOL";
    case SQLITE_SCHEMA: return "SQLITE_SCHEMA";
    case SQLITE_TOOBIG: return "SQLITE_TOOBIG";
    case SQLITE_CONSTRAINT: return "SQLITE_CONSTRAINT";
    case SQLITE_MISMATCH: return "SQLITE_MISMATCH";
    case SQLITE_MISUSE: return "SQLITE_MISUSE";
    case SQLITE_AUTH: return "SQLITE_AUTH";
    case SQLITE_RANGE: return "SQLITE_RANGE";
    case SQLITE_NOTADB: return "SQLITE_NOTADB";
    default: return "SQLITE_" + std::to_string(extended_code);
  }
}

detail::DriverError make_error(int extended_code, std::string message, std::string_view sql) {
  detail::DriverError error;
  error.kind = classify(extended_code);
  error.info.backend = "sqlite";
  error.info.driver_code = extended_code;
  error.info.code_name = code_name(extended_code);
  error.info.driver_message = std::move(message);
  error.info.sql = std::string(sql);
  return error;
}

detail::DriverError last_error(sqlite3* db, std::string_view sql) {
  return make_error(sqlite3_extended_errcode(db), sqlite3_errmsg(db), sql);
}

}  // namespace ormc::sqlite
