// Result: stepping through rows and finishing the execution (logging, reset).
#include "ormc/result.hpp"

#include <string>

#include "detail/prepared_statement.hpp"
#include "ormc/error.hpp"

namespace ormc {

Result::Result(Statement* borrowed, Statement&& owned)
    : owned_(std::move(owned)), stmt_(borrowed != nullptr ? borrowed : &owned_) {
  row_ = Row(stmt_->backend_, stmt_->native_);
  has_row_ = stmt_->start(started_);
  active_ = true;
}

Result::Result(Result&& other) noexcept
    : owned_(std::move(other.owned_)),
      stmt_(other.stmt_ == &other.owned_ ? &owned_ : other.stmt_),
      row_(other.row_),
      started_(other.started_),
      rows_read_(other.rows_read_),
      has_row_(other.has_row_),
      first_(other.first_),
      active_(std::exchange(other.active_, false)) {
  other.stmt_ = nullptr;
}

Result& Result::operator=(Result&& other) noexcept {
  if (this != &other) {
    close();
    owned_ = std::move(other.owned_);
    stmt_ = other.stmt_ == &other.owned_ ? &owned_ : other.stmt_;
    row_ = other.row_;
    started_ = other.started_;
    rows_read_ = other.rows_read_;
    has_row_ = other.has_row_;
    first_ = other.first_;
    active_ = std::exchange(other.active_, false);
    other.stmt_ = nullptr;
  }
  return *this;
}

Result::~Result() { close(); }

std::int64_t Result::rows_held() const {
  return stmt_ != nullptr && stmt_->prepared_ != nullptr ? stmt_->prepared_->rows_held() : -1;
}

std::string_view Result::sql() const {
  return stmt_ != nullptr ? stmt_->sql() : std::string_view();
}

bool Result::next() {
  if (!active_) return false;
  bool row = false;
  if (first_) {
    first_ = false;
    row = has_row_;
  } else {
    try {
      row = stmt_->step();
    } catch (...) {
      active_ = false;  // the statement failed, was logged and reset
      throw;
    }
  }
  if (row) {
    ++rows_read_;
    return true;
  }
  close();
  return false;
}

void Result::close() noexcept {
  if (!active_) return;
  active_ = false;
  stmt_->finish(started_, rows_read_, true);
}

void Result::throw_no_result() {
  close();
  throw NoResultFound("one(): the query returned no rows\n  SQL: " + std::string(sql()));
}

void Result::throw_multiple_results() {
  close();
  throw MultipleResultsFound("one(): the query returned more than one row\n  SQL: " +
                             std::string(sql()));
}

namespace detail {

void throw_column_count(std::string_view sql, int actual, int expected, std::string_view target) {
  throw ResultTypeError("the query returns " + std::to_string(actual) + " column" +
                        (actual == 1 ? "" : "s") + ", but " + std::string(target) + " takes " +
                        std::to_string(expected) + "\n  SQL: " + std::string(sql));
}

void throw_backend_not_built(DialectKind backend) {
  throw InvalidRequestError(std::string("the ") +
                            (backend == DialectKind::postgresql ? "postgresql" : "unknown") +
                            " backend is not built into this ormc runtime");
}

}  // namespace detail
}  // namespace ormc
