// IdentityMap<M>: everything a Session keeps for objects of one model -- their entries, the
// index by primary key, and the short lists autoflush and commit work from (added,
// removed, flagged, written in this transaction), so that no step walks every held object
// except flush(), rollback and savepoint rollback, which must compare each with its snapshot.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "ormc/config.hpp"
#include "ormc/connection.hpp"
#include "ormc/detail/bulk_rows.hpp"
#include "ormc/detail/decimal_column.hpp"
#include "ormc/detail/row_batch.hpp"
#include "ormc/query/key_generator.hpp"
#include "ormc/session/column_values.hpp"
#include "ormc/session/entry.hpp"
#include "ormc/session/entry_pool.hpp"
#include "ormc/session/flush_batch.hpp"
#include "ormc/session/key_index.hpp"
#include "ormc/session/model_map.hpp"
#include "ormc/session/model_sql.hpp"
#include "ormc/types.hpp"

namespace ormc::detail {

//! The flush's work for relation changes (ormc/session/relation_handler.hpp, compiled with
//! the rest of the model's Session code).
template <Model M>
struct RelationFlush;
//! Rows that name each other through nullable keys (ormc/session/post_update.hpp).
template <Model M>
struct PostUpdate;

//! The current time for default(now) and on_update(now) columns, to the microsecond.
inline Timestamp now_timestamp() {
  return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
}

template <Model M>
constexpr int dependency_rank() {
  if constexpr (requires { model_traits<M>::dependency_rank; }) {
    return model_traits<M>::dependency_rank;
  } else {
    return 0;
  }
}

template <Model M>
class IdentityMap final : public ModelMapBase {
 public:
  using EntryT = Entry<M>;

  IdentityMap() : ModelMapBase(dependency_rank<M>()) {}
  ~IdentityMap() override = default;

  [[nodiscard]] EntryT* find(const key_t<M>& key) const { return index_.find(key); }
  [[nodiscard]] EntryT* entry_of(const M& object) const { return pool_.find(&object); }
  [[nodiscard]] std::size_t size() const override { return pool_.size(); }

  //! A new entry holding `object`, in no list yet.
  EntryT* create(M&& object, std::size_t order) {
    EntryT* entry = pool_.create(std::move(object));
    entry->order = order;
    return entry;
  }

  //! An object just read from the database: persistent, its snapshot taken, indexed.
  void loaded(EntryT& entry) {
    capture_columns(entry.object, entry.flushed);
    entry.state = ObjectState::persistent;
    index_.insert(&entry);
  }

  //! SELECT of every column by primary key, built once.
  const std::string& select_by_key(const Dialect& dialect) {
    if (select_dialect_ != &dialect) {
      select_sql_ = select_by_key_sql<M>(dialect);
      select_dialect_ = &dialect;
    }
    return select_sql_;
  }

  //! A held object's row was changed by a Core UPDATE: the object and its snapshot take
  //! the row read into `values`.
  void updated_in_database(EntryT& entry, const ColumnValues<M>& values) {
    if (!entry.touched && !entry.inserted_in_transaction && !entry.committed) {
      entry.committed = std::make_unique<ColumnValues<M>>(entry.flushed);
    }
    restore_flushed(entry, values);
    assign_columns(entry.object, values);
    touch(entry);
  }

  //! A held object's row was deleted by a Core DELETE: deleted now, detached at commit.
  void deleted_in_database(EntryT& entry, int savepoint_depth) {
    keep_for_savepoint(entry, savepoint_depth);
    entry.state = ObjectState::deleted;
    entry.delete_flushed = true;
    touch(entry);
  }

