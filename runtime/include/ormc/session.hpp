// Session: the ORM's unit of work, as in SQLAlchemy. It owns the objects it loads or is
// given, keeps one object per primary key (the identity map: one per model, keyed by the
// key's own C++ type), tracks what changed by comparing columns with a snapshot, and writes
// it all at flush -- inserts and updates parents first, deletes children first -- inside
// one transaction that commit() ends.
//
//   ormc::Session session(engine);
//   blog::User& alice = session.add(blog::User{.username = "alice", .email = "a@x.org"});
//   session.commit();                       // INSERT ... RETURNING id: alice.id is set
//   alice.age = 31;                         // written (only "age") at the next flush()/commit()
//   blog::User* same = session.get<blog::User>(alice.id);   // &alice, no query
//   for (blog::User& u : session.query<blog::User>().where(user::age > 25).all()) { ... }
//
// When a change is seen (docs/session.md, "Autoflush"): objects are plain structs, so a
// member write (alice.age = 31) has no write barrier. flush(), commit() and begin_nested()
// compare every held object with its snapshot and write what differs. A query's autoflush
// writes only what the session was told of -- add(), remove(), flag_modified() -- so that a
// query costs the same with 100,000 clean objects held as with none; call flush() (or
// flag_modified(obj)) before a query that must see member writes.
//
// Not thread-safe: one Session per thread (or per request). Objects live as long as the
// Session: references to them stay valid until it is destroyed, across commit, rollback
// and close (after which they are detached: plain values the session forgot) -- except
// that expunge(obj) and expunge_all() destroy the objects they take out.
//
// The typed work per model (flush batches, hydration, the identity map) is compiled once
// per schema in the generated <schema>.orm.cpp (ormc_generate() builds it; see
// ormc/session/instantiate.hpp), so a file using a Session compiles only thin calls.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "ormc/connection.hpp"
#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "ormc/query/delete.hpp"
#include "ormc/query/update.hpp"
#include "ormc/savepoint.hpp"
#include "ormc/session/load_tracker.hpp"
#include "ormc/session/model_map.hpp"
#include "ormc/session/object_state.hpp"
#include "ormc/session/primary_key.hpp"
#include "ormc/session/session_savepoint.hpp"
#include "ormc/transaction.hpp"

namespace ormc {

struct SessionOptions {
  //! Before a query (and a get() that must load), write what was added, removed or
  //! flagged since the last flush, so that the query sees it (SQLAlchemy's autoflush;
  //! member writes: see the file comment).
  bool autoflush = true;
  //! How the session's transactions begin: isolation level (database_default: the
  //! engine's EngineOptions::isolation_level) and read-only.
  TransactionOptions transaction;
  //! PostgreSQL: a flush of at least this many new objects of one model with an identity
  //! key reserves their keys in one statement and sends them by one COPY instead of an
  //! INSERT each (docs/session.md); 0 never does.
  std::size_t copy_threshold = 100;
  //! The N+1 detector (docs/relationships.md, "Finding N+1 loads"): a lazy load on an
  //! object of a multi-row result whose siblings need the same relation is reported (warn)
  //! or refused (raise), naming the call site and the option that fixes it; eager loads
  //! nobody read are reported when the session closes. Unset: the environment variable
  //! ORMC_STRICT_LOADING (warn, raise, off) decides, so a test suite can turn it on for
  //! every session; off when that is unset too.
  std::optional<StrictLoading> strict_loading{};
  //! Where strict loading's reports go; stderr_load_report when empty.
  LoadReportHandler on_load_report{};
  //! Batched lazy loading: the first lazy load of a relation on an object of a multi-row
  //! result loads it for every object of that result that still needs it, with one
  //! selectin statement. Unset: ORMC_BATCH_LAZY_LOADS (1/true/on/yes) decides; off.
  std::optional<bool> batch_lazy_loads{};
};

//! Core: the Core select it runs, when a join() made it other than select<M>().
template <Model M, typename Core = void>
class SessionQuery;

//! What Session::execute() does to the objects the session holds after a Core UPDATE or
//! DELETE (SQLAlchemy's synchronize_session).
enum class Synchronize : std::uint8_t {
  //! The statement returns the rows it changed (RETURNING): held objects of an UPDATE take
  //! the new values (their snapshots too); held objects of a DELETE become deleted, and
  //! detached at commit. SQLAlchemy's 'fetch'.
  fetch,
  //! Nothing: held objects keep the values they had, and a later flush of one of them
  //! may overwrite the statement's change (or raise StaleDataError for a deleted row).
  //! SQLAlchemy's synchronize_session=False.
  none,
};

class Session {
 public:
  explicit Session(Engine& engine, SessionOptions options = {});
  //! Rolls back an open transaction and releases the connection.
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  //! Takes `object` into the session as pending (INSERTed at the next flush) and returns
  //! the session's object, which is the object from now on.
  template <Model M>
  M& add(M object) {
    check_usable();
    return detail::SessionModel<M>::add(*this, std::move(object));
  }

