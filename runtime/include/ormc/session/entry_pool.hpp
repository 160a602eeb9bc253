// EntryPool<E>: where an identity map keeps its entries. Blocks of slots give every entry a
// stable address (the Session hands out references to the objects inside them), one
// allocation per block instead of per object, slots freed by expunge() reused, and a lookup
// from an object's address to its entry without a per-object map.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace ormc::detail {

template <typename E>
class EntryPool {
 public:
  EntryPool() = default;
  ~EntryPool() { clear(); }
  EntryPool(const EntryPool&) = delete;
  EntryPool& operator=(const EntryPool&) = delete;

  //! A new entry, constructed from `args`.
  template <typename... Args>
  E* create(Args&&... args) {
    Place place = take_slot();
    E* entry = ::new (static_cast<void*>(place.block->slots[place.index].storage))
        E(std::forward<Args>(args)...);
    place.block->live[place.index] = true;
    ++size_;
    return entry;
  }

  //! Destroys `entry` and frees its slot for reuse.
  void destroy(E* entry) {
    const Place place = locate(entry);
    entry->~E();
    place.block->live[place.index] = false;
    free_.push_back(place);
    --size_;
  }

  //! The live entry whose `object` member is at `address`; nullptr when none is.
  template <typename Object>
  E* find(const Object* address) const {
    const auto at = reinterpret_cast<std::uintptr_t>(address);
    auto it = std::upper_bound(by_address_.begin(), by_address_.end(), at,
                               [](std::uintptr_t a, const auto& b) { return a < b.first; });
    if (it == by_address_.begin()) return nullptr;
    --it;
    Block& block = *blocks_[it->second];
    const std::size_t index = (at - it->first) / sizeof(Slot);
    if (index >= block_size || !block.live[index]) return nullptr;
    E* entry = std::launder(reinterpret_cast<E*>(block.slots[index].storage));
    return &entry->object == address ? entry : nullptr;
  }

  //! Calls f(entry) for every live entry, block by block (not in the order they came).
  template <typename F>
  void for_each(F&& f) {
    for (const auto& block : blocks_) {
      for (std::size_t i = 0; i < block_size; ++i) {
        if (block->live[i]) f(*std::launder(reinterpret_cast<E*>(block->slots[i].storage)));
      }
    }
  }

  [[nodiscard]] std::size_t size() const { return size_; }

  //! Destroys every entry and frees every block.
  void clear() {
    for_each([](E& entry) { entry.~E(); });
    blocks_.clear();
    by_address_.clear();
    free_.clear();
    size_ = 0;
  }

 private:
  static constexpr std::size_t block_size = 256;
  struct Slot {
    alignas(E) std::byte storage[sizeof(E)];
  };
  struct Block {
    std::array<Slot, block_size> slots;
    std::array<bool, block_size> live{};
  };
  struct Place {
    Block* block;
    std::size_t index;
  };

  Place take_slot() {
    if (!free_.empty()) {
      const Place place = free_.back();
      free_.pop_back();
      return place;
    }
    if (blocks_.empty() || used_in_last_ == block_size) {
      // Default-initialised: the slots stay raw memory until used (no 64 KiB memset).
      blocks_.push_back(std::unique_ptr<Block>(new Block));
      const auto start = reinterpret_cast<std::uintptr_t>(blocks_.back()->slots.data());
      by_address_.insert(
          std::upper_bound(by_address_.begin(), by_address_.end(), start,
                           [](std::uintptr_t a, const auto& b) { return a < b.first; }),
          {start, blocks_.size() - 1});
      used_in_last_ = 0;
    }
    return {blocks_.back().get(), used_in_last_++};
  }

  Place locate(const E* entry) const {
    const auto at = reinterpret_cast<std::uintptr_t>(entry);
    auto it = std::upper_bound(by_address_.begin(), by_address_.end(), at,
                               [](std::uintptr_t a, const auto& b) { return a < b.first; });
    --it;
    return {blocks_[it->second].get(), (at - it->first) / sizeof(Slot)};
  }

  std::vector<std::unique_ptr<Block>> blocks_;
  //! (first slot's address, index in blocks_), sorted by address.
  std::vector<std::pair<std::uintptr_t, std::size_t>> by_address_;
  std::vector<Place> free_;
  std::size_t used_in_last_ = 0;
  std::size_t size_ = 0;
};

}  // namespace ormc::detail
