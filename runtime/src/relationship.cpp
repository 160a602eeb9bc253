// The out-of-line pieces of the relationship handles: the error of a detached copy, and
// the slot's changes (kept here so that generated headers need not include <memory>).
#include "ormc/relationship.hpp"

#include "ormc/error.hpp"

namespace ormc::detail {

RelationSlot::~RelationSlot() { delete changes; }

RelationChanges& RelationSlot::history() {
  if (changes == nullptr) changes = new RelationChanges();
  return *changes;
}

void RelationSlot::clear_changes() {
  delete changes;
  changes = nullptr;
}

void throw_detached_relation() {
  throw DetachedInstanceError(
      "this relation was not loaded when its object was copied out of the session (or "
      "expunged), so it cannot be loaded now; read it through the session's object, or "
      "merge() the copy back first");
}

}  // namespace ormc::detail
