// The per-connection cache of prepared statements, keyed by SQL text, least recently used
// evicted first. Statements checked out are never evicted; they may push the cache over
// its capacity until they come back.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <string_view>
#include <unordered_map>

#include "detail/prepared_statement.hpp"

namespace ormc::detail {

class StatementCache {
 public:
  explicit StatementCache(std::size_t capacity) : capacity_(capacity) {}

  //! The idle cached statement for `sql`, now checked out; nullptr when there is none or
  //! it is checked out already.
  PreparedStatement* acquire(std::string_view sql);
  //! Takes a newly prepared statement, checked out, into the cache when there is room for
  //! it (or room can be made); otherwise hands it back (the caller owns it).
  std::unique_ptr<PreparedStatement> insert(std::unique_ptr<PreparedStatement>& statement);
  //! A cached statement comes back: it becomes idle (reset by the caller), or is
  //! finalized when it went stale while checked out.
  void release(PreparedStatement* statement);
  //! Forgets every statement, after DDL made them stale (a re-created type or table):
  //! idle ones are finalized now, checked-out ones when they come back.
  void invalidate();
  //! Finalizes every statement; none may be checked out (Statements do not outlive their
  //! Connection, and a driver connection is destroyed only when no Connection uses it).
  void clear();

  [[nodiscard]] std::size_t size() const { return entries_.size(); }
  [[nodiscard]] std::size_t capacity() const { return capacity_; }

 private:
  using Entries = std::list<std::unique_ptr<PreparedStatement>>;  // front: most recent
  void evict();

  std::size_t capacity_;
  Entries entries_;
  Entries retired_;  //!< invalidated while checked out: finalized by release()
  std::unordered_map<std::string_view, Entries::iterator> index_;  // keys view entries' sql
};

}  // namespace ormc::detail
