// The one out-of-line piece of the relationship handles: the error of a detached copy.
#include "ormc/relationship.hpp"

#include "ormc/error.hpp"

namespace ormc::detail {

void throw_detached_relation() {
  throw DetachedInstanceError(
      "this relation was not loaded when its object was copied out of the session (or "
      "expunged), so it cannot be loaded now; read it through the session's object, or "
      "merge() the copy back first");
}

}  // namespace ormc::detail