  void added(EntryT& entry) { pending_.push_back(&entry); }
  void removed(EntryT& entry) { deleted_.push_back(&entry); }
  void flag(EntryT& entry) {
    if (entry.flagged) return;
    entry.flagged = true;
    flagged_.push_back(&entry);
  }
  void unindex(EntryT& entry) { index_.erase(&entry); }
  //! A relation of the entry's object changed: the next flush writes what follows from it.
  //! Returns whether it was not already listed.
  bool relink(EntryT& entry) {
    if (entry.state == ObjectState::persistent) flag(entry);
    if (entry.relinked) return false;
    entry.relinked = true;
    relinked_.push_back(&entry);
    return true;
  }

  //! Takes the entry out of every list and destroys it.
  void destroy(EntryT& entry) {
    if constexpr (has_relations<M>) RelationFlush<M>::unbind(entry);
    index_.erase(&entry);
    auto drop = [&](std::vector<EntryT*>& list) {
      list.erase(std::remove(list.begin(), list.end(), &entry), list.end());
    };
    drop(pending_);
    drop(deleted_);
    drop(flagged_);
    drop(touched_);
    drop(relinked_);
    std::erase_if(post_updates_, [&](const auto& deferred) { return deferred.first == &entry; });
    for (auto& written : written_) drop(written);
    pool_.destroy(&entry);
  }

  void flush_writes(FlushContext& context) override {
    std::vector<EntryT*> inserts;
    inserts.reserve(pending_.size());
    for (EntryT* entry : pending_) {
      if (entry->state == ObjectState::pending) inserts.push_back(entry);
    }
    // Rows whose relation names a row of this model still to be inserted wait for it.
    std::vector<EntryT*> waiting;
    std::vector<EntryT*> releasing;  //!< orphans that give up their keys before their DELETE
    if constexpr (has_relations<M>) {
      post_updates_.clear();
      if (!relinked_.empty()) {
        // A key naming a new row of another model, which is written after M (a cycle
        // between models): NULL now, the second UPDATE writes it (post_update).
        for (EntryT* entry : relinked_) {
          if (entry->state == ObjectState::pending || entry->state == ObjectState::persistent) {
            defer_keys(context.session, *entry, false);
          }
        }
        std::erase_if(inserts, [&](EntryT* entry) {
          if (!entry->relinked || RelationFlush<M>::before_write(context.session, *entry, true)) {
            return false;
          }
          waiting.push_back(entry);
          return true;
        });
        for (EntryT* entry : relinked_) {
          if (entry->state == ObjectState::deleted && !entry->delete_flushed &&
              RelationFlush<M>::release_keys(*entry)) {
            releasing.push_back(entry);
            continue;
          }
          if (entry->state == ObjectState::persistent &&
              !RelationFlush<M>::before_write(context.session, *entry, true)) {
            waiting.push_back(entry);  // an update naming a row of M still to be inserted
            continue;
          }
          const bool writes = entry->state == ObjectState::persistent ||
                              (entry->state == ObjectState::pending &&
                               std::find(waiting.begin(), waiting.end(), entry) == waiting.end());
          if (writes) RelationFlush<M>::before_write(context.session, *entry, false);
        }
      }
      // Rows deleted together that name each other: their keys go first (post_update).
      for (EntryT* entry : deleted_) {
        if (entry->state == ObjectState::deleted && !entry->delete_flushed &&
            PostUpdate<M>::release_for_delete(context.session, *entry) &&
            std::find(releasing.begin(), releasing.end(), entry) == releasing.end()) {
          releasing.push_back(entry);
        }
      }
    }
    std::vector<EntryT*> updates;
    auto consider = [&](EntryT& entry) {
      if (entry.state == ObjectState::persistent && !waits(entry, waiting) &&
          any_column_changed(entry.object, entry.flushed)) {
        updates.push_back(&entry);
      }
    };
    if (context.full) {
      pool_.for_each(consider);
      std::sort(updates.begin(), updates.end(),
                [](const EntryT* a, const EntryT* b) { return a->order < b->order; });
    } else {
      for (EntryT* entry : flagged_) consider(*entry);
    }
    updates.insert(updates.end(), releasing.begin(), releasing.end());
    if (!inserts.empty() || !updates.empty()) write(context, inserts, updates);
    if constexpr (has_relations<M>) {
      // A manager before her reports: each round inserts the rows whose targets are in.
      while (!waiting.empty()) {
        std::vector<EntryT*> ready;
        std::erase_if(waiting, [&](EntryT* entry) {
          if (!RelationFlush<M>::before_write(context.session, *entry, true)) return false;
          ready.push_back(entry);
          return true;
        });
        if (ready.empty()) {
          // A cycle: the first row whose key into it may be NULL goes in without that key,
          // which a second UPDATE writes (post_update).
          for (std::size_t i = 0; i < waiting.size(); ++i) {
            EntryT* entry = waiting[i];
            if (defer_keys(context.session, *entry, true) &&
                RelationFlush<M>::before_write(context.session, *entry, true)) {
              ready.push_back(entry);
              waiting.erase(waiting.begin() + static_cast<std::ptrdiff_t>(i));
              break;
            }
          }
        }
        if (ready.empty()) {
          throw InvalidRequestError(
              "flush: " + std::to_string(waiting.size()) + " new " +
              std::string(model_traits<M>::model_name) +
              " objects name each other in a cycle through relations whose foreign keys are NOT "
              "NULL, so none can be inserted first; insert one without the relation, flush(), "
              "then set it (or make one of the keys nullable)");
        }
        std::vector<EntryT*> ready_inserts;
        std::vector<EntryT*> ready_updates;
        for (EntryT* entry : ready) {
          RelationFlush<M>::before_write(context.session, *entry, false);
          if (entry->state == ObjectState::pending) {
            ready_inserts.push_back(entry);
          } else if (any_column_changed(entry->object, entry->flushed)) {
            ready_updates.push_back(entry);
          }
        }
        write(context, ready_inserts, ready_updates);
      }
      for (std::size_t i = 0; i < relinked_.size(); ++i) {  // after_write may relink more
        EntryT* entry = relinked_[i];
        if (entry->state == ObjectState::persistent) {
          RelationFlush<M>::after_write(context.session, *entry);
        }
      }
    }
    pending_.clear();
    clear_flags();
  }

