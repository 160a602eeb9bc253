// Connection: one session with the database at the driver level — run SQL, prepare and
// cache statements, bind typed values, read typed rows, transactions and savepoints.
// The query layer and the Session execute everything through it.
//
//   ormc::Connection conn = engine.connect();
//
//   // SQL without parameters or rows (DDL, PRAGMA; several statements separated by ';'):
//   conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
//
//   // A prepared statement, from this connection's cache (keyed by the exact SQL text).
//   // Build placeholders with conn.dialect().append_placeholder(sql, n): ?1 ?2 on SQLite,
//   // $1 $2 on PostgreSQL. Bind with typed values, 1-based; lvalues are not copied.
//   ormc::Statement insert = conn.prepare("INSERT INTO t (id, name) VALUES (?1, ?2)");
//   std::int64_t changed = insert.bind(1, id).bind(2, user.name).execute();
//   insert.bind(1, id2).bind(2, name2).execute();            // re-bind, run again
//
//   // Rows: a Result, read one by one or all at once into scalars, tuples or models.
//   ormc::Result rows = conn.prepare("SELECT id, name FROM t WHERE id > ?1").bind(1, 0).query();
//   while (rows.next()) { auto id = rows.row().get<std::int64_t>(0); }
//   auto pairs = conn.prepare(sql).bind_all(25).query().all<std::tuple<std::int64_t,
//   std::string>>(); auto users = conn.prepare(sql).query().all<blog::User>();   // by column name
//   or position auto n     = conn.prepare("SELECT count(*) FROM t").query().scalar<std::int64_t>();
//   // Joined rows: row.visit([&](const auto& r) { read_model(r, user, 0); read_model(r, post, 8);
//   });
//
//   // Values composed at run time (conditions built in a loop):
//   std::vector<ormc::Value> values = ...;  stmt.bind_values(values);
//
//   // Transactions (RAII) and savepoints:
//   { ormc::Transaction tx(conn); ...; tx.commit(); }        // rolled back unless committed
//   { ormc::Savepoint sp = conn.begin_nested(); ...; sp.rollback(); }
//
//   // Raw SQL with named binds, mapped to typed rows:
//   auto rows = conn.query<std::tuple<std::int64_t, std::string>>(
//       "SELECT id, name FROM users WHERE age > :age", {{"age", 25}});
//   std::int64_t n = conn.execute_raw("DELETE FROM users WHERE id = :id", {{"id", 3}});
//
// Errors: every database failure is a DatabaseError subclass (ormc/error.hpp) carrying the
// SQL, the bound values and the driver's code; the connection stays usable afterwards
// (an open transaction stays open: roll it back or continue, as the caller decides), unless
// it was lost (the server closed it): then it fails every statement, and the pool discards
// it when it is closed or invalidate()d.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ormc/dialect.hpp"
#include "ormc/raw_sql.hpp"
#include "ormc/result.hpp"
#include "ormc/savepoint.hpp"
#include "ormc/statement.hpp"
#include "ormc/transaction.hpp"

namespace ormc {

namespace detail {
class EngineState;
class DriverConnection;
}  // namespace detail

//! Made by Engine::connect(); move-only. Not thread-safe: use one Connection from one
//! thread at a time (the Engine is the object threads share). Statements, Results,
//! Transactions and Savepoints made from a Connection must not outlive it.
class Connection {
 public:
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  //! Rolls back a transaction this Connection began and left open, then gives the driver
  //! connection back to the engine (closes it, for a SQLite file database).
  ~Connection();

  [[nodiscard]] const Dialect& dialect() const;
  [[nodiscard]] bool closed() const { return driver_ == nullptr; }
  //! Gives the driver connection back now; any later use throws InvalidRequestError.
  void close() noexcept;
  //! Discards the driver connection (SQLAlchemy's Connection.invalidate()): the pool closes
  //! it instead of resetting and reusing it, and this Connection is closed. Nothing is sent
  //! (an open transaction ends with the server's session). For a connection that was lost
  //! or that nobody can trust; the next engine.connect() gets another. A SQLite :memory:
  //! engine keeps its one handle (it is the database): there it rolls back, as close() does.
  void invalidate() noexcept;

  //! Runs SQL that takes no parameters and returns no rows; not prepared or cached.
  void execute(std::string_view sql);

  //! The prepared statement for `sql`, from the cache when it was prepared before on this
  //! connection (the cache is bounded: EngineOptions::statement_cache_size, LRU).
  //! Throws ProgrammingError for SQL the database cannot compile.
  [[nodiscard]] Statement prepare(std::string_view sql);

  // Transactions. SQLite begins with BEGIN DEFERRED (a lock is taken at the first
  // statement that needs it).
  void begin(TransactionOptions options = {});
  void commit();
  void rollback();
  [[nodiscard]] bool in_transaction() const;
  //! A savepoint inside the open transaction (InvalidRequestError without one).
  [[nodiscard]] Savepoint begin_nested();

  //! Raw SQL with `:name` binds (ormc/raw_sql.hpp), its rows as T (see Result::all).
  template <typename T>
  [[nodiscard]] std::vector<T> query(std::string_view sql, const Params& params = {}) {
    std::vector<const Value*> values;
    Statement statement = prepare_named(sql, params, values);
    return statement.query().template all<T>();
  }
  //! Raw SQL with `:name` binds; returns the rows it changed.
  std::int64_t execute_raw(std::string_view sql, const Params& params = {});
  //! The same raw SQL once per element of `rows` (SQLAlchemy's executemany:
  //! `conn.execute(text(sql), [{...}, {...}])`), as one unit: in the open transaction, else
  //! in one of its own, all or nothing. PostgreSQL sends every execution in one pipeline
  //! (one round trip per 1000); the first failure is thrown with its row's values. Returns
  //! the rows changed in all.
  std::int64_t execute_many(std::string_view sql, std::span<const Params> rows);
  //! The statement for raw SQL, translated to placeholders and bound from `params`
  //! (through `values`, which must outlive the statement's execution).
  [[nodiscard]] Statement prepare_named(std::string_view sql, const Params& params,
                                        std::vector<const Value*>& values);

  //! The rowid of the last row inserted on this connection (SQLite's
  //! sqlite3_last_insert_rowid). Portable code uses RETURNING instead.
  [[nodiscard]] std::int64_t last_insert_rowid() const;
  //! Prepared statements held in this connection's cache.
  [[nodiscard]] std::size_t cached_statements() const;

  //! For the runtime's own classes.
  [[nodiscard]] detail::DriverConnection& driver() const;
  [[nodiscard]] detail::EngineState& engine_state() const { return *engine_; }

 private:
  friend class Engine;
  friend class Savepoint;
  Connection(std::shared_ptr<detail::EngineState> engine, detail::DriverConnection* driver);

  void run_control(std::string_view sql);
  void release_savepoint(const std::string& name, bool roll_back);

  std::shared_ptr<detail::EngineState> engine_;
  detail::DriverConnection* driver_ = nullptr;
};

}  // namespace ormc
