// Session: the ORM's unit of work, as in SQLAlchemy. It owns the objects it loads or is
// given, keeps one object per primary key (the identity map), tracks what changed, and
// writes it all at flush -- inserts and updates parents first, deletes children first --
// inside one transaction that commit() ends.
//
//   ormc::Session session(engine);
//   blog::User& alice = session.add(blog::User{.username = "alice", .email = "a@x.org"});
//   session.commit();                       // INSERT ... RETURNING: alice.id is set
//   alice.age = 31;                         // dirty: only "age" is UPDATEd at the next flush
//   blog::User* same = session.get<blog::User>(alice.id);   // &alice, no query
//   for (blog::User& u : session.query<blog::User>().where(user::age > 25).all()) { ... }
//
// Not thread-safe: one Session per thread (or per request). Objects live as long as the
// Session: references to them stay valid until it is destroyed, across commit, rollback,
// expunge and close (after which they are detached: plain values the session forgot).
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "ormc/connection.hpp"
#include "ormc/engine.hpp"
#include "ormc/error.hpp"
#include "ormc/expr.hpp"  // where() conditions: user::age > 25
#include "ormc/query/select.hpp"
#include "ormc/savepoint.hpp"
#include "ormc/session/entry.hpp"
#include "ormc/session/object_state.hpp"
#include "ormc/session/session_savepoint.hpp"
#include "ormc/transaction.hpp"

namespace ormc {

struct SessionOptions {
  //! Flush pending changes before a query so that it sees them (SQLAlchemy's autoflush).
  bool autoflush = true;
  //! How the session's transactions begin: isolation level (database_default: the
  //! engine's EngineOptions::isolation_level) and read-only.
  TransactionOptions transaction;
};

template <Model M>
class SessionQuery;

class Session {
 public:
  explicit Session(Engine& engine, SessionOptions options = {});
  //! Rolls back an open transaction and releases the connection.
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  //! Takes `object` into the session as pending (INSERTed at the next flush) and returns
  //! the session's copy, which is the object from now on.
  template <Model M>
  M& add(M object) {
    check_usable();
    auto entry =
        std::make_unique<detail::Entry<M>>(std::move(object), ObjectState::pending, next_order_++);
    M& result = entry->object();
    structural_.push_back(entry.get());
    adopt(std::move(entry));
    return result;
  }

  template <Model M>
  std::vector<std::reference_wrapper<M>> add_all(std::vector<M> objects) {
    std::vector<std::reference_wrapper<M>> result;
    result.reserve(objects.size());
    for (M& object : objects) result.emplace_back(add(std::move(object)));
    return result;
  }

  //! The object with this primary key: from the identity map without a query when the
  //! session holds it, else loaded. nullptr when no row has the key.
  template <Model M, typename... Key>
  M* get(const Key&... key) {
    check_usable();
    static_assert(sizeof...(Key) == model_traits<M>::primary_key.size(),
                  "ormc: get<M>(key...) takes one value per primary-key column, in order");
    M probe{};
    assign_key(probe, key...);
    if (auto* entry = find(detail::identity_key(probe))) {
      if (entry->state() == ObjectState::deleted) return nullptr;
      return &static_cast<detail::Entry<M>*>(entry)->object();
    }
    return get_by_probe(probe);
  }

  //! Marks a persistent object for DELETE at the next flush; a pending one is simply
  //! taken out of the session.
  template <Model M>
  void remove(M& object) {
    detail::EntryBase& entry = entry_of(object, "remove");
    if (entry.state() == ObjectState::pending) {
      forget(entry, ObjectState::transient);
    } else if (entry.state() == ObjectState::persistent) {
      entry.set_state(ObjectState::deleted);
      structural_.push_back(&entry);
    }
  }

  //! Copies `object`'s values onto the session's object with the same key (loading it, or
  //! adding it when no row has that key) and returns the session's object.
  template <Model M>
  M& merge(const M& object) {
    check_usable();
    std::string key = detail::identity_key(object);
    M* target = nullptr;
    if (auto* entry = find(key)) {
      target = &static_cast<detail::Entry<M>*>(entry)->object();
    } else {
      target = get_by_probe(object);
    }
    if (target == nullptr) return add(object);
    *target = object;
    return *target;
  }

  //! Forgets the object: it stays valid but becomes detached (transient if pending).
  template <Model M>
  void expunge(M& object) {
    detail::EntryBase& entry = entry_of(object, "expunge");
    forget(entry,
           entry.state() == ObjectState::pending ? ObjectState::transient : ObjectState::detached);
  }

