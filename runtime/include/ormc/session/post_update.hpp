// PostUpdate<M>: rows that name each other through nullable foreign keys, written as
// SQLAlchemy's post_update writes them. Two new rows in a cycle (a User whose favorite_post
// is a new Post by her; two people partnered with each other) cannot both be inserted with
// their keys: the row whose key may be NULL is inserted without it, and a second UPDATE
// writes it once both rows exist. Deleting such rows, the keys go back to NULL by an UPDATE
// before the DELETEs. No schema flag turns this on: a flush does it only where the cycle
// is, on the nullable key of the cycle (the generator orders the models of a cycle by
// their NOT NULL keys, so the model holding the nullable one is written first).
// Included by ormc/session/relation_handler.hpp, with the rest of the model's Session code.
#pragma once

#include <cstddef>
#include <cstdint>

#include "ormc/session/identity_map.hpp"
#include "ormc/session/relation_ops.hpp"

namespace ormc::detail {

template <Model M>
struct PostUpdate {
  //! The to-one relations of the entry's object that hold their key, were set since the
  //! last flush, name a row still to be inserted (of M when `same_model`, of another model
  //! otherwise) and whose key may be NULL: their key columns become NULL for this write (a
  //! new row; a held row's UPDATE leaves them as they are) and the relations stop counting as
  //! set, so that RelationFlush<M>::before_write passes
  //! them over. Returns them as a mask of relation indexes, for reassign() after the write.
  static std::uint64_t defer(Session& session, Entry<M>& entry, bool same_model) {
    static_assert(relation_count<M> <= 64, "a relation mask holds 64 relations");
    std::uint64_t deferred = 0;
    for_each_relation<M>([&](auto relation, std::size_t index) {
      constexpr const auto& R = decltype(relation)::value;
      using D = std::remove_cvref_t<decltype(R)>;
      using T = typename D::target_type;
      using From = typename first_hop_t<D>::from_columns;
      if constexpr (owns_key_v<D> && columns_nullable<From>()) {
        if (same_model != std::is_same_v<T, M>) return;
        auto& h = handle_of<D>(entry.object);
        if (!RelationAccess::assigned(h)) return;
        T* target = RelationAccess::target(h);
        if (target == nullptr) return;
        IdentityMap<T>* map = SessionAccess<T>::find_map(session);
        Entry<T>* target_entry = map == nullptr ? nullptr : map->entry_of(*target);
        if (target_entry == nullptr || target_entry->state != ObjectState::pending) return;
        // A new row goes in without the key; a held row keeps its old one until then.
        if (entry.state == ObjectState::pending) null_columns<From>(entry.object);
        RelationAccess::assigned(h) = false;
        deferred |= std::uint64_t{1} << index;
      }
    });
    return deferred;
  }

  //! After the rows are in: the relations defer() passed over count as set again, so that
  //! before_write writes their keys, for the second UPDATE.
  static void reassign(Entry<M>& entry, std::uint64_t deferred) {
    for_each_relation<M>([&](auto relation, std::size_t index) {
      constexpr const auto& R = decltype(relation)::value;
      using D = std::remove_cvref_t<decltype(R)>;
      if constexpr (owns_key_v<D>) {
        if ((deferred >> index & 1U) != 0)
          RelationAccess::assigned(handle_of<D>(entry.object)) = true;
      }
    });
  }

  //! A removed object about to be deleted whose nullable foreign key names another object
  //! deleted by the same flush before it (of M, whose rows go in one batch, or of a model
  //! written after M, whose DELETEs come first): the key becomes NULL, so that the UPDATE
  //! that writes it makes the other DELETE possible. Returns whether a key changed.
  static bool release_for_delete(Session& session, Entry<M>& entry) {
    bool released = false;
    for_each_relation<M>([&](auto relation, std::size_t /*index*/) {
      constexpr const auto& R = decltype(relation)::value;
      using D = std::remove_cvref_t<decltype(R)>;
      using T = typename D::target_type;
      using From = typename first_hop_t<D>::from_columns;
      using To = typename first_hop_t<D>::to_columns;
      if constexpr (owns_key_v<D> && columns_nullable<From>() && targets_primary_key<D>()) {
        if constexpr (!std::is_same_v<T, M> && dependency_rank<T>() < dependency_rank<M>()) {
          return;  // T's rows are deleted after M's: nothing to release
        } else {
          if (!columns_present<From>(entry.object)) return;
          IdentityMap<T>* map = SessionAccess<T>::find_map(session);
          if (map == nullptr) return;
          T probe{};
          copy_columns_across<From, To>(entry.object, probe);
          Entry<T>* target = map->find(key_of(probe));
          if (target == nullptr || target->state != ObjectState::deleted ||
              target->delete_flushed || static_cast<void*>(target) == static_cast<void*>(&entry)) {
            return;
          }
          null_columns<From>(entry.object);
          released = true;
        }
      }
    });
    return released;
  }
};

}  // namespace ormc::detail