  template <Model M>
  std::vector<std::reference_wrapper<M>> add_all(std::vector<M> objects) {
    std::vector<std::reference_wrapper<M>> result;
    result.reserve(objects.size());
    for (M& object : objects) result.emplace_back(add(std::move(object)));
    return result;
  }

  //! The object with this primary key (one value per key column, in key order, each of
  //! its column's type or converting to it without narrowing): from the identity map
  //! without a query when the session holds it, else loaded. nullptr when no row has it.
  template <Model M, typename... Key>
  M* get(const Key&... key) {
    check_usable();
    static_assert(sizeof...(Key) == detail::key_column_count<M>,
                  "ormc: get<M>(key...) takes one value per primary-key column, in order");
    return get_checked<M>(std::index_sequence_for<Key...>{}, key...);
  }

  //! Marks a persistent object for DELETE at the next flush; a pending one is simply
  //! taken out of the session (transient).
  template <Model M>
  void remove(M& object) {
    check_usable();
    detail::SessionModel<M>::remove(*this, object);
  }

  //! Copies `object`'s columns onto the session's object with the same key (loading it,
  //! or adding a copy when no row has that key) and returns the session's object.
  template <Model M>
  M& merge(const M& object) {
    check_usable();
    return detail::SessionModel<M>::merge(*this, object);
  }

  //! Takes the object out of the session and returns it as a plain value: the session's
  //! object is destroyed and its memory freed, so references to it are no longer valid.
  //! Unflushed changes go with it (nothing is written for it).
  template <Model M>
  M expunge(M& object) {
    return detail::SessionModel<M>::expunge(*this, object);
  }

  //! Destroys every object the session holds and frees their memory (references to them
  //! are no longer valid); unflushed changes are dropped. The transaction stays open:
  //! what was flushed is committed or rolled back with it. For batch jobs that walk many
  //! rows in one session.
  void expunge_all();

  //! Reloads the object's columns from the database, dropping unflushed changes.
  template <Model M>
  void refresh(M& object) {
    check_usable();
    detail::SessionModel<M>::refresh(*this, object);
  }

  //! Tells the session that `object` was changed, so that the next autoflush (before a
  //! query) writes it; flush() and commit() find changes without it (SQLAlchemy's
  //! flag_modified, for the whole object).
  template <Model M>
  void flag_modified(M& object) {
    check_usable();
    detail::SessionModel<M>::flag_modified(*this, object);
  }

  //! The state of an object; transient for objects this session does not hold.
  template <Model M>
  [[nodiscard]] ObjectState state(const M& object) const {
    return detail::SessionModel<M>::state(*this, object);
  }

  //! A query whose objects come through the identity map.
  template <Model M>
  [[nodiscard]] SessionQuery<M> query() {
    check_usable();
    return SessionQuery<M>(*this);
  }

