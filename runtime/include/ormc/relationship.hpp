// Relationship members of the generated structs: ToOne<T> (post.author) and ToMany<T>
// (user.posts). They are small handles, so the structs stay aggregates and designated
// initializers keep working (blog::Post{.title = "x", .author = alice}). What a handle
// cannot hold by itself -- which session it belongs to, how to load it, what changed since
// the last flush -- lives in a RelationSlot the Session owns beside the object's entry: a
// handle points at its slot once the Session holds its object, and a copy never does.
//
//   post.author = alice;            // back-populates alice.posts at once; FK set at flush
//   blog::User* a = post.author.get();          // lazy: loads on first access
//   for (blog::Post& p : alice.posts) { ... }   // lazy: loads on first iteration
//   alice.posts.push_back(post);    // post.author is alice at once
//   alice.posts.erase(post);        // post.author is null; with delete_orphan, deleted at flush
//
// Targets are objects the Session holds (the references add() and queries return): a
// handle keeps a pointer into the identity map, valid as long as the Session.
#pragma once

#include <cstddef>
#include <cstdint>
#include <iterator>
#include <vector>

#include "ormc/detail/source_location.hpp"

namespace ormc {

template <typename T>
class ToOne;
template <typename T>
class ToMany;

namespace detail {

struct RelationSlot;

//! What a bound handle asks of the Session, per relation (typed code in
//! ormc/session/relation_handler.hpp, compiled with the model's Session code).
struct RelationOps {
  //! Loads the relation into its handle: the identity map, or one SELECT.
  void (*load)(RelationSlot& slot);
  //! A to-one handle was set to `target` (nullptr: none) from `previous` (nullptr when it
  //! was empty or not loaded): back-populates and records the change for the flush.
  void (*assigned)(RelationSlot& slot, void* previous, void* target);
  //! A collection gained (`added` true) or lost `item`.
  void (*changed)(RelationSlot& slot, void* item, bool added);
  //! A read at `where` found the handle unloaded: loads it as `load` does, unless the
  //! Session's strict loading reports it or its batched lazy loading loads the object's
  //! siblings with it (ormc/session/load_tracking.hpp).
  void (*load_at)(RelationSlot& slot, const SourceLocation& where);
};

//! Collection changes not yet written (many-to-many, and to-many without a back
//! relation), in order: the flush turns them into association rows or foreign keys.
struct RelationChanges {
  std::vector<void*> added;
  std::vector<void*> removed;
};

//! The Session's side of one relation of one held object: 40 bytes, the changes kept
//! apart until there are some. (Its few out-of-line functions keep <memory> out of every
//! generated header.)
struct RelationSlot {
  RelationSlot() = default;
  RelationSlot(const RelationSlot&) = delete;
  RelationSlot& operator=(const RelationSlot&) = delete;
  ~RelationSlot();

  const RelationOps* ops = nullptr;
  //! How a read of an unloaded handle behaves: as ormc::LoadStrategy (lazy: loads; raise:
  //! throws; noload: reads as empty), from the schema's load(...) or the query's option.
  std::uint8_t strategy = 0;
  //! A collection loaded with a per-parent limit (ormc/session/limited_load.hpp): it
  //! holds some of its rows only.
  bool partial = false;
  //! The multi-row result the object came from last, numbered by the Session's
  //! LoadTracker from 1; 0 when none, or when neither strict nor batched lazy loading is
  //! on. (It sits in what was padding: the slot stays 40 bytes.)
  std::uint32_t result = 0;
  void* session = nullptr;             //!< the Session
  void* entry = nullptr;               //!< the owner's detail::Entry<M>
  RelationChanges* changes = nullptr;  //!< owned; null until a change is recorded

  //! The changes, made on first use.
  RelationChanges& history();
  //! Forgets the changes (after the flush wrote them, or a rollback).
  void clear_changes();
};

//! Whether `items` holds `item`.
template <typename T>
bool holds(const std::vector<void*>& items, const T* item) {
  for (const void* held : items) {
    if (held == item) return true;
  }
  return false;
}

//! How far a handle is loaded.
enum class HandleState : std::uint8_t {
  unset,     //!< never loaded nor set, in no session: reads as empty
  unloaded,  //!< bound to a session, not loaded yet: the next read loads
  loaded,    //!< holds the related object(s)
  detached,  //!< a copy of an unloaded handle: reading it throws DetachedInstanceError
};

//! What the Session and its loaders do to handles, beside the user's interface.
struct RelationAccess;

[[noreturn]] void throw_detached_relation();

//! What both handles hold besides their targets: the binding and how far they are loaded.
class HandleBase {
 protected:
  HandleBase() = default;
  explicit HandleBase(HandleState state) : state_(state) {}
  //! A copy's state: never bound, so an unloaded handle's copy is detached.
  static HandleState copied(HandleState state) {
    return state == HandleState::unloaded ? HandleState::detached : state;
  }
  //! Loads through the slot when bound and not loaded yet; `where` is the user's read.
  void load(const SourceLocation& where) const {
    // One test on the path of a loaded handle: unloaded and detached are the odd states.
    static_assert((static_cast<unsigned>(HandleState::unloaded) & 1U) == 1U &&
                  (static_cast<unsigned>(HandleState::detached) & 1U) == 1U &&
                  (static_cast<unsigned>(HandleState::loaded) & 1U) == 0U &&
                  (static_cast<unsigned>(HandleState::unset) & 1U) == 0U);
    if (((static_cast<unsigned>(state_) & 1U) | static_cast<unsigned>(eager_unread_)) != 0U)
        [[unlikely]] {
      if (state_ == HandleState::unloaded) {
        slot_->ops->load_at(*slot_, where);
      } else if (state_ == HandleState::detached) {
        throw_detached_relation();
      } else {
        eager_unread_ = false;  // strict loading: this eager load was used
      }
    }
  }
  [[nodiscard]] bool is_loaded() const {
    return state_ == HandleState::loaded || state_ == HandleState::unset;
  }

