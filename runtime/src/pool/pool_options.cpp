// Names of the pool enums.
#include "ormc/pool_options.hpp"

namespace ormc {

std::string_view to_string(PoolClass pool_class) {
  switch (pool_class) {
    case PoolClass::automatic: return "automatic";
    case PoolClass::queue: return "queue";
    case PoolClass::null: return "null";
    case PoolClass::singleton: return "singleton";
  }
  return "?";
}

std::string_view to_string(PoolEventKind kind) {
  switch (kind) {
    case PoolEventKind::connect: return "connect";
    case PoolEventKind::checkout: return "checkout";
    case PoolEventKind::checkin: return "checkin";
    case PoolEventKind::close: return "close";
  }
  return "?";
}

}  // namespace ormc
