// The LRU cache of prepared statements.
#include "detail/statement_cache.hpp"

#include <iterator>

namespace ormc::detail {

PreparedStatement* StatementCache::acquire(std::string_view sql) {
  const auto found = index_.find(sql);
  if (found == index_.end() || (*found->second)->in_use) return nullptr;
  entries_.splice(entries_.begin(), entries_, found->second);
  PreparedStatement* statement = found->second->get();
  statement->in_use = true;
  return statement;
}

std::unique_ptr<PreparedStatement> StatementCache::insert(
    std::unique_ptr<PreparedStatement>& statement) {
  if (capacity_ == 0 || index_.contains(statement->sql())) return std::move(statement);
  statement->cached = true;
  entries_.push_front(std::move(statement));
  index_.emplace(entries_.front()->sql(), entries_.begin());
  evict();
  return nullptr;
}

void StatementCache::release(PreparedStatement* statement) {
  statement->in_use = false;
  for (auto it = retired_.begin(); it != retired_.end(); ++it) {  // DDL retired it
    if (it->get() == statement) {
      retired_.erase(it);
      return;
    }
  }
  if (statement->stale) {  // the server said it is invalid (postgres/pg_connection.cpp)
    const auto found = index_.find(statement->sql());
    if (found != index_.end() && found->second->get() == statement) {
      const auto entry = found->second;
      index_.erase(found);  // before the entry whose text its key views
      entries_.erase(entry);
      return;
    }
  }
  evict();
}

void StatementCache::invalidate() {
  index_.clear();
  for (auto it = entries_.begin(); it != entries_.end();) {
    auto next = std::next(it);
    if ((*it)->in_use) {
      (*it)->stale = true;
      retired_.splice(retired_.end(), entries_, it);
    }
    it = next;
  }
  entries_.clear();
}

void StatementCache::clear() {
  index_.clear();
  entries_.clear();
  retired_.clear();
}

void StatementCache::evict() {
  // From the least recently used end, skipping statements checked out.
  for (auto it = entries_.end(); entries_.size() > capacity_ && it != entries_.begin();) {
    --it;
    if ((*it)->in_use) continue;
    index_.erase((*it)->sql());
    it = entries_.erase(it);
  }
}

}  // namespace ormc::detail