  RelationSlot* slot_ = nullptr;
  mutable HandleState state_ = HandleState::unset;
  //! Set by an eager load (selectin, joined) while the Session's strict loading is on,
  //! cleared by the first read: what was never read is reported when the session closes.
  //! (In what was padding: handles keep their size.)
  mutable bool eager_unread_ = false;

 private:
  friend struct RelationAccess;
};

//! ToMany's iterator: a random-access range of T& over the held pointers.
template <typename T>
class ToManyIterator {
 public:
  using iterator_category = std::random_access_iterator_tag;
  using value_type = T;
  using difference_type = std::ptrdiff_t;
  using pointer = T*;
  using reference = T&;

  ToManyIterator() = default;
  explicit ToManyIterator(void* const* at) : at_(at) {}
  T& operator*() const { return *static_cast<T*>(*at_); }
  T* operator->() const { return static_cast<T*>(*at_); }
  T& operator[](difference_type n) const { return *static_cast<T*>(at_[n]); }
  ToManyIterator& operator++() {
    ++at_;
    return *this;
  }
  ToManyIterator operator++(int) { return ToManyIterator(at_++); }
  ToManyIterator& operator--() {
    --at_;
    return *this;
  }
  ToManyIterator operator--(int) { return ToManyIterator(at_--); }
  ToManyIterator& operator+=(difference_type n) {
    at_ += n;
    return *this;
  }
  ToManyIterator& operator-=(difference_type n) {
    at_ -= n;
    return *this;
  }
  friend ToManyIterator operator+(ToManyIterator it, difference_type n) { return it += n; }
  friend ToManyIterator operator+(difference_type n, ToManyIterator it) { return it += n; }
  friend ToManyIterator operator-(ToManyIterator it, difference_type n) { return it -= n; }
  friend difference_type operator-(ToManyIterator a, ToManyIterator b) { return a.at_ - b.at_; }
  friend bool operator==(ToManyIterator a, ToManyIterator b) { return a.at_ == b.at_; }
  friend auto operator<=>(ToManyIterator a, ToManyIterator b) { return a.at_ <=> b.at_; }

 private:
  void* const* at_ = nullptr;
};

}  // namespace detail

//! A many-to-one or one-to-one relation: the related object, or none.
template <typename T>
class ToOne : detail::HandleBase {
 public:
  ToOne() = default;
  //! {.author = alice}: `target` must be an object the Session holds (or will, by add()).
  ToOne(T& target) noexcept  // NOLINT(google-explicit-constructor): designated initializers
      : HandleBase(detail::HandleState::loaded), target_(&target), assigned_(true) {}
  ToOne(std::nullptr_t) noexcept  // NOLINT(google-explicit-constructor)
      : HandleBase(detail::HandleState::loaded), assigned_(true) {}
  //! A copy holds the same target but never the session binding: an object copied out of
  //! the Session is a plain value (and, given to add(), a new object related as it says).
  ToOne(const ToOne& other) noexcept
      : HandleBase(copied(other.state_)), target_(other.target_), assigned_(other.assigned_) {}
  ToOne(ToOne&& other) noexcept
      : HandleBase(copied(other.state_)), target_(other.target_), assigned_(other.assigned_) {}
  ~ToOne() = default;

  //! post.author = alice: alice.posts gains post at once; the foreign key follows at flush.
  ToOne& operator=(T& target) {
    set(&target);
    return *this;
  }
  ToOne& operator=(std::nullptr_t) {
    set(nullptr);
    return *this;
  }
  ToOne& operator=(const ToOne& other) {
    if (this != &other) set(other.target_);
    return *this;
  }

