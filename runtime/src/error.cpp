// The messages of DatabaseError, and the throwing of the right subclass.
#include "ormc/error.hpp"

#include <string>

#include "detail/driver_error.hpp"

namespace ormc {
namespace {

std::string database_message(std::string_view kind, const DatabaseErrorInfo& info) {
  std::string message(kind);
  message += ": ";
  message += info.driver_message.empty() ? "(no message from the driver)" : info.driver_message;
  message += " [";
  message += info.backend.empty() ? "driver" : info.backend;
  if (!info.sqlstate.empty()) message += " SQLSTATE " + info.sqlstate;
  if (info.driver_code != 0) message += " code " + std::to_string(info.driver_code);
  if (!info.code_name.empty()) message += " " + info.code_name;
  message += "]";
  if (!info.sql.empty()) {
    message += "\n  SQL: ";
    message += info.sql;
  }
  if (!info.params.empty()) {
    message += "\n  params: (";
    for (std::size_t i = 0; i < info.params.size(); ++i) {
      if (i > 0) message += ", ";
      message += info.params[i];
    }
    message += ")";
  }
  return message;
}

}  // namespace

DatabaseError::DatabaseError(std::string_view kind, DatabaseErrorInfo info)
    : Error(database_message(kind, info)), info_(std::move(info)) {}

namespace detail {

void throw_database_error(DriverError error) {
  switch (error.kind) {
    case ErrorClass::integrity: throw IntegrityError(std::move(error.info));
    case ErrorClass::operational: throw OperationalError(std::move(error.info));
    case ErrorClass::serialization: throw SerializationError(std::move(error.info));
    case ErrorClass::programming: throw ProgrammingError(std::move(error.info));
    case ErrorClass::data: throw DataError(std::move(error.info));
    case ErrorClass::other: break;
  }
  throw DatabaseError("DatabaseError", std::move(error.info));
}

}  // namespace detail
}  // namespace ormc
