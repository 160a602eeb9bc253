// The states an object goes through in a Session, as SQLAlchemy names them.
#pragma once

#include <string_view>

namespace ormc {

enum class ObjectState {
  transient,   //!< not in a session (never added, or expunged while pending)
  pending,     //!< added; INSERTed at the next flush
  persistent,  //!< has a row; changes are UPDATEd at the next flush
  deleted,     //!< removed; DELETEd at the next flush
  detached,    //!< had a row, but its session was closed or it was expunged
};

[[nodiscard]] constexpr std::string_view to_string(ObjectState state) {
  switch (state) {
    case ObjectState::transient: return "transient";
    case ObjectState::pending: return "pending";
    case ObjectState::persistent: return "persistent";
    case ObjectState::deleted: return "deleted";
    case ObjectState::detached: return "detached";
  }
  return "?";
}

}  // namespace ormc