  //! The related object, loading it on first access; nullptr when there is none. `where`
  //! is for the N+1 detector's report (leave it defaulted).
  [[nodiscard]] T* get(const SourceLocation& where = SourceLocation::current()) const {
    load(where);
    return target_;
  }
  // Operators cannot take a defaulted argument: a read through them reports no call site.
  [[nodiscard]] T& operator*() const { return *get(SourceLocation()); }
  [[nodiscard]] T* operator->() const { return get(SourceLocation()); }
  [[nodiscard]] explicit operator bool() const { return get(SourceLocation()) != nullptr; }
  //! Whether reading it needs no SQL.
  [[nodiscard]] bool loaded() const { return is_loaded(); }

 private:
  friend struct detail::RelationAccess;

  void set(T* target) {
    T* previous = state_ == detail::HandleState::loaded ? target_ : nullptr;
    // The session first (it refuses a target it does not hold), then the handle: a refusal
    // changes nothing.
    if (slot_ != nullptr && previous != target) slot_->ops->assigned(*slot_, previous, target);
    target_ = target;
    state_ = detail::HandleState::loaded;
    assigned_ = true;
  }

  mutable T* target_ = nullptr;
  //! Set since the last flush: the flush writes the foreign key from it.
  bool assigned_ = false;
};

//! A one-to-many or many-to-many relation: the related objects, in the order loaded or
//! added. A range of T&.
template <typename T>
class ToMany : detail::HandleBase {
 public:
  using iterator = detail::ToManyIterator<T>;

  ToMany() = default;
  ToMany(const ToMany& other) : HandleBase(copied(other.state_)), items_(other.items_) {}
  ToMany(ToMany&& other) noexcept
      : HandleBase(copied(other.state_)), items_(std::move(other.items_)) {}
  ~ToMany() = default;
  //! Replaces the collection (each removed item as erase(), each new one as push_back()).
  ToMany& operator=(const ToMany& other) {
    if (this != &other) assign(other.items_, SourceLocation());
    return *this;
  }

  //! Loads on first use. `where` (on every reading member but operator[]) is for the
  //! N+1 detector's report: leave it defaulted.
  [[nodiscard]] iterator begin(const SourceLocation& where = SourceLocation::current()) const {
    load(where);
    return iterator(items_.data());
  }
  [[nodiscard]] iterator end(const SourceLocation& where = SourceLocation::current()) const {
    load(where);
    return iterator(items_.data() + items_.size());
  }
  [[nodiscard]] std::size_t size(const SourceLocation& where = SourceLocation::current()) const {
    load(where);
    return items_.size();
  }
  [[nodiscard]] bool empty(const SourceLocation& where = SourceLocation::current()) const {
    return size(where) == 0;
  }
  //! (An operator cannot take a defaulted argument: a read through it reports no call site.)
  [[nodiscard]] T& operator[](std::size_t i) const {
    load(SourceLocation());
    return *static_cast<T*>(items_[i]);
  }
  [[nodiscard]] bool contains(const T& item,
                              const SourceLocation& where = SourceLocation::current()) const {
    load(where);
    return detail::holds(items_, &item);
  }
  //! Whether reading it needs no SQL.
  [[nodiscard]] bool loaded() const { return is_loaded(); }

  //! Adds `item` (an object the Session holds, or will): its back relation points here at
  //! once; the foreign key or association row follows at flush. Adding an item already
  //! in the collection does nothing.
  void push_back(T& item, const SourceLocation& where = SourceLocation::current()) {
    load(where);
    if (detail::holds(items_, &item)) return;
    if (slot_ != nullptr) slot_->ops->changed(*slot_, &item, true);  // may refuse the item
    items_.push_back(&item);
  }
  //! Takes `item` out: its foreign key becomes NULL at flush (or the association row goes);
  //! with the schema's delete_orphan cascade, the item is deleted. Returns whether it was in.
  bool erase(T& item, const SourceLocation& where = SourceLocation::current()) {
    load(where);
    if (!detail::holds(items_, &item)) return false;
    if (slot_ != nullptr) slot_->ops->changed(*slot_, &item, false);
    std::erase(items_, &item);
    return true;
  }
  //! Takes every item out, as erase() does for each.
  void clear(const SourceLocation& where = SourceLocation::current()) { assign({}, where); }

 private:
  friend struct detail::RelationAccess;

  void assign(const std::vector<void*>& items, const SourceLocation& where) {
    if (slot_ != nullptr && slot_->partial) slot_->ops->load(*slot_);  // all its rows first
    load(where);
    const std::vector<void*> old = items_;
    for (void* item : old) {
      if (!detail::holds(items, static_cast<T*>(item))) erase(*static_cast<T*>(item), where);
    }
    for (void* item : items) push_back(*static_cast<T*>(item), where);
  }

  //! One std::vector<void*> for every ToMany: a vector per target type would cost each
  //! generated header an instantiation of std::vector per relation.
  mutable std::vector<void*> items_;
};

}  // namespace ormc