  void flush_relation_rows(FlushContext& context) override {
    if constexpr (has_relations<M>) {
      if (!post_updates_.empty()) write_post_updates(context);
      for (EntryT* entry : relinked_) {
        if (entry->state == ObjectState::persistent ||
            (entry->state == ObjectState::deleted && !entry->delete_flushed)) {
          RelationFlush<M>::write_association_rows(context.connection, *entry);
        }
        entry->relinked = false;
      }
    }
    relinked_.clear();
  }

  void flush_deletes(FlushContext& context) override {
    std::vector<EntryT*> deletes;
    for (EntryT* entry : deleted_) {
      if (entry->state == ObjectState::deleted && !entry->delete_flushed) deletes.push_back(entry);
    }
    deleted_.clear();
    if (deletes.empty()) return;
    std::vector<typename FlushBatch<M>::Write> writes;
    writes.reserve(deletes.size());
    texts_.clear();
    text_keys_.clear();
    const std::size_t text = text_for(context.connection.dialect(), WriteKind::remove, {}, false);
    for (EntryT* entry : deletes) {
      keep_for_savepoint(*entry, context.savepoint_depth);
      writes.push_back({entry, WriteKind::remove, text, {}, false});
    }
    FlushBatch<M> batch(std::move(writes), texts_, false);
    run_row_batch(context.connection, batch);
    for (EntryT* entry : deletes) {
      entry->delete_flushed = true;
      touch(*entry);
    }
  }

  void committed() override {
    for (EntryT* entry : touched_) {
      entry->touched = false;
      entry->committed.reset();
      entry->saved.reset();
      entry->inserted_in_transaction = false;
      if (entry->state == ObjectState::deleted) {
        index_.erase(entry);
        entry->state = ObjectState::detached;
      }
      entry->delete_flushed = false;
    }
    touched_.clear();
    written_.clear();
  }

