// The names of the write paths, for failure messages.
#include "value_paths.hpp"

namespace values_test {

const char* path_name(WritePath path) {
  switch (path) {
    case WritePath::core_insert: return "Core insert";
    case WritePath::core_update: return "Core update";
    case WritePath::upsert: return "upsert (ON CONFLICT DO UPDATE)";
    case WritePath::raw_sql: return "raw SQL with binds";
    case WritePath::session_add: return "Session add";
    case WritePath::session_dirty: return "Session dirty update";
  }
  return "?";
}

}  // namespace values_test