  //! Raw SQL with `:name` binds whose rows are M's, as objects through the identity map
  //! (SQLAlchemy's session.scalars(select(M).from_statement(text(sql)))). The SQL selects
  //! at least M's columns, by name, in any order (SELECT * of M's table will do); a column
  //! it lacks is the database's error. Autoflushes first, as a query does.
  template <Model M>
  [[nodiscard]] std::vector<std::reference_wrapper<M>> from_statement(std::string_view sql,
                                                                      const Params& params = {});

  //! Runs a Core UPDATE or DELETE of M's rows in the session's transaction, after a
  //! flush(), and keeps the objects it holds in line with it (see Synchronize); returns
  //! the rows changed. SQLAlchemy: session.execute(update(User).where(...).values(...),
  //! execution_options={"synchronize_session": "fetch"}).
  template <Model M, bool Filtered>
  std::int64_t execute(const Update<M, Filtered, void>& statement,
                       Synchronize synchronize = Synchronize::fetch) {
    check_usable();
    flush();
    return detail::SessionModel<M>::bulk(*this, statement.render(connection().dialect()),
                                         synchronize, false);
  }
  template <Model M, bool Filtered>
  std::int64_t execute(const Delete<M, Filtered, void>& statement,
                       Synchronize synchronize = Synchronize::fetch) {
    check_usable();
    flush();
    return detail::SessionModel<M>::bulk(*this, statement.render(connection().dialect()),
                                         synchronize, true);
  }

  //! Writes every change: pending inserts, removals, and every held object whose columns
  //! differ from its snapshot (parents first; deletes children first).
  void flush();
  //! Flushes and commits; the session stays usable and begins anew on next use. When the
  //! COMMIT fails and the transaction is gone (the connection was lost), the session
  //! refuses work until rollback().
  void commit();
  //! Rolls back: objects return to their committed values, pending ones become transient.
  //! A connection that was lost is invalidated (the pool closes it): the next use of the
  //! session takes a new one (SQLAlchemy's invalidation on a disconnect).
  void rollback();
  //! Rolls back anything open, detaches every object and releases the connection (a lost
  //! one, or one whose ROLLBACK failed, is invalidated).
  void close();
  //! Flushes, then begins a savepoint in the session's transaction (beginning that first
  //! when none is open): see SessionSavepoint for what its commit and rollback do.
  //!   try {
  //!     ormc::SessionSavepoint sp = session.begin_nested();
  //!     session.add(row);
  //!     sp.commit();                  // flushes: a duplicate key throws here
  //!   } catch (const ormc::IntegrityError&) { /* the row is transient; carry on */ }
  [[nodiscard]] SessionSavepoint begin_nested();

  //! The session's connection, in its transaction (begun on first use). The session keeps
  //! its connection from one transaction to the next; beginning one, it replaces a kept
  //! connection that was lost, or that fails the pool's pre-ping (pool_pre_ping), and pings
  //! the one it takes after a lost one (whatever pool_pre_ping says). Inside a transaction
  //! whose connection was lost it throws InvalidRequestError until rollback() (SQLAlchemy's
  //! "Can't reconnect until invalid transaction is rolled back").
  Connection& connection();
  [[nodiscard]] bool in_transaction() const;
  [[nodiscard]] const SessionOptions& options() const { return options_; }
  //! How many objects the session holds (in any state, until expunged or destroyed).
  [[nodiscard]] std::size_t size() const;

  //! For SessionQuery: writes what autoflush writes (see the file comment), if anything.
  void autoflush();
  //! For the loaders: what strict and batched lazy loading keep, nullptr when both are off.
  [[nodiscard]] detail::LoadTracker* load_tracker() const { return tracker_.get(); }

 private:
  template <Model>
  friend struct detail::SessionModel;
  template <Model>
  friend struct detail::SessionAccess;
  friend class SessionSavepoint;