  void rolled_back() override {
    for (EntryT* entry : pending_) {
      if (entry->state == ObjectState::pending) entry->state = ObjectState::transient;
    }
    pending_.clear();
    for (EntryT* entry : deleted_) {
      if (entry->state == ObjectState::deleted && !entry->delete_flushed) {
        entry->state = ObjectState::persistent;
      }
    }
    deleted_.clear();
    for (EntryT* entry : touched_) {
      entry->touched = false;
      entry->saved.reset();
      if (entry->inserted_in_transaction) {
        index_.erase(entry);
        entry->inserted_in_transaction = false;
        entry->state = ObjectState::transient;
      } else if (entry->state == ObjectState::persistent || entry->state == ObjectState::deleted) {
        if (entry->committed) restore_flushed(*entry, *entry->committed);
        entry->state = ObjectState::persistent;
      }
      entry->committed.reset();
      entry->delete_flushed = false;
    }
    touched_.clear();
    written_.clear();
    clear_flags();
    revert_unflushed_edits();
    expire_relations();
  }

  void savepoint_released(int depth) override {
    if (written_.size() < static_cast<std::size_t>(depth)) return;
    std::vector<EntryT*> written = std::move(written_[static_cast<std::size_t>(depth) - 1]);
    written_.resize(static_cast<std::size_t>(depth) - 1);
    for (EntryT* entry : written) {
      auto& saved = *entry->saved;
      // The state kept at `depth` is also the object's state when savepoint depth-1
      // began, unless depth-1 kept one of its own (written there before `depth` began).
      const bool parent_kept = saved.size() >= 2 && saved[saved.size() - 2].depth == depth - 1;
      if (depth == 1 || parent_kept) {
        saved.pop_back();
      } else {
        saved.back().depth = depth - 1;
        written_list(depth - 1).push_back(entry);
      }
    }
  }

  void rolled_back_to_savepoint(int depth) override {
    if (written_.size() >= static_cast<std::size_t>(depth)) {
      for (EntryT* entry : written_[static_cast<std::size_t>(depth) - 1]) {
        auto& saved = *entry->saved;
        if (saved.empty() || saved.back().depth < depth) continue;
        SavedEntry<M>& kept = saved.back();
        index_.erase(entry);
        entry->state = kept.state;
        entry->delete_flushed = kept.delete_flushed;
        entry->inserted_in_transaction = kept.inserted_in_transaction;
        if (kept.has_flushed) {
          restore_flushed(*entry, kept.flushed);
          index_.insert(entry);
        }
        saved.pop_back();
      }
      written_.resize(static_cast<std::size_t>(depth) - 1);
    }
    // Everything pending was added after the savepoint began (begin_nested() flushes), and
    // an unflushed remove() happened after it too.
    pool_.for_each([&](EntryT& entry) {
      if (entry.state == ObjectState::pending) {
        entry.state = ObjectState::transient;
      } else if (entry.state == ObjectState::deleted && !entry.delete_flushed) {
        entry.state = ObjectState::persistent;
      }
    });
    pending_.clear();
    deleted_.clear();
    clear_flags();
    revert_unflushed_edits();
    expire_relations();
  }

  void detach_all() override {
    pool_.for_each([](EntryT& entry) {
      if (entry.state == ObjectState::persistent || entry.state == ObjectState::deleted) {
        entry.state = ObjectState::detached;
      } else if (entry.state == ObjectState::pending) {
        entry.state = ObjectState::transient;
      }
      entry.touched = false;
      entry.flagged = false;
      entry.indexed = false;
      entry.committed.reset();
      entry.saved.reset();
    });
    index_.clear();
    pending_.clear();
    deleted_.clear();
    flagged_.clear();
    touched_.clear();
    written_.clear();
    unlink_all();
  }

