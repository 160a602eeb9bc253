// KeyIndex<M>: the identity map proper -- primary key to entry, by the key's own C++ type.
// Open addressing with linear probing: a bucket is a hash and an entry pointer (16 bytes),
// and keys are compared where they already are, in the entry's column snapshot, so the
// index stores no key of its own and a lookup allocates nothing.
#pragma once

#include <cstddef>
#include <vector>

#include "ormc/model.hpp"
#include "ormc/session/entry.hpp"
#include "ormc/session/primary_key.hpp"

namespace ormc::detail {

template <Model M>
class KeyIndex {
 public:
  [[nodiscard]] Entry<M>* find(const key_t<M>& key) const {
    if (size_ == 0) return nullptr;
    const std::size_t hash = hash_key(key);
    for (std::size_t at = hash & mask_;; at = (at + 1) & mask_) {
      const Bucket& bucket = buckets_[at];
      if (bucket.entry == nullptr) return nullptr;
      if (bucket.hash == hash && key_equals<M>(bucket.entry->flushed, key)) return bucket.entry;
    }
  }

  //! Indexes `entry` under the key in its snapshot (`flushed`), which must not be indexed.
  void insert(Entry<M>* entry) {
    if ((size_ + 1) * 4 > buckets_.size() * 3) grow();
    place(hash_key(key_of<M>(entry->flushed)), entry);
    ++size_;
    entry->indexed = true;
  }

  //! Makes room for `count` entries in all without growing on the way.
  void reserve(std::size_t count) {
    while (count * 4 > buckets_.size() * 3) grow();
  }

  //! Takes `entry` out; its snapshot must still hold the key it was indexed under.
  void erase(Entry<M>* entry) {
    if (!entry->indexed) return;
    entry->indexed = false;
    std::size_t at = hash_key(key_of<M>(entry->flushed)) & mask_;
    while (buckets_[at].entry != entry) at = (at + 1) & mask_;
    // Backward-shift deletion: move later buckets of the probe run into the hole.
    for (std::size_t next = (at + 1) & mask_;; next = (next + 1) & mask_) {
      const Bucket& candidate = buckets_[next];
      if (candidate.entry == nullptr) break;
      const std::size_t home = candidate.hash & mask_;
      // `candidate` may move to `at` when its home is not in (at, next].
      const bool stays = at <= next ? (at < home && home <= next) : (at < home || home <= next);
      if (!stays) {
        buckets_[at] = candidate;
        at = next;
      }
    }
    buckets_[at] = Bucket{};
    --size_;
  }

  [[nodiscard]] std::size_t size() const { return size_; }

  void clear() {
    buckets_.clear();
    mask_ = 0;
    size_ = 0;
  }

 private:
  struct Bucket {
    std::size_t hash = 0;
    Entry<M>* entry = nullptr;
  };

  void place(std::size_t hash, Entry<M>* entry) {
    std::size_t at = hash & mask_;
    while (buckets_[at].entry != nullptr) at = (at + 1) & mask_;
    buckets_[at] = Bucket{hash, entry};
  }

  void grow() {
    std::vector<Bucket> old = std::move(buckets_);
    buckets_.assign(old.empty() ? 16 : old.size() * 2, Bucket{});
    mask_ = buckets_.size() - 1;
    for (const Bucket& bucket : old) {
      if (bucket.entry != nullptr) place(bucket.hash, bucket.entry);
    }
  }

  std::vector<Bucket> buckets_;
  std::size_t mask_ = 0;
  std::size_t size_ = 0;
};

}  // namespace ormc::detail
