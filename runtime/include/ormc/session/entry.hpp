// One object a Session holds: the object itself, its state, and the snapshots that dirty
// tracking and rollback compare with. EntryBase is what the session's flush loop sees;
// Entry<M> does the typed work, so the only virtual call is one per object per flush.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ormc/bind.hpp"
#include "ormc/connection.hpp"
#include "ormc/detail/decimal_column.hpp"
#include "ormc/detail/same_value.hpp"
#include "ormc/model.hpp"
#include "ormc/query/execute.hpp"
#include "ormc/session/identity_key.hpp"
#include "ormc/session/model_sql.hpp"
#include "ormc/session/object_state.hpp"

namespace ormc::detail {

class EntryBase {
 public:
  EntryBase(ObjectState state, std::size_t order) : state_(state), order_(order) {}
  virtual ~EntryBase() = default;
  EntryBase(const EntryBase&) = delete;
  EntryBase& operator=(const EntryBase&) = delete;

  [[nodiscard]] ObjectState state() const { return state_; }
  void set_state(ObjectState state) { state_ = state; }
  [[nodiscard]] std::size_t order() const { return order_; }
  //! Where the model comes in foreign-key order: parents before children.
  [[nodiscard]] virtual int rank() const = 0;
  [[nodiscard]] virtual const void* address() const = 0;
  [[nodiscard]] virtual std::string key() const = 0;
  //! Whether a flush would issue a statement for this object.
  [[nodiscard]] virtual bool needs_flush() const = 0;
  //! Issues the object's INSERT, UPDATE or DELETE.
  virtual void flush(Connection& connection) = 0;
  //! What model the object is of: entries with one tag are of one Entry<M>.
  [[nodiscard]] virtual const void* model_tag() const = 0;
  //! Flushes `group` -- objects of this entry's model that need a flush, this one among
  //! them, in order -- as one batch of statements: their INSERTs, UPDATEs and DELETEs (on
  //! PostgreSQL one pipeline per 1000: no round trip per object). On success each is
  //! flushed (an inserted one holds the row read back); on failure none is marked flushed.
  virtual void flush_group(Connection& connection, std::span<EntryBase* const> group) = 0;
  //! The transaction committed: what was flushed is now the committed state.
  virtual void committed() = 0;
  //! The transaction rolled back: the object returns to its committed state.
  virtual void rolled_back() = 0;

  // Savepoints (Session::begin_nested), numbered by depth: 1 is the outermost.
  //! Before the object's first write inside savepoint `depth`: keeps what rolling back to
  //! that savepoint restores. false when it is kept already (the object was written since).
  virtual bool save_for_savepoint(int depth) = 0;
  //! Savepoint `depth` (the innermost, which this object was written in) was released:
  //! its kept state now belongs to savepoint depth-1. true when the object must join
  //! depth-1's written list (it had no state kept there yet).
  virtual bool release_savepoint(int depth) = 0;
  //! Rolled back to savepoint `depth` (the innermost): the object returns to how it was
  //! when the savepoint began -- written rows restored, unflushed edits dropped, objects
  //! added since transient, objects removed since persistent again.
  virtual void rollback_to_savepoint(int depth) = 0;

  //! Inserted by the current transaction: a rollback makes it transient again.
  bool inserted_in_transaction = false;