  void clear() override {
    index_.clear();
    pending_.clear();
    deleted_.clear();
    flagged_.clear();
    touched_.clear();
    written_.clear();
    relinked_.clear();
    post_updates_.clear();
    pool_.clear();
  }

 private:
  using Write = typename FlushBatch<M>::Write;

  //! Writes `inserts` then `updates` as one batch, then brings their entries up to date.
  void write(FlushContext& context, std::span<EntryT* const> inserts,
             std::span<EntryT* const> updates) {
    const Dialect& dialect = context.connection.dialect();
#if ORMC_WITH_POSTGRESQL
    if constexpr (autoincrement_column<M>() >= 0) {
      if (dialect.kind() == DialectKind::postgresql && context.copy_threshold > 0 &&
          inserts.size() >= context.copy_threshold) {
        copy_inserts(context, inserts);
        inserts = {};
        if (updates.empty()) return;
      }
    }
#endif
    std::vector<Write> writes;
    writes.reserve(inserts.size() + updates.size());
    texts_.clear();
    text_keys_.clear();
    bool explicit_key = false;
    // Updates first, as SQLAlchemy orders them: a row giving up a unique value (a profile
    // leaving its user) makes room for the new row that takes it.
    for (EntryT* entry : updates) {
      const ColumnMask<M> changed = columns_to_update(*entry);
      writes.push_back({entry, WriteKind::update,
                        text_for(dialect, WriteKind::update, changed, false), changed, false});
    }
    for (EntryT* entry : inserts) {
      bool database_key = false;
      const ColumnMask<M> included = columns_to_insert(*entry, explicit_key, database_key);
      writes.push_back({entry, WriteKind::insert,
                        text_for(dialect, WriteKind::insert, included, database_key), included,
                        database_key});
    }
    for (const Write& w : writes) keep_for_savepoint(*w.entry, context.savepoint_depth);
    const bool sqlite = dialect.kind() == DialectKind::sqlite;
    FlushBatch<M> batch(std::move(writes), texts_, sqlite);
    index_.reserve(index_.size() + inserts.size());
    run_row_batch(context.connection, batch);
    if (explicit_key) advance_key_generator<M>(context.connection);

    const std::span<const Write> done = batch.writes();
    for (std::size_t i = 0; i < done.size(); ++i) {
      EntryT& entry = *done[i].entry;
      if (done[i].kind == WriteKind::insert) {
        if constexpr (autoincrement_column<M>() >= 0) {
          if (done[i].database_key) {
            column_at<M, static_cast<std::size_t>(autoincrement_column<M>())>().of(entry.object) =
                batch.returned_key(i);
          }
        }
        capture_columns(entry.object, entry.flushed);
        entry.state = ObjectState::persistent;
        entry.inserted_in_transaction = true;
        index_.insert(&entry);
      } else {
        // The committed row is kept at the object's first write in the transaction.
        if (!entry.touched && !entry.inserted_in_transaction && !entry.committed) {
          entry.committed = std::make_unique<ColumnValues<M>>(entry.flushed);
        }
        const bool key_changed = changes_key(done[i].mask);
        if (key_changed) index_.erase(&entry);
        copy_columns(entry.object, entry.flushed, done[i].mask);
        if (key_changed) index_.insert(&entry);
      }
      touch(entry);
    }
  }