  //! Reloads the object's columns from the database, dropping unflushed changes.
  template <Model M>
  void refresh(M& object) {
    detail::EntryBase& entry = entry_of(object, "refresh");
    if (entry.state() != ObjectState::persistent) {
      throw InvalidRequestError("refresh(): the object is " +
                                std::string(to_string(entry.state())) + ", not persistent");
    }
    auto& typed = static_cast<detail::Entry<M>&>(entry);
    std::optional<M> loaded = load_by_key(typed.object());
    if (!loaded) {
      throw NoResultFound("refresh(): the row of this " + std::string(model_traits<M>::model_name) +
                          " no longer exists");
    }
    typed.object() = std::move(*loaded);
    typed.loaded();
  }

  //! The state of an object; transient for objects this session never held.
  template <Model M>
  [[nodiscard]] ObjectState state(const M& object) const {
    auto it = by_address_.find(&object);
    return it == by_address_.end() ? ObjectState::transient : it->second->state();
  }

  //! A query whose objects come through the identity map.
  template <Model M>
  [[nodiscard]] SessionQuery<M> query() {
    check_usable();
    return SessionQuery<M>(*this);
  }

  //! Writes every pending change (parents first, deletes children first).
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

  //! For SessionQuery: the session's object for a row just read.
  template <Model M>
  M& merge_loaded(M&& loaded) {
    std::string key = detail::identity_key(loaded);
    if (auto* entry = find(key)) return static_cast<detail::Entry<M>*>(entry)->object();
    auto entry = std::make_unique<detail::Entry<M>>(std::move(loaded), ObjectState::persistent,
                                                    next_order_++);
    M& result = entry->object();
    adopt(std::move(entry));
    return result;
  }

 private:
  template <Model M>
  M* get_by_probe(const M& probe) {
    // Edits to loaded objects cannot change which row has a key, so a lookup flushes only
    // for pending inserts and deletes; comparing every held object per get() would make
    // N lookups cost N^2 comparisons.
    if (options_.autoflush && !structural_.empty()) flush();
    std::optional<M> loaded = load_by_key(probe);
    if (!loaded) return nullptr;
    return &merge_loaded(std::move(*loaded));
  }

  //! The row with `key`'s primary key, read into a new object (never into `key` itself,
  //! whose key fields stay bound until the result is finished); nullopt when none has it.
  template <Model M>
  std::optional<M> load_by_key(const M& key) {
    Connection& conn = connection();
    Statement statement = conn.prepare(detail::select_by_key_sql<M>(conn.dialect()));
    detail::bind_primary_key(statement, 1, key);
    std::optional<M> loaded;
    Result result = statement.query();
    if (result.next()) read_row(result.row(), loaded.emplace());
    while (result.next()) {
    }
    return loaded;
  }

  template <Model M, typename... Key>
  static void assign_key(M& probe, const Key&... key) {
    assign_key_columns(probe, std::index_sequence_for<Key...>{}, key...);
  }

  template <Model M, std::size_t... I, typename... Key>
  static void assign_key_columns(M& probe, std::index_sequence<I...>, const Key&... key) {
    (assign_key_column<M, model_traits<M>::primary_key[I]>(probe, key), ...);
  }

  template <Model M, std::size_t ColumnIndex, typename V>
  static void assign_key_column(M& probe, const V& value) {
    const auto& column = column_at<M, ColumnIndex>();
    using T = typename std::remove_cvref_t<decltype(column)>::value_type;
    static_assert(std::is_assignable_v<T&, const V&>,
                  "ormc: get<M>(key...): a key value has the wrong type for its column");
    column.of(probe) = value;
  }

  //! The entry of an object this session holds; DetachedInstanceError for one it let go
  //! (expunged, or the session was closed), InvalidRequestError for one it never held.
  template <Model M>
  detail::EntryBase& entry_of(M& object, const char* operation) {
    auto it = by_address_.find(&object);
    if (it == by_address_.end()) {
      throw InvalidRequestError(std::string(operation) + "(): this " +
                                std::string(model_traits<M>::model_name) +
                                " is not in the session (add() returns the session's object)");
    }
    ObjectState state = it->second->state();
    if (state == ObjectState::detached || state == ObjectState::transient) {
      throw DetachedInstanceError(std::string(operation) + "(): this " +
                                  std::string(model_traits<M>::model_name) + " is " +
                                  std::string(to_string(state)) + "; merge() it back first");
    }
    return *it->second;
  }

  friend class SessionSavepoint;
  //! A savepoint level: the SAVEPOINT and the objects written inside it.
  struct SavepointFrame {
    std::uint64_t serial;
    Savepoint savepoint;
    std::vector<detail::EntryBase*> written;
  };
  [[nodiscard]] bool savepoint_active(std::uint64_t serial) const;
  //! Finishes the savepoint `serial` and every one inside it.
  void finish_savepoint(std::uint64_t serial, bool roll_back);
  //! Takes the innermost savepoint off the stack, releasing or rolling back to it.
  SavepointFrame pop_innermost_savepoint(bool roll_back);
  void release_innermost_savepoint();
  void rollback_innermost_savepoint();
  //! The transaction ended: the savepoints went with it (no SQL).
  void drop_savepoints();

