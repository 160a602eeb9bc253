// The exceptions ormc throws, mirroring SQLAlchemy's hierarchy (sqlalchemy.exc) so that
// code written against that knowledge catches the same things:
//
//   Error
//   ├── DatabaseError            the database refused a statement (carries SQL, params, code)
//   │   ├── IntegrityError       unique / primary key / foreign key / check / not-null
//   │   ├── OperationalError     cannot open, busy / locked, disk full, I/O, connection lost
//   │   │   └── SerializationError   serialization failure / deadlock (PostgreSQL 40001,
//   │   │                            40P01): the transaction was rolled back; retry it
//   │   ├── ProgrammingError     SQL syntax, missing table or column
//   │   └── DataError            value out of range, too long, wrong type for the column
//   ├── TimeoutError             no pooled connection came back within pool_timeout
//   ├── ResultTypeError          a column's value does not fit the C++ type it is read into
//   ├── NoResultFound            one() found no row
//   ├── MultipleResultsFound     one() / one_or_none() found several rows
//   ├── DetachedInstanceError    lazy load on an object no longer in a session
//   ├── StaleDataError           a flush's UPDATE or DELETE matched no row (changed behind
//   │                            the session's back, or its version counter moved on)
//   ├── InvalidRequestError      the API was used in a way it does not allow
//   └── ArgumentError            a bad argument: malformed URL, unknown option, bad bind
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ormc {

//! Base of every ormc exception; what() is a complete, human-readable message.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

//! What a DatabaseError knows about the failure, besides its class.
struct DatabaseErrorInfo {
  std::string sql;                  //!< the statement as sent, with its placeholders
  std::vector<std::string> params;  //!< bound values as log strings; "<redacted>" when redacted
  int driver_code = 0;              //!< SQLite: the extended result code; PostgreSQL: 0
  std::string code_name;            //!< "SQLITE_CONSTRAINT_UNIQUE"; PostgreSQL: "unique_violation"
  std::string sqlstate;             //!< PostgreSQL's SQLSTATE ("23505"); empty on SQLite
  std::string driver_message;       //!< the driver's own message, verbatim
  std::string backend;              //!< "sqlite", "postgresql"
};

//! The database refused a statement. what() names the class of failure, the driver's
//! message and code, the SQL and its parameters.
class DatabaseError : public Error {
 public:
  DatabaseError(std::string_view kind, DatabaseErrorInfo info);

  [[nodiscard]] const std::string& sql() const { return info_.sql; }
  [[nodiscard]] const std::vector<std::string>& params() const { return info_.params; }
  [[nodiscard]] int driver_code() const { return info_.driver_code; }
  [[nodiscard]] const std::string& sqlstate() const { return info_.sqlstate; }
  [[nodiscard]] const std::string& driver_message() const { return info_.driver_message; }
  [[nodiscard]] const DatabaseErrorInfo& info() const { return info_; }

 private:
  DatabaseErrorInfo info_;
};

class IntegrityError : public DatabaseError {
 public:
  explicit IntegrityError(DatabaseErrorInfo info)
      : DatabaseError("IntegrityError", std::move(info)) {}
};

class OperationalError : public DatabaseError {
 public:
  explicit OperationalError(DatabaseErrorInfo info)
      : DatabaseError("OperationalError", std::move(info)) {}

 protected:
  OperationalError(std::string_view kind, DatabaseErrorInfo info)
      : DatabaseError(kind, std::move(info)) {}
};

//! The transaction lost a serialization conflict or a deadlock (PostgreSQL SQLSTATE 40001
//! serialization_failure, 40P01 deadlock_detected) and was rolled back: run it again.
class SerializationError : public OperationalError {
 public:
  explicit SerializationError(DatabaseErrorInfo info)
      : OperationalError("SerializationError", std::move(info)) {}
};

class ProgrammingError : public DatabaseError {
 public:
  explicit ProgrammingError(DatabaseErrorInfo info)
      : DatabaseError("ProgrammingError", std::move(info)) {}
};

class DataError : public DatabaseError {
 public:
  explicit DataError(DatabaseErrorInfo info) : DatabaseError("DataError", std::move(info)) {}
};

//! A checkout gave up after EngineOptions::pool.pool_timeout with every connection of the
//! pool checked out (SQLAlchemy's sqlalchemy.exc.TimeoutError). what() names the pool's
//! state: size, checked out, overflow, waiting. Not a DatabaseError: no statement failed.
class TimeoutError : public Error {
 public:
  using Error::Error;
};

//! A result column could not be read into the requested C++ type: NULL into a non-optional,
//! TEXT into an integer, an integer out of the target's range, an unknown enum name.
class ResultTypeError : public Error {
 public:
  using Error::Error;
};

class NoResultFound : public Error {
 public:
  using Error::Error;
};

class MultipleResultsFound : public Error {
 public:
  using Error::Error;
};

class DetachedInstanceError : public Error {
 public:
  using Error::Error;
};

//! A Session flush's UPDATE or DELETE matched no row: the row was deleted, or (with a
//! version counter) changed, by someone else since the session read it. Nothing of the
//! flush is committed (SQLAlchemy's sqlalchemy.orm.exc.StaleDataError).
class StaleDataError : public Error {
 public:
  using Error::Error;
};

//! The API was called in a state that does not allow it (commit without a transaction,
//! a statement used after its connection closed, a clause the connection's database does
//! not have, ...): a bug in the calling code.
class InvalidRequestError : public Error {
 public:
  using Error::Error;
};

//! An argument is malformed: an engine URL, an option, a named bind, an isolation level.
class ArgumentError : public Error {
 public:
  using Error::Error;
};

}  // namespace ormc