  //! Many new objects on PostgreSQL: every value but the identity key is the object's, so
  //! the keys are reserved from the identity sequence in one statement, the objects take
  //! them, and all go by one COPY (which returns no rows). A failure takes the reserved
  //! keys back out of the objects: they are pending again, as they were.
#if ORMC_WITH_POSTGRESQL
  void copy_inserts(FlushContext& context, std::span<EntryT* const> inserts) {
    constexpr auto key = static_cast<std::size_t>(autoincrement_column<M>());
    using Key = typename column_t<M, key>::value_type;
    bool explicit_key = false;
    std::vector<EntryT*> keyless;
    for (EntryT* entry : inserts) {
      bool database_key = false;
      (void)columns_to_insert(*entry, explicit_key, database_key);
      if (database_key) keyless.push_back(entry);
      keep_for_savepoint(*entry, context.savepoint_depth);
    }
    try {
      const std::vector<std::int64_t> keys = reserve_keys<M>(context.connection, keyless.size());
      for (std::size_t i = 0; i < keyless.size(); ++i) {
        column_at<M, key>().of(keyless[i]->object) = static_cast<Key>(keys[i]);
      }
      std::array<std::size_t, model_column_count<M>> columns{};
      for (std::size_t i = 0; i < columns.size(); ++i) columns[i] = i;
      copy_rows<M>(context.connection, ObjectsOf{inserts}, columns);
      if (explicit_key) advance_key_generator<M>(context.connection);
    } catch (...) {
      for (EntryT* entry : keyless) column_at<M, key>().of(entry->object) = Key{};
      throw;
    }
    index_.reserve(index_.size() + inserts.size());
    for (EntryT* entry : inserts) {
      capture_columns(entry->object, entry->flushed);
      entry->state = ObjectState::persistent;
      entry->inserted_in_transaction = true;
      index_.insert(entry);
      touch(*entry);
    }
  }
#endif

  //! The objects of `entries`, as a range copy_rows() walks (not std::views::transform:
  //! clang 14, the ASan build, cannot compile libstdc++ 12's <ranges>).
  struct ObjectsOf {
    struct Iterator {
      EntryT* const* at;
      const M& operator*() const { return (*at)->object; }
      Iterator& operator++() {
        ++at;
        return *this;
      }
      bool operator!=(const Iterator& other) const { return at != other.at; }
    };
    std::span<EntryT* const> entries;
    [[nodiscard]] Iterator begin() const { return {entries.data()}; }
    [[nodiscard]] Iterator end() const { return {entries.data() + entries.size()}; }
  };

  //! PostUpdate<M>::defer() for the entry, remembering what it deferred for
  //! write_post_updates(). Returns whether it deferred a key.
  bool defer_keys(Session& session, EntryT& entry, bool same_model) {
    const std::uint64_t deferred = PostUpdate<M>::defer(session, entry, same_model);
    if (deferred == 0) return false;
    for (auto& [held, mask] : post_updates_) {
      if (held == &entry) {
        mask |= deferred;
        return true;
      }
    }
    post_updates_.emplace_back(&entry, deferred);
    return true;
  }

  //! After every model's INSERTs: the second UPDATE of the rows inserted without the key
  //! of a row that was still to be inserted, now that it is in (post_update).
  void write_post_updates(FlushContext& context) {
    std::vector<EntryT*> updates;
    for (auto& [entry, deferred] : post_updates_) {
      if (entry->state != ObjectState::persistent) continue;
      PostUpdate<M>::reassign(*entry, deferred);
      RelationFlush<M>::before_write(context.session, *entry, false);
      if (any_column_changed(entry->object, entry->flushed)) updates.push_back(entry);
    }
    post_updates_.clear();
    if (!updates.empty()) write(context, {}, updates);
  }

  static bool waits(const EntryT& entry, const std::vector<EntryT*>& waiting) {
    if constexpr (has_relations<M>) {
      return entry.relinked && std::find(waiting.begin(), waiting.end(), &entry) != waiting.end();
    } else {
      return false;
    }
  }

  static bool changes_key(const ColumnMask<M>& mask) {
    for (std::size_t key : model_traits<M>::primary_key) {
      if (mask[key]) return true;
    }
    return false;
  }

