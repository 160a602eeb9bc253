// One object a Session holds: the object, its state, and one snapshot of its columns (the
// row as the database holds it in the session's transaction). What commit or rollback
// needs besides is kept only for objects written in the transaction or a savepoint:
// memory per held object is the object, one column snapshot and a small constant.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <utility>
#include <vector>

#include "ormc/model.hpp"
#include "ormc/relation.hpp"
#include "ormc/relationship.hpp"
#include "ormc/session/column_values.hpp"
#include "ormc/session/object_state.hpp"

namespace ormc::detail {

//! What rolling back to savepoint `depth` restores: the entry as it was when that
//! savepoint began, kept at its first write inside it (innermost last).
template <Model M>
struct SavedEntry {
  int depth;
  ObjectState state;
  bool has_flushed;  //!< `flushed` holds the row (else the object was not in the database)
  bool delete_flushed;
  bool inserted_in_transaction;
  ColumnValues<M> flushed;
};

template <Model M>
struct Entry {
  explicit Entry(M&& value) : object(std::move(value)) {}

  M object;
  //! The row as the database holds it in the session's transaction: valid when the object
  //! is persistent or deleted. Its key is the identity map's key for the object.
  ColumnValues<M> flushed{};
  //! The row as of the last commit when the transaction changed it (what rollback()
  //! restores); null while it is `flushed`.
  std::unique_ptr<ColumnValues<M>> committed;
  //! Savepoint snapshots; null unless the object was written inside a savepoint.
  std::unique_ptr<std::vector<SavedEntry<M>>> saved;
  std::size_t order = 0;  //!< when the session took it: flush order within its model
  ObjectState state = ObjectState::pending;
  bool delete_flushed = false;           //!< its DELETE ran in this transaction
  bool inserted_in_transaction = false;  //!< a rollback makes it transient again
  bool touched = false;                  //!< in its map's list of entries written this transaction
  bool flagged = false;                  //!< in its map's flagged list (flag_modified())
  bool indexed = false;                  //!< in the identity map's index
  bool relinked = false;                 //!< in its map's list of entries whose relations changed
  //! The Session's side of each relation handle in `object` (ormc/relationship.hpp).
  [[no_unique_address]] std::array<RelationSlot, relation_count<M>> relations{};
};

}  // namespace ormc::detail