 protected:
  ObjectState state_;
  std::size_t order_;
};

//! The current time for default(now) and on_update(now) columns, to the microsecond.
inline Timestamp now_timestamp() {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

template <Model M>
class Entry final : public EntryBase {
 public:
  using ColumnMask = std::array<bool, model_column_count<M>>;

  Entry(M object, ObjectState state, std::size_t order)
      : EntryBase(state, order), object_(std::move(object)) {
    if (state == ObjectState::persistent) flushed_ = committed_ = object_;
  }

  M& object() { return object_; }
  [[nodiscard]] int rank() const override {
    if constexpr (requires { model_traits<M>::dependency_rank; }) {
      return model_traits<M>::dependency_rank;
    } else {
      return 0;
    }
  }
  [[nodiscard]] const void* address() const override { return &object_; }
  [[nodiscard]] std::string key() const override { return identity_key(object_); }

  [[nodiscard]] bool needs_flush() const override {
    switch (state_) {
      case ObjectState::pending: return true;
      case ObjectState::deleted: return !delete_flushed_;
      case ObjectState::persistent: return changed_columns().has_value();
      default: return false;
    }
  }

  void flush(Connection& connection) override {
    if (state_ == ObjectState::pending) {
      insert(connection);
    } else if (state_ == ObjectState::deleted) {
      if (!delete_flushed_) remove(connection);
    } else if (state_ == ObjectState::persistent) {
      if (changed_columns()) update(connection);
    }
  }

  [[nodiscard]] const void* model_tag() const override {
    static constexpr char tag = 0;
    return &tag;
  }

  void flush_group(Connection& connection, std::span<EntryBase* const> group) override {
    const Dialect& dialect = connection.dialect();
    std::vector<RenderedStatement> statements;
    statements.reserve(group.size());
    std::size_t inserts = 0;
    bool explicit_key = false;
    for (EntryBase* base : group) {
      auto& entry = static_cast<Entry&>(*base);
      RenderedStatement& statement = statements.emplace_back();
      statement.values.reserve(model_column_count<M>);
      if (entry.state_ == ObjectState::pending) {
        const ColumnMask included = entry.columns_to_insert(explicit_key);
        statement.sql = cached_insert_sql(dialect, included);
        entry.append_values(statement.values, included, entry.object_);
        ++inserts;
      } else if (entry.state_ == ObjectState::deleted) {
        statement.sql = delete_by_key_sql<M>(dialect);
        entry.append_values(statement.values, primary_key_mask(),
                            entry.flushed_ ? *entry.flushed_ : entry.object_);
      } else {
        const ColumnMask changed = entry.columns_to_update();
        statement.sql = update_sql<M>(dialect, changed);
        entry.append_values(statement.values, changed, entry.object_);
        entry.append_values(statement.values, primary_key_mask(), *entry.flushed_);
      }
    }
    // Only INSERTs return rows: the k-th row is the k-th inserted object's.
    std::vector<M> returned(inserts);
    ReturnedRows sink(returned);
    run_batches(connection, statements, &sink);
    std::size_t next_row = 0;
    for (EntryBase* base : group) {
      auto& entry = static_cast<Entry&>(*base);
      if (entry.state_ == ObjectState::pending) {
        entry.object_ = std::move(returned[next_row++]);
        entry.inserted();
      } else if (entry.state_ == ObjectState::deleted) {
        entry.delete_flushed_ = true;
      } else {
        entry.flushed_ = entry.object_;
      }
    }
    if (explicit_key) advance_key_generator<M>(connection);
  }

  void committed() override {
    if (state_ == ObjectState::persistent) committed_ = object_;
    if (state_ == ObjectState::deleted) {
      state_ = ObjectState::detached;
      committed_.reset();
    }
    delete_flushed_ = false;
    inserted_in_transaction = false;
    saved_.clear();
  }

  void rolled_back() override {
    if (inserted_in_transaction || state_ == ObjectState::pending) {
      state_ = ObjectState::transient;
      flushed_.reset();
      committed_.reset();
    } else if (committed_) {
      object_ = *committed_;
      flushed_ = committed_;
      state_ = ObjectState::persistent;
    }
    delete_flushed_ = false;
    inserted_in_transaction = false;
    saved_.clear();
  }

  bool save_for_savepoint(int depth) override {
    if (!saved_.empty() && saved_.back().depth >= depth) return false;
    saved_.push_back({depth, state_, flushed_, delete_flushed_, inserted_in_transaction});
    return true;
  }

  bool release_savepoint(int depth) override {
    // The state kept at `depth` is also this object's state when savepoint depth-1
    // began, unless depth-1 kept one of its own (written there before `depth` began).
    const bool parent_kept = saved_.size() >= 2 && saved_[saved_.size() - 2].depth == depth - 1;
    if (depth == 1 || parent_kept) {
      saved_.pop_back();
      return false;
    }
    saved_.back().depth = depth - 1;
    return true;
  }

  void rollback_to_savepoint(int depth) override {
    if (!saved_.empty() && saved_.back().depth >= depth) {
      Saved& kept = saved_.back();
      state_ = kept.state;
      flushed_ = std::move(kept.flushed);
      delete_flushed_ = kept.delete_flushed;
      inserted_in_transaction = kept.inserted_in_transaction;
      saved_.pop_back();
    }
    // Everything pending was added after the savepoint began (begin_nested() flushes), and
    // an unflushed remove() happened after it too.
    if (state_ == ObjectState::pending) {
      state_ = ObjectState::transient;
      flushed_.reset();
    } else if (state_ == ObjectState::deleted && !delete_flushed_) {
      state_ = ObjectState::persistent;
    }
    if (state_ == ObjectState::persistent && flushed_) object_ = *flushed_;
  }

  //! Loaded from the database: this row is the object's flushed and committed state.
  void loaded() {
    flushed_ = object_;
    committed_ = object_;
    state_ = ObjectState::persistent;
  }

 private:
  //! The columns whose value differs from what was last flushed; nullopt when none do.
  [[nodiscard]] std::optional<ColumnMask> changed_columns() const {
    if (!flushed_) return std::nullopt;
    ColumnMask changed{};
    bool any = false;
    for_each_column<M>([&](const auto& column) {
      if (!same_value(column.of(object_), column.of(*flushed_))) {  // -0.0 is not 0.0
        changed[std::remove_cvref_t<decltype(column)>::index] = true;
        any = true;
      }
    });
    if (!any) return std::nullopt;
    return changed;
  }

  //! The RETURNING row of each statement of a group, in statement order.
  class ReturnedRows final : public BatchRowSink {
   public:
    explicit ReturnedRows(std::vector<M>& rows) : rows_(rows) {}
    void read(const Row& row, bool /*first*/, std::string_view /*sql*/) override {
      if (next_ < rows_.size()) read_row(row, rows_[next_++]);
    }

   private:
    std::vector<M>& rows_;
    std::size_t next_ = 0;
  };

  //! The columns an INSERT of the object names: not an auto key left at 0, nor a
  //! default(now) column left unset, which the database fills (the latter is set to now
  //! here). `explicit_key` becomes true when the object gives its auto key a value.
  ColumnMask columns_to_insert(bool& explicit_key) {
    ColumnMask included{};
    for_each_column<M>([&](const auto& column) {
      using C = std::remove_cvref_t<decltype(column)>;
      using T = typename C::value_type;
      bool include = true;
      // An auto key left at 0 and a default(now) column left unset are the database's to fill.
      if constexpr (std::is_integral_v<T>) {
        if (column.flags.autoincrement) {
          include = column.of(object_) != 0;
          if (include) explicit_key = true;
        }
      }
      if constexpr (std::is_same_v<T, Timestamp>) {
        if (column.flags.default_now && column.of(object_) == Timestamp{}) {
          column.of(object_) = now_timestamp();
        }
      }
      // A decimal that does not fit its column is refused before any SQL is sent; one that
      // fits takes the column's scale, as the database returns it.
      fit_column_value(column, column.of(object_));
      included[C::index] = include;
    });
    return included;
  }

  //! The INSERT succeeded and the object holds the row the database returned.
  void inserted() {
    state_ = ObjectState::persistent;
    inserted_in_transaction = true;
    flushed_ = object_;
  }

  //! insert_sql() for `included`, built once per run of objects inserting the same columns
  //! (typically every object of a flush) on this thread; the statement cache then finds
  //! the prepared statement by this text.
  static const std::string& cached_insert_sql(const Dialect& dialect, const ColumnMask& included) {
    thread_local struct {
      const Dialect* dialect = nullptr;
      ColumnMask mask{};
      std::string sql;
    } last;
    if (last.dialect != &dialect || last.mask != included) {
      last.sql = insert_sql<M>(dialect, included);
      last.dialect = &dialect;
      last.mask = included;
    }
    return last.sql;
  }

  void insert(Connection& connection) {
    bool explicit_key = false;
    const ColumnMask included = columns_to_insert(explicit_key);
    Statement statement = connection.prepare(cached_insert_sql(connection.dialect(), included));
    std::size_t next = 1;
    for_each_column<M>([&](const auto& column) {
      if (included[std::remove_cvref_t<decltype(column)>::index]) {
        statement.bind(next++, column.of(object_));
      }
    });
    // The object's fields are bound by reference until the result is finished, so the
    // returned row (keys, server defaults) is read aside and moved in afterwards.
    std::optional<M> returned;
    {
      Result result = statement.query();
      if (result.next()) read_row(result.row(), returned.emplace());
      while (result.next()) {
      }
    }
    if (returned) object_ = std::move(*returned);
    if (explicit_key) advance_key_generator<M>(connection);
    inserted();
  }

  //! The columns an UPDATE of the object sets: those changed since the last flush, and
  //! on_update(now) columns, which advance (here) with every change the user did not make
  //! to them. Only for an object that needs a flush.
  ColumnMask columns_to_update() {
    ColumnMask changed = *changed_columns();
    for_each_column<M>([&](const auto& column) {
      using C = std::remove_cvref_t<decltype(column)>;
      if constexpr (std::is_same_v<typename C::value_type, Timestamp>) {
        if (column.flags.on_update_now && !changed[C::index]) {
          column.of(object_) = now_timestamp();
          changed[C::index] = true;
        }
      }
      if (changed[C::index]) fit_column_value(column, column.of(object_));
    });
    return changed;
  }

  static constexpr ColumnMask primary_key_mask() {
    ColumnMask mask{};
    for (const std::size_t index : model_traits<M>::primary_key) mask[index] = true;
    return mask;
  }

  //! The values of `row`'s columns marked in `mask`, in model order, as a batch binds them.
  static void append_values(std::vector<Value>& values, const ColumnMask& mask, const M& row) {
    for_each_column<M>([&](const auto& column) {
      if (mask[std::remove_cvref_t<decltype(column)>::index]) {
        values.push_back(ormc::to_value(column.of(row)));
      }
    });
  }

  void update(Connection& connection) {
    const ColumnMask changed = columns_to_update();
    Statement statement = connection.prepare(update_sql<M>(connection.dialect(), changed));
    std::size_t next = 1;
    for_each_column<M>([&](const auto& column) {
      if (changed[std::remove_cvref_t<decltype(column)>::index]) {
        statement.bind(next++, column.of(object_));
      }
    });
    bind_primary_key(statement, next, *flushed_);
    statement.execute();
    flushed_ = object_;
  }

  void remove(Connection& connection) {
    Statement statement = connection.prepare(delete_by_key_sql<M>(connection.dialect()));
    bind_primary_key(statement, 1, flushed_ ? *flushed_ : object_);
    statement.execute();
    delete_flushed_ = true;
  }

  //! What rolling back to a savepoint restores: the object's state when savepoint `depth`
  //! began, kept at its first write inside it (innermost last).
  struct Saved {
    int depth;
    ObjectState state;
    std::optional<M> flushed;
    bool delete_flushed;
    bool inserted_in_transaction;
  };

  M object_;
  std::vector<Saved> saved_;
  bool delete_flushed_ = false;
  std::optional<M> flushed_;    //!< the row as the database holds it in this transaction
  std::optional<M> committed_;  //!< the row as of the last commit (what rollback restores)
};

}  // namespace ormc::detail
