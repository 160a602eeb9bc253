// FlushBatch<M>: one flush's INSERTs, UPDATEs or DELETEs of objects of M as a RowBatch --
// bound straight from the objects' members and column snapshots, run as one batch of the
// backend (a pipeline on PostgreSQL). A run of one object is a batch of one: there is no
// other write path. UPDATEs and DELETEs must each match one row, else StaleDataError.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "ormc/bind.hpp"
#include "ormc/config.hpp"
#include "ormc/detail/row_batch.hpp"
#include "ormc/detail/sqlite/binder.hpp"
#include "ormc/error.hpp"
#include "ormc/hydrate.hpp"
#include "ormc/row.hpp"
#include "ormc/session/column_values.hpp"
#include "ormc/session/entry.hpp"
#include "ormc/session/model_sql.hpp"
#include "ormc/value.hpp"
#if ORMC_WITH_POSTGRESQL
#include "ormc/detail/postgres/binder.hpp"
#endif

namespace ormc::detail {

enum class WriteKind : std::uint8_t { insert, update, remove };

//! "id=5" or "(a=1, b=2)": a key for messages.
template <Model M>
std::string describe_key(const ColumnValues<M>& values) {
  std::string text;
  bool first = true;
  for (std::size_t index : model_traits<M>::primary_key) {
    for_each_column_indexed<M>([&](const auto& column, auto i) {
      if (decltype(i)::value != index) return;
      text += first ? "" : ", ";
      first = false;
      text += column.name;
      text += '=';
      text += to_log_string(to_value(column_value<decltype(i)::value>(values)));
    });
  }
  return model_traits<M>::primary_key.size() > 1 ? "(" + text + ")" : text;
}

template <Model M>
class FlushBatch final : public RowBatch {
 public:
  struct Write {
    Entry<M>* entry;
    WriteKind kind;
    std::size_t text;    //!< index into texts()
    ColumnMask<M> mask;  //!< insert: the columns named; update: the columns set
    bool database_key;   //!< insert: the database assigns the autoincrement key
  };

  //! `texts`: the SQL of each distinct statement, which `writes` index. `key_from_rowid`:
  //! an assigned key is SQLite's rowid (its INSERTs need no RETURNING); else it comes back
  //! as the INSERT's RETURNING row.
  FlushBatch(std::vector<Write> writes, std::span<const std::string> texts, bool key_from_rowid)
      : writes_(std::move(writes)),
        texts_(texts),
        key_from_rowid_(key_from_rowid),
        keys_(autoincrement_column<M>() >= 0 ? writes_.size() : 0) {}

  [[nodiscard]] std::size_t size() const override { return writes_.size(); }
  [[nodiscard]] std::span<const std::string> texts() const override { return texts_; }
  [[nodiscard]] std::size_t text_of(std::size_t i) const override { return writes_[i].text; }
  void bind(std::size_t i, const sqlite::Binder& binder) override { bind_write(i, binder); }
  void bind(std::size_t i, const postgres::Binder& binder) override {
#if ORMC_WITH_POSTGRESQL
    bind_write(i, binder);
#else
    (void)i, (void)binder;  // no PostgreSQL connection exists in this runtime
#endif
  }

  void read(std::size_t i, const Row& row) override {
    // The returned key is kept aside: the object takes it only when the whole flush
    // succeeded (a failed flush leaves a pending object as it was).
    if constexpr (autoincrement_column<M>() >= 0) {
      row.visit([&](const auto& reader) { read_column(reader, 0, keys_[i]); });
    }
  }

  void done(std::size_t i, std::int64_t rows, std::int64_t rowid) override {
    const Write& write = writes_[i];
    if (write.kind == WriteKind::insert) {
      if constexpr (autoincrement_column<M>() >= 0) {
        if (key_from_rowid_ && write.database_key) keys_[i] = static_cast<Key>(rowid);
      }
      return;
    }
    if (rows == 1) return;
    const bool versioned = version_column<M>() >= 0;
    throw StaleDataError(
        std::string(write.kind == WriteKind::update ? "UPDATE" : "DELETE") + " of " +
        std::string(model_traits<M>::model_name) + " " + describe_key<M>(write.entry->flushed) +
        " matched " + std::to_string(rows) + " rows, expected 1: the row was " +
        (versioned ? "deleted or changed (its version counter moved on) " : "deleted ") +
        "by someone else since this session read it; nothing of this flush is committed");
  }

  [[nodiscard]] std::vector<std::string> param_strings(std::size_t i) const override {
    std::vector<std::string> out;
    each_bound(writes_[i],
               [&](const auto& value) { out.push_back(to_log_string(to_value(value))); });
    return out;
  }

  [[nodiscard]] std::span<const Write> writes() const { return writes_; }
  //! The key the database gave write i's object (an insert with database_key).
  [[nodiscard]] auto& returned_key(std::size_t i) { return keys_[i]; }

 private:
  template <typename Binder>
  void bind_write(std::size_t i, const Binder& binder) {
    int index = 0;
    // Every value lives in an entry until the flush is done: bound without a copy.
    each_bound(writes_[i], [&](const auto& value) { bind_column(binder, ++index, value, true); });
  }

  //! Calls f(value) for every parameter of the write, in placeholder order.
  template <typename F>
  static void each_bound(const Write& write, F&& f) {
    const Entry<M>& entry = *write.entry;
    if (write.kind != WriteKind::remove) {
      for_each_column_indexed<M>([&](const auto& column, auto index) {
        if (write.mask[decltype(index)::value]) f(column.of(entry.object));
      });
    }
    if (write.kind == WriteKind::insert) return;
    for (std::size_t key : model_traits<M>::primary_key) {
      for_each_column_indexed<M>([&](const auto&, auto index) {
        if (decltype(index)::value == key) f(column_value<decltype(index)::value>(entry.flushed));
      });
    }
    if constexpr (version_column<M>() >= 0) {
      f(column_value<static_cast<std::size_t>(version_column<M>())>(entry.flushed));
    }
  }

  template <std::size_t I>
  using value_of = typename column_t<M, I>::value_type;
  using Key = std::conditional_t<
      (autoincrement_column<M>() >= 0),
      value_of<(autoincrement_column<M>() >= 0 ? static_cast<std::size_t>(autoincrement_column<M>())
                                               : 0)>,
      std::int64_t>;

  std::vector<Write> writes_;
  std::span<const std::string> texts_;
  bool key_from_rowid_;
  std::vector<Key> keys_;
};

}  // namespace ormc::detail
