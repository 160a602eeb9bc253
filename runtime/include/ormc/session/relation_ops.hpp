// What the Session does for relationship handles (ormc/relationship.hpp), per relation
// descriptor R of a model M: binding a held object's handles to their slots, lazy loading,
// keeping both sides in sync in memory (back-populates), and, at flush, turning relation
// changes into foreign keys and association rows. Compiled with the rest of a model's
// Session code, in the generated <schema>.orm.cpp.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "ormc/connection.hpp"
#include "ormc/dialect.hpp"
#include "ormc/error.hpp"
#include "ormc/relation.hpp"
#include "ormc/relationship.hpp"
#include "ormc/session/entry.hpp"
#include "ormc/session/model_map.hpp"
#include "ormc/session/primary_key.hpp"
#include "ormc/statement.hpp"

namespace ormc {
class Session;
}

namespace ormc::detail {

//! What the Session and the loaders do to handles besides the user's interface.
struct RelationAccess {
  template <typename T>
  static T*& target(ToOne<T>& handle) {
    return handle.target_;
  }
  template <typename T>
  static std::vector<void*>& items(ToMany<T>& handle) {
    return handle.items_;
  }
  //! The collection's objects, typed (a copy of the pointers).
  template <typename T>
  static std::vector<T*> objects(ToMany<T>& handle) {
    std::vector<T*> out;
    out.reserve(handle.items_.size());
    for (void* item : handle.items_) out.push_back(static_cast<T*>(item));
    return out;
  }
  template <typename H>
  static HandleState& state(H& handle) {
    return handle.state_;
  }
  template <typename H>
  static RelationSlot*& slot(H& handle) {
    return handle.slot_;
  }
  template <typename T>
  static bool& assigned(ToOne<T>& handle) {
    return handle.assigned_;
  }
  //! Strict loading: an eager load filled it and nobody read it yet.
  template <typename H>
  static bool& eager_unread(H& handle) {
    return handle.eager_unread_;
  }
  //! Sets a to-one handle as a back-populate does: no event, no history.
  template <typename T>
  static void set_quietly(ToOne<T>& handle, T* target) {
    handle.target_ = target;
    handle.state_ = HandleState::loaded;
  }
  //! Sets a to-one handle as the user would: the foreign key follows at flush, and the
  //! other side of its relation follows now.
  template <typename T>
  static void set(ToOne<T>& handle, T* target) {
    handle.set(target);
  }
  //! Adds to / removes from a collection without an event, when it is loaded.
  template <typename T>
  static void add_quietly(ToMany<T>& handle, T* item) {
    if (handle.state_ != HandleState::loaded && handle.state_ != HandleState::unset) return;
    for (const void* held : handle.items_) {
      if (held == item) return;
    }
    handle.items_.push_back(item);
  }
  template <typename T>
  static void remove_quietly(ToMany<T>& handle, T* item) {
    std::erase(handle.items_, item);
  }
  //! Whether a collection holds some of its rows only (a per-parent limit loaded it).
  template <typename H>
  static bool partial(const H& handle) {
    return handle.slot_ != nullptr && handle.slot_->partial;
  }
  template <typename H>
  static void set_partial(H& handle, bool partial) {
    if (handle.slot_ != nullptr) handle.slot_->partial = partial;
  }
  //! Forgets what was loaded: the next read loads again (after a rollback).
  template <typename H>
  static void expire(H& handle) {
    if (handle.slot_ == nullptr) return;
    handle.slot_->partial = false;
    if constexpr (requires { handle.items_; }) {
      handle.items_.clear();
    } else {
      handle.target_ = nullptr;
      handle.assigned_ = false;
    }
    handle.state_ = HandleState::unloaded;
  }
};

// ---- The relations of a model, at compile time ----

template <typename D>
using relation_owner_t = typename D::model_type;
template <typename D>
using relation_target_t = typename D::target_type;

//! The handle of relation D in `object`.
template <typename D>
auto& handle_of(relation_owner_t<D>& object) {
  return object.*D::member;
}

//! The columns of a column_list, as a braced walk: f(column) in order.
template <typename List>
struct listed;
template <const auto&... C>
struct listed<column_list<C...>> {
  static constexpr std::size_t size = sizeof...(C);
  template <typename F>
  static constexpr void each(F&& f) {
    [[maybe_unused]] const int in_order[] = {0, (f(C), 0)...};
  }
  template <typename F>
  static constexpr void each_indexed(F&& f) {
    std::size_t i = 0;
    [[maybe_unused]] const int in_order[] = {0, (f(C, i++), 0)...};
  }
};

template <typename Path>
struct path_hops;
template <typename... H>
struct path_hops<relation_path<H...>> {
  using first = std::tuple_element_t<0, std::tuple<H...>>;
  using last = std::tuple_element_t<sizeof...(H) - 1, std::tuple<H...>>;
};
template <typename D>
using first_hop_t = typename path_hops<typename D::path>::first;
template <typename D>
using last_hop_t = typename path_hops<typename D::path>::last;

//! Whether relation D's owner holds the foreign key (it is the `by(...)` side).
template <typename D>
inline constexpr bool owns_key_v = D::kind != RelationKind::many_to_many&& D::owns_key;

//! Whether relation D's target columns (of its only hop) are the target's primary key,
//! in key order: then a to-one load is an identity-map lookup.
template <typename D>
constexpr bool targets_primary_key() {
  using Hop = first_hop_t<D>;
  using T = relation_target_t<D>;
  if constexpr (D::path::size != 1) {
    return false;
  } else {
    constexpr auto& key = model_traits<T>::primary_key;
    if (listed<typename Hop::to_columns>::size != key.size()) return false;
    std::array<std::size_t, listed<typename Hop::to_columns>::size> indexes{};
    std::size_t n = 0;
    listed<typename Hop::to_columns>::each(
        [&](const auto& column) { indexes[n++] = std::remove_cvref_t<decltype(column)>::index; });
    for (std::size_t i = 0; i < key.size(); ++i) {
      if (indexes[i] != key[i]) return false;
    }
    return true;
  }
}

//! The back relation of D on its target (its `back(...)`), as an index into the target's
//! relations; -1 when it has none.
template <const auto&... B>
constexpr int back_index(relation_list<B...>* /*unused*/,
                         [[maybe_unused]] std::string_view back_name,
                         [[maybe_unused]] std::string_view model_name) {
  int found = -1;
  int i = 0;
  [[maybe_unused]] const int in_order[] = {
      0,
      ((found = found < 0 && B.name == back_name &&
                        model_traits<
                            typename std::remove_cvref_t<decltype(B)>::target_type>::model_name ==
                            model_name
                    ? i
                    : found),
       ++i, 0)...};
  return found;
}

template <std::size_t I, const auto& R0, const auto&... Rs>
constexpr const auto& nth_relation_in(relation_list<R0, Rs...>* /*unused*/) {
  if constexpr (I == 0) {
    return R0;
  } else {
    return nth_relation_in<I - 1>(static_cast<relation_list<Rs...>*>(nullptr));
  }
}

// ---- Reading and writing the key columns a relation joins on ----

//! Whether every column of `List` in `object` holds a value (none is NULL).
template <typename List, typename O>
bool columns_present(const O& object) {
  bool present = true;
  listed<List>::each([&](const auto& column) {
    if constexpr (is_optional<typename std::remove_cvref_t<decltype(column)>::value_type>::value) {
      present = present && column.of(object).has_value();
    }
  });
  return present;
}

//! Copies `from`'s columns FromList into `to`'s columns ToList, pairwise.
template <typename FromList, typename ToList, typename F, typename T>
void copy_columns_across(const F& from, T& to) {
  listed<ToList>::each_indexed([&](const auto& to_column, std::size_t i) {
    listed<FromList>::each_indexed([&](const auto& from_column, std::size_t j) {
      if (i != j) return;
      using To = typename std::remove_cvref_t<decltype(to_column)>::value_type;
      using From = typename std::remove_cvref_t<decltype(from_column)>::value_type;
      const auto& value = from_column.of(from);
      if constexpr (is_optional<From>::value && !is_optional<To>::value) {
        if (value) to_column.of(to) = static_cast<To>(*value);
      } else if constexpr (is_optional<To>::value) {
        if constexpr (is_optional<From>::value) {
          to_column.of(to) = value ? To(static_cast<unwrap_optional_t<To>>(*value)) : To();
        } else {
          to_column.of(to) = static_cast<unwrap_optional_t<To>>(value);
        }
      } else {
        to_column.of(to) = static_cast<To>(value);
      }
    });
  });
}

//! Whether every column of `List` may be NULL.
template <typename List>
constexpr bool columns_nullable() {
  bool nullable = true;
  listed<List>::each([&](const auto& column) {
    nullable =
        nullable && is_optional<typename std::remove_cvref_t<decltype(column)>::value_type>::value;
  });
  return nullable;
}

//! Sets the columns of `List` in `object` to NULL; false when one is NOT NULL.
template <typename List, typename O>
bool null_columns(O& object) {
  bool all_nullable = true;
  listed<List>::each([&](const auto& column) {
    using V = typename std::remove_cvref_t<decltype(column)>::value_type;
    if constexpr (is_optional<V>::value) {
      column.of(object) = std::nullopt;
    } else {
      all_nullable = false;
    }
  });
  return all_nullable;
}

//! Binds the columns of `List` in `object` from parameter `next` on.
template <typename List, typename O>
void bind_columns(Statement& statement, const O& object, std::size_t& next) {
  listed<List>::each([&](const auto& column) { statement.bind(next++, column.of(object)); });
}

//! A relation as a type: relation_constant<blog::post::author>.
template <const auto& R>
struct relation_constant {
  static constexpr const auto& value = R;
  using descriptor = std::remove_cvref_t<decltype(R)>;
};

//! Calls f(relation_constant<R>{}, index) for every relation of M with a member, in order
//! (index: its place among all of M's relations, the slot it binds to).
template <const auto&... R, typename F>
void for_each_relation_in(relation_list<R...>* /*unused*/, F& f) {
  std::size_t index = 0;
  [[maybe_unused]] const int in_order[] = {
      0, ((std::remove_cvref_t<decltype(R)>::member != nullptr ? f(relation_constant<R>{}, index)
                                                               : void()),
          ++index, 0)...};
}
template <typename M, typename F>
void for_each_relation(F&& f) {
  for_each_relation_in(static_cast<relations_t<M>*>(nullptr), f);
}

//! "Post.author": how messages name a relation.
template <const auto& R>
std::string relation_label() {
  using D = std::remove_cvref_t<decltype(R)>;
  return std::string(model_traits<typename D::model_type>::model_name) + "." + std::string(R.name);
}

}  // namespace ormc::detail