  //! Copies the object's columns marked in `mask` into `values`.
  static void copy_columns(const M& object, ColumnValues<M>& values, const ColumnMask<M>& mask) {
    for_each_column_indexed<M>([&](const auto& column, auto index) {
      if (mask[decltype(index)::value])
        column_value<decltype(index)::value>(values) = column.of(object);
    });
  }

  //! The columns an INSERT of the object names: not an auto key left at 0 (the database
  //! assigns it: `database_key`), nor -- set here to now first -- a default(now) column
  //! left unset. A version counter starts at 1. `explicit_key` becomes true when the
  //! object gives its auto key a value.
  static ColumnMask<M> columns_to_insert(EntryT& entry, bool& explicit_key, bool& database_key) {
    ColumnMask<M> included{};
    for_each_column_indexed<M>([&](const auto& column, auto index) {
      using T = typename std::remove_cvref_t<decltype(column)>::value_type;
      constexpr std::size_t i = decltype(index)::value;
      bool include = true;
      auto& value = column.of(entry.object);
      if constexpr (std::is_integral_v<T>) {
        if (column.flags.autoincrement) {
          include = value != 0;
          if (include) {
            explicit_key = true;
          } else {
            database_key = true;
          }
        }
        if (static_cast<int>(i) == version_column<M>()) value = 1;
      }
      if constexpr (std::is_same_v<T, Timestamp>) {
        if (column.flags.default_now && value == Timestamp{}) value = now_timestamp();
      }
      // A decimal that does not fit its column is refused before any SQL is sent; one that
      // fits takes the column's scale, as the database returns it.
      fit_column_value(column, value);
      included[i] = include;
    });
    return included;
  }

  //! The columns an UPDATE of a changed object sets: those that differ from the snapshot,
  //! on_update(now) columns the user did not set (advanced to now here), and the version
  //! counter (the snapshot's plus one).
  static ColumnMask<M> columns_to_update(EntryT& entry) {
    bool any = false;
    ColumnMask<M> changed = changed_columns(entry.object, entry.flushed, any);
    for_each_column_indexed<M>([&](const auto& column, auto index) {
      using T = typename std::remove_cvref_t<decltype(column)>::value_type;
      constexpr std::size_t i = decltype(index)::value;
      if constexpr (std::is_same_v<T, Timestamp>) {
        if (column.flags.on_update_now && !changed[i]) {
          column.of(entry.object) = now_timestamp();
          changed[i] = true;
        }
      }
      if constexpr (std::is_integral_v<T>) {
        if (static_cast<int>(i) == version_column<M>()) {
          column.of(entry.object) = static_cast<T>(column_value<i>(entry.flushed) + 1);
          changed[i] = true;
        }
      }
      if (changed[i]) fit_column_value(column, column.of(entry.object));
    });
    return changed;
  }

  //! The index in texts_ of the statement for (kind, mask), built once per map.
  std::size_t text_for(const Dialect& dialect, WriteKind kind, const ColumnMask<M>& mask,
                       bool database_key) {
    for (std::size_t i = 0; i < text_keys_.size(); ++i) {
      const TextKey& key = text_keys_[i];
      if (key.kind == kind && key.database_key == database_key && key.mask == mask) return i;
    }
    std::string* sql = nullptr;
    for (CachedText& cached : cache_) {
      if (cached.kind == kind && cached.database_key == database_key && cached.mask == mask &&
          cached.dialect == &dialect) {
        sql = &cached.sql;
        break;
      }
    }
    if (sql == nullptr) {
      // SQLite gives an INTEGER PRIMARY KEY as the rowid, without RETURNING's overhead.
      const bool returning = database_key && dialect.kind() != DialectKind::sqlite;
      std::string text = kind == WriteKind::insert   ? insert_sql<M>(dialect, mask, returning)
                         : kind == WriteKind::update ? update_sql<M>(dialect, mask)
                                                     : delete_sql<M>(dialect);
      cache_.push_back({&dialect, kind, mask, database_key, std::move(text)});
      sql = &cache_.back().sql;
    }
    texts_.push_back(*sql);
    text_keys_.push_back({kind, mask, database_key});
    return texts_.size() - 1;
  }