  template <Model M, std::size_t... K, typename... Key>
  M* get_checked(std::index_sequence<K...> /*unused*/, const Key&... key) {
    static_assert((detail::KeyValueFor<Key, detail::key_column_type<M, K>> && ...),
                  "ormc: get<M>(key...): a key value has the wrong type for its column, or "
                  "converts to it only by narrowing (pass the column's own type)");
    if constexpr (sizeof...(Key) == 1) {
      return detail::SessionModel<M>::get(*this, detail::key_t<M>{key...});
    } else {
      return detail::SessionModel<M>::get(*this,
                                          detail::key_t<M>{detail::key_column_type<M, K>{key}...});
    }
  }

  //! M's identity map, nullptr until the session first holds an M.
  [[nodiscard]] detail::ModelMapBase* map_at(std::size_t index) const {
    return index < maps_.size() ? maps_[index].get() : nullptr;
  }
  void install_map(std::size_t index, std::unique_ptr<detail::ModelMapBase> map);
  //! Something autoflush writes was added, removed or flagged.
  void note_change() { ++changes_; }
  std::size_t take_order() { return next_order_++; }
  //! Writes changes: every held object's (`full`), else only what autoflush writes.
  void flush_changes(bool full);

  //! A savepoint level: its serial (for SessionSavepoint) and the SAVEPOINT.
  struct SavepointFrame {
    std::uint64_t serial;
    Savepoint savepoint;
  };
  [[nodiscard]] bool savepoint_active(std::uint64_t serial) const;
  //! Finishes the savepoint `serial` and every one inside it.
  void finish_savepoint(std::uint64_t serial, bool roll_back);
  //! Takes the innermost savepoint off the stack, releasing or rolling back to it.
  void pop_innermost_savepoint(bool roll_back);
  void release_innermost_savepoint();
  void rollback_innermost_savepoint();
  //! The transaction ended: the savepoints went with it (no SQL).
  void drop_savepoints();

  void check_usable() const;
  //! Refuses work (InvalidRequestError with `reason`) until rollback() or close().
  void require_rollback(std::string reason);
  //! Whether the session holds a connection that was lost (PostgreSQL: the server closed
  //! it; or a pipeline left it unusable): it is invalidated at the next rollback or use.
  [[nodiscard]] bool connection_lost() const;
  //! Throws (and refuses work until rollback()) when the transaction the session began
  //! went with its connection: lost, or invalidated by hand.
  void check_transaction_alive();
  //! The connection just taken from the pool after the session lost one: the pool's other
  //! connections may be dead too (a restart kills them all), so without pre-ping it is
  //! pinged, and a dead one replaced, so that the use after rollback() does not fail again.
  void replace_dead_connection();
  //! Rolls back the connection's transaction, if any; invalidates a lost connection.
  void end_transaction_on_connection();

  Engine* engine_;
  SessionOptions options_;
  std::optional<Connection> connection_;
  //! Open savepoints, outermost first (after connection_: they are destroyed before it).
  std::vector<SavepointFrame> savepoints_;
  std::uint64_t savepoint_serial_ = 0;
  //! One identity map per model, by detail::model_index<M>() (null for models not held).
  std::vector<std::unique_ptr<detail::ModelMapBase>> maps_;
  //! The maps in flush order: by rank (parents first), then by when they were made.
  std::vector<detail::ModelMapBase*> ranked_;
  //! Adds, removals and flags since the last flush: autoflush has nothing to do at 0.
  std::size_t changes_ = 0;
  std::size_t next_order_ = 0;
  bool flushing_ = false;
  bool needs_rollback_ = false;
  std::string rollback_reason_;  //!< why needs_rollback_ is set
  //! The session began the transaction now open (or lost with its connection), and no
  //! commit, rollback or close ended it yet.
  bool transaction_begun_ = false;
  //! The session invalidated a lost connection: the next one it takes is pinged.
  bool lost_connection_ = false;
  //! Strict and batched lazy loading's bookkeeping; null when both are off.
  std::unique_ptr<detail::LoadTracker> tracker_;
};

}  // namespace ormc

#include "ormc/session/session_query.hpp"  // session.query<M>()
