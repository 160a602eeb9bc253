// Statement: a prepared statement checked out of its connection's cache, bound with typed
// values and executed; returned to the cache (reset, bindings cleared) when destroyed.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "ormc/bind.hpp"
#include "ormc/config.hpp"
#include "ormc/detail/param_slot.hpp"
#include "ormc/detail/sqlite/binder.hpp"
#include "ormc/dialect.hpp"
#if ORMC_WITH_POSTGRESQL
#include "ormc/detail/postgres/binder.hpp"
#endif
#include "ormc/value.hpp"

namespace ormc {

class Result;

namespace detail {
class DriverConnection;
class PreparedStatement;
class EngineState;
}  // namespace detail

//! Made by Connection::prepare(). Valid while its Connection is; move-only; not
//! thread-safe. Parameters are 1-based and numbered as the placeholders are.
//!
//! Lifetime of bound values: an lvalue is bound without a copy (SQLite's SQLITE_STATIC),
//! so it must stay alive and unchanged until the statement has run: until execute()
//! returns, or until the Result of query() is exhausted or destroyed. Temporaries
//! (rvalues) are copied.
class Statement {
 public:
  Statement() = default;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  [[nodiscard]] bool valid() const { return prepared_ != nullptr; }
  [[nodiscard]] std::string_view sql() const;
  [[nodiscard]] std::size_t parameter_count() const { return slots_.size(); }

  //! Binds `value` to parameter `index`; see Bindable (ormc/bind.hpp) for the types.
  //! On a temporary Statement the result is a temporary too, so that
  //! `auto rows = conn.prepare(sql).bind(1, x).query();` keeps its statement alive.
  template <typename T>
  requires Bindable<std::remove_cvref_t<T>> Statement& bind(std::size_t index, T&& value) & {
    using V = std::remove_cvref_t<T>;
    constexpr bool stable = std::is_lvalue_reference_v<T>;
    check_index(index);
    const int i = static_cast<int>(index);
    visit_binder([&](const auto& binder) { bind_column(binder, i, value, stable); });
    slots_[index - 1].remember<V>(value, stable);
    return *this;
  }
  template <typename T>
  requires Bindable<std::remove_cvref_t<T>> Statement && bind(std::size_t index, T&& value) && {
    bind(index, std::forward<T>(value));
    return std::move(*this);
  }

  //! Binds parameters 1, 2, ... in order; the count must match the statement's.
  template <typename... Ts>
  Statement& bind_all(Ts&&... values) & {
    check_count(sizeof...(Ts));
    std::size_t index = 0;
    (bind(++index, std::forward<Ts>(values)), ...);
    return *this;
  }
  template <typename... Ts>
  Statement&& bind_all(Ts&&... values) && {
    bind_all(std::forward<Ts>(values)...);
    return std::move(*this);
  }

  //! Binds values[i] to parameter first + i; the values must outlive execution.
  Statement& bind_values(std::span<const Value> values, std::size_t first = 1) &;
  Statement& bind_values(std::span<const Value* const> values, std::size_t first = 1) &;
  Statement&& bind_values(std::span<const Value> values, std::size_t first = 1) && {
    bind_values(values, first);
    return std::move(*this);
  }

  //! Runs the statement to completion (rows it returns are discarded) and returns the
  //! rows it changed. The bindings stay: bind some again and execute again.
  std::int64_t execute();

  //! Runs the statement and returns its rows. The first form borrows this Statement,
  //! which must outlive the Result; the second takes it along (for prepare(...).query()).
  [[nodiscard]] Result query() &;
  [[nodiscard]] Result query() &&;

  //! Calls f(binder) with the backend's concrete binder (sqlite::Binder or
  //! postgres::Binder): the one run-time dispatch for a statement; binding inside f costs
  //! direct calls.
  template <typename F>
  decltype(auto) visit_binder(F&& f) const {
#if ORMC_WITH_POSTGRESQL
    if (backend_ == DialectKind::postgresql) {
      const postgres::Binder binder(static_cast<postgres::PgStatement*>(native_));
      return std::forward<F>(f)(binder);
    }
#endif
    if (backend_ != DialectKind::sqlite) detail::throw_backend_not_built(backend_);
    const sqlite::Binder binder(static_cast<sqlite3_stmt*>(native_));
    return std::forward<F>(f)(binder);
  }

  //! The bound values as log strings ("<redacted>" when the engine redacts values).
  [[nodiscard]] std::vector<std::string> param_strings() const;

 private:
  friend class Connection;
  friend class Result;

  Statement(detail::EngineState* engine, detail::DriverConnection* driver,
            detail::PreparedStatement* prepared, bool from_cache);

  void check_index(std::size_t index) const;
  void check_count(std::size_t count) const;
  void release() noexcept;
  //! Executes (first step); true when a row is available. Throws DatabaseError.
  bool start(std::chrono::steady_clock::time_point& started);
  //! Moves to the next row; true when there is one. Throws DatabaseError.
  bool step();
  //! Logs and counts the execution, then resets the statement for the next run.
  void finish(std::chrono::steady_clock::time_point started, std::int64_t rows,
              bool is_query) noexcept;
  [[noreturn]] void fail(std::chrono::steady_clock::time_point started, bool is_query);

  detail::EngineState* engine_ = nullptr;
  detail::DriverConnection* driver_ = nullptr;
  detail::PreparedStatement* prepared_ = nullptr;
  void* native_ = nullptr;  //!< sqlite3_stmt* or postgres::PgStatement*
  DialectKind backend_ = DialectKind::sqlite;
  std::span<detail::ParamSlot> slots_;
  bool from_cache_ = false;
};

}  // namespace ormc