  //! Before the entry's first write inside savepoint `depth`: keeps what rolling back to
  //! it restores.
  void keep_for_savepoint(EntryT& entry, int depth) {
    if (depth == 0) return;
    if (!entry.saved) entry.saved = std::make_unique<std::vector<SavedEntry<M>>>();
    auto& saved = *entry.saved;
    if (!saved.empty() && saved.back().depth >= depth) return;
    const bool has_flushed = entry.state != ObjectState::pending;
    saved.push_back({depth, entry.state, has_flushed, entry.delete_flushed,
                     entry.inserted_in_transaction,
                     has_flushed ? entry.flushed : ColumnValues<M>{}});
    written_list(depth).push_back(&entry);
  }

  std::vector<EntryT*>& written_list(int depth) {
    if (written_.size() < static_cast<std::size_t>(depth)) {
      written_.resize(static_cast<std::size_t>(depth));
    }
    return written_[static_cast<std::size_t>(depth) - 1];
  }

  void touch(EntryT& entry) {
    if (entry.touched) return;
    entry.touched = true;
    touched_.push_back(&entry);
  }

  void clear_flags() {
    for (EntryT* entry : flagged_) entry->flagged = false;
    flagged_.clear();
  }

  //! The snapshot becomes `values` (re-indexed under its key).
  void restore_flushed(EntryT& entry, const ColumnValues<M>& values) {
    const bool indexed = entry.indexed;
    if (indexed) index_.erase(&entry);
    entry.flushed = values;
    if (indexed) index_.insert(&entry);
  }

  //! After a rollback the database holds other rows: every relation loads again, and
  //! relation changes not flushed are dropped with the column edits.
  void expire_relations() {
    if constexpr (has_relations<M>) {
      pool_.for_each([](EntryT& entry) { RelationFlush<M>::expire(entry); });
    }
    unlink_all();
  }

  void unlink_all() {
    for (EntryT* entry : relinked_) entry->relinked = false;
    relinked_.clear();
  }

  //! Every persistent object takes its snapshot's values back (unflushed edits dropped).
  void revert_unflushed_edits() {
    pool_.for_each([](EntryT& entry) {
      if (entry.state == ObjectState::persistent &&
          any_column_changed(entry.object, entry.flushed)) {
        assign_columns(entry.object, entry.flushed);
      }
    });
  }

  struct TextKey {
    WriteKind kind;
    ColumnMask<M> mask;
    bool database_key;
  };
  struct CachedText {
    const Dialect* dialect;
    WriteKind kind;
    ColumnMask<M> mask;
    bool database_key;
    std::string sql;
  };

  EntryPool<EntryT> pool_;
  KeyIndex<M> index_;
  std::vector<EntryT*> pending_;   //!< added since the last flush (some may be transient since)
  std::vector<EntryT*> deleted_;   //!< removed since the last flush
  std::vector<EntryT*> flagged_;   //!< flag_modified() since the last flush
  std::vector<EntryT*> touched_;   //!< written in the current transaction
  std::vector<EntryT*> relinked_;  //!< relations changed since the last flush
  //! This flush's rows written without a key they name (a mask of relation indexes),
  //! for the second UPDATE.
  std::vector<std::pair<EntryT*, std::uint64_t>> post_updates_;
  //! Per open savepoint depth (1 first): entries with a state kept for it.
  std::vector<std::vector<EntryT*>> written_;
  std::vector<CachedText> cache_;  //!< every statement text built, by column set
  std::string select_sql_;
  const Dialect* select_dialect_ = nullptr;
  std::vector<std::string> texts_;  //!< the texts of the batch being built
  std::vector<TextKey> text_keys_;
};

}  // namespace ormc::detail