  void adopt(std::unique_ptr<detail::EntryBase> entry);
  detail::EntryBase* find(const std::string& key);
  void forget(detail::EntryBase& entry, ObjectState state);
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
  std::vector<std::unique_ptr<detail::EntryBase>> entries_;
  std::unordered_map<std::string, detail::EntryBase*> identity_;
  //! Every object the session ever held (until it is destroyed), for state() and checks.
  std::unordered_map<const void*, detail::EntryBase*> by_address_;
  //! Entries added or removed since the last flush (may hold some that were expunged since).
  std::vector<detail::EntryBase*> structural_;
  std::size_t next_order_ = 0;
  bool flushing_ = false;
  bool needs_rollback_ = false;
  std::string rollback_reason_;  //!< why needs_rollback_ is set
  //! The session began the transaction now open (or lost with its connection), and no
  //! commit, rollback or close ended it yet.
  bool transaction_begun_ = false;
  //! The session invalidated a lost connection: the next one it takes is pinged.
  bool lost_connection_ = false;
};

//! session.query<User>(): the Core select<User>() with where/order_by/limit/offset/distinct,
//! ending in all(), first(), one(), one_or_none(), count() or exists().
template <Model M>
class SessionQuery {
 public:
  explicit SessionQuery(Session& session) : session_(&session), select_(select<M>()) {}

  template <typename E>
  SessionQuery& where(E&& condition) {
    select_.where(std::forward<E>(condition));
    return *this;
  }
  template <typename... Xs>
  SessionQuery& order_by(Xs&&... items) {
    select_.order_by(std::forward<Xs>(items)...);
    return *this;
  }
  SessionQuery& limit(std::int64_t n) {
    select_.limit(n);
    return *this;
  }
  SessionQuery& offset(std::int64_t n) {
    select_.offset(n);
    return *this;
  }
  SessionQuery& distinct() {
    select_.distinct();
    return *this;
  }

  [[nodiscard]] std::vector<std::reference_wrapper<M>> all() {
    std::vector<std::reference_wrapper<M>> objects;
    run(select_.render(dialect()), [&](const Row& row) {
      M loaded{};
      read_row(row, loaded);
      objects.emplace_back(session_->merge_loaded(std::move(loaded)));
      return true;
    });
    return objects;
  }

  //! The first object, or nullptr (adds LIMIT 1).
  [[nodiscard]] M* first() {
    auto limited = select_;
    limited.limit(1);
    M* found = nullptr;
    run(limited.render(dialect()), [&](const Row& row) {
      M loaded{};
      read_row(row, loaded);
      found = &session_->merge_loaded(std::move(loaded));
      return false;
    });
    return found;
  }

  //! Exactly one object: NoResultFound / MultipleResultsFound otherwise.
  [[nodiscard]] M& one() {
    M* found = one_or_none();
    if (found == nullptr) {
      throw NoResultFound("one(): no " + std::string(model_traits<M>::model_name) +
                          " matches the query");
    }
    return *found;
  }

  //! The object, nullptr when there is none, MultipleResultsFound when there are several.
  [[nodiscard]] M* one_or_none() {
    auto limited = select_;
    limited.limit(2);
    std::vector<M> rows;
    run(limited.render(dialect()), [&](const Row& row) {
      M loaded{};
      read_row(row, loaded);
      rows.push_back(std::move(loaded));
      return true;
    });
    if (rows.size() > 1) {
      throw MultipleResultsFound("one_or_none(): several " +
                                 std::string(model_traits<M>::model_name) +
                                 " rows match the query");
    }
    if (rows.empty()) return nullptr;
    return &session_->merge_loaded(std::move(rows.front()));
  }

  //! How many rows the query matches (limit and offset included).
  [[nodiscard]] std::int64_t count() {
    RenderedStatement statement = select_.render(dialect());
    statement.sql = "SELECT count(*) FROM (" + statement.sql + ") AS ormc_count";
    std::int64_t result = 0;
    run(std::move(statement), [&](const Row& row) {
      result = row.get<std::int64_t>(0);
      return false;
    });
    return result;
  }

  [[nodiscard]] bool exists() {
    auto limited = select_;
    limited.limit(1);
    bool found = false;
    run(limited.render(dialect()), [&](const Row&) {
      found = true;
      return false;
    });
    return found;
  }

 private:
  [[nodiscard]] const Dialect& dialect() { return session_->connection().dialect(); }

  //! Autoflushes, runs the statement and calls on_row per row while it returns true.
  template <typename F>
  void run(RenderedStatement statement, F&& on_row) {
    if (session_->options().autoflush) session_->flush();
    Statement prepared = session_->connection().prepare(statement.sql);
    prepared.bind_values(statement.values);
    Result result = prepared.query();
    bool wanted = true;
    while (result.next()) {
      if (wanted) wanted = on_row(result.row());
    }
  }

  Session* session_;
  decltype(select<M>()) select_;
};

}  // namespace ormc
