// LoadTracking<R>: the typed side of strict loading (the N+1 detector) and batched lazy
// loading for one relation R of a model M. Its load_at is what a handle's read calls when
// it finds the relation unloaded: with either mode on, it looks at the object's siblings
// (the other objects of the multi-row result it came from, RelationSlot::result) and, when
// some of them need the same relation, loads it for all of them with one selectin
// statement (batched) or reports the N+1 pattern (strict); otherwise, and always with both
// modes off, it is RelationHandler<R>::load. Eager loads mark what they fill, so that the
// Session can report those nobody read. Included by ormc/session/relation_handler.hpp.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "ormc/session/load_tracker.hpp"
#include "ormc/session/relation_ops.hpp"

namespace ormc::detail {

template <const auto& R>
struct RelationHandler;

//! The compiler's text naming R, which says R's qualified name.
template <const auto& R>
constexpr std::string_view pretty_relation_name() {
#if defined(__GNUC__) || defined(__clang__)
  return __PRETTY_FUNCTION__;
#else
  return {};
#endif
}

//! The relation descriptor's qualified name as a user spells it, "rel::user::posts" (from
//! the compiler's function signature: "[with const auto& R = rel::user::posts; ...]" for
//! GCC, "[R = rel::user::posts]" for clang); "User.posts" when that cannot be read.
template <const auto& R>
std::string descriptor_name() {
  std::string_view text = pretty_relation_name<R>();
  const std::size_t at = text.find("R = ");
  if (at == std::string_view::npos) return relation_label<R>();
  text.remove_prefix(at + 4);
  text = text.substr(0, text.find_first_of(";]"));
  if (!text.empty() && text.front() == '&') text.remove_prefix(1);
  if (text.starts_with("::")) text.remove_prefix(2);
  return text.empty() ? relation_label<R>() : std::string(text);
}

//! Numbers `objects` (held objects of M; duplicates are dropped) as one result: each remembers it
//! in its relation slots. Nothing for fewer than two objects, or a model without relations.
template <Model M>
void number_result(LoadTracker& tracker, std::vector<void*> objects,
                   std::vector<std::string> path) {
  if constexpr (has_relations<M>) {
    std::sort(objects.begin(), objects.end());
    objects.erase(std::unique(objects.begin(), objects.end()), objects.end());
    if (objects.size() < 2) return;
    const std::uint32_t id = tracker.add_result(objects, std::move(path));
    if (id == 0) return;
    for (void* object : objects) {
      for_each_relation<M>([&](auto relation, std::size_t /*index*/) {
        using D = typename decltype(relation)::descriptor;
        if (RelationSlot* slot = RelationAccess::slot(static_cast<M*>(object)->*D::member)) {
          slot->result = id;
        }
      });
    }
  }
}

template <const auto& R>
struct LoadTracking {
  using D = std::remove_cvref_t<decltype(R)>;
  using M = typename D::model_type;
  using T = typename D::target_type;
  using H = RelationHandler<R>;
  static constexpr std::size_t index = relation_index<D>;

  //! Whether reading R on `entry`'s object now runs a statement: a persistent object, an
  //! unloaded handle read lazily, and not a many-to-one the identity map answers.
  static bool needs_sql(Session& session, Entry<M>& entry) {
    if (entry.state != ObjectState::persistent ||
        entry.relations[index].strategy != static_cast<std::uint8_t>(LoadStrategy::lazy) ||
        RelationAccess::state(H::handle(entry.object)) != HandleState::unloaded) {
      return false;
    }
    if constexpr (!D::many && H::owns && targets_primary_key<D>()) {
      return columns_present<typename first_hop_t<D>::from_columns>(entry.object) &&
             H::held_by_key(session, entry.object) == nullptr;
    } else {
      return true;
    }
  }

  //! The objects of result `id` whose R needs a statement now, `self` first.
  static std::vector<M*> siblings(Session& session, LoadTracker& tracker, std::uint32_t id,
                                  Entry<M>& self) {
    std::vector<M*> out{&self.object};
    IdentityMap<M>* map = SessionAccess<M>::find_map(session);
    for (void* object : tracker.result(id).objects) {
      M* sibling = static_cast<M*>(object);
      if (sibling == &self.object) continue;
      // Still held (expunge() destroys objects), and not read by a later result since.
      Entry<M>* entry = map->entry_of(*sibling);
      if (entry == nullptr || entry->relations[index].result != id) continue;
      if (needs_sql(session, *entry)) out.push_back(sibling);
    }
    return out;
  }

  //! The objects a load of R read (T's) for objects of result `parents` (0: none), as one
  //! result: their path is the parents' and R.
  static void track_related(LoadTracker& tracker, std::uint32_t parents,
                            std::vector<void*> related) {
    std::vector<std::string> path;
    if (parents != 0) path = tracker.result(parents).path;
    path.push_back(descriptor_name<R>());
    number_result<T>(tracker, std::move(related), std::move(path));
  }

  //! RelationOps::load_at: a read at `where` found R unloaded.
  static void load_at(RelationSlot& slot, const SourceLocation& where) {
    Session& session = H::session_of(slot);
    Entry<M>& entry = H::entry_of(slot);
    auto& h = H::handle(entry.object);
    RelationAccess::eager_unread(h) = false;
    LoadTracker* tracker = session.load_tracker();
    if (tracker != nullptr && slot.result != 0 && needs_sql(session, entry)) {
      const std::vector<M*> needing = siblings(session, *tracker, slot.result, entry);
      if (needing.size() > 1 && tracker->batching()) {
        std::vector<void*> related;
        H::select_in(session, needing, related);
        if (RelationAccess::state(h) == HandleState::unloaded) H::load(slot);
        track_related(*tracker, slot.result, std::move(related));
        return;
      }
      if (needing.size() > 1 && tracker->strict()) {
        tracker->n_plus_one(slot.result, &H::ops, [&] {
          LoadReport report;
          report.kind = LoadReportKind::n_plus_one;
          report.model = model_traits<M>::model_name;
          report.relation = R.name;
          report.objects = needing.size();
          report.where = where;
          describe_n_plus_one(report, descriptor_name<R>(), tracker->result(slot.result).path);
          return report;
        });
      }
    }
    H::load(slot);
    if constexpr (D::many) {
      if (tracker != nullptr) track_related(*tracker, slot.result, RelationAccess::items(h));
    }
  }

  //! A query's eager selectin of R for `parents` (its option, or the schema's
  //! load(selectin)): as RelationHandler::select_in, and with either mode on, the objects
  //! it read become one result; in strict mode the handles it fills are watched for a read.
  static void eager_select_in(Session& session, std::span<M* const> parents,
                              std::vector<void*>& related) {
    LoadTracker* tracker = session.load_tracker();
    if (tracker == nullptr) {
      H::select_in(session, parents, related);
      return;
    }
    std::vector<M*> filled;
    if (tracker->strict()) {
      for (M* parent : parents) {
        if (RelationAccess::state(H::handle(*parent)) == HandleState::unloaded) {
          filled.push_back(parent);
        }
      }
    }
    const std::size_t first = related.size();
    H::select_in(session, parents, related);
    for (M* parent : filled) watch(*tracker, *parent, "selectin");
    const RelationSlot* first_slot =
        parents.empty() ? nullptr : RelationAccess::slot(H::handle(*parents.front()));
    track_related(
        *tracker, first_slot == nullptr ? 0 : first_slot->result,
        std::vector<void*>(related.begin() + static_cast<std::ptrdiff_t>(first), related.end()));
  }

  //! A joined load filled R on `parent` (its first row in the query's result).
  static void joined(Session& session, M& parent) {
    LoadTracker* tracker = session.load_tracker();
    if (tracker != nullptr && tracker->strict()) watch(*tracker, parent, "joined");
  }

  //! Strict loading: R of `object` was loaded eagerly; its first read clears the mark.
  static void watch(LoadTracker& tracker, M& object, const char* strategy) {
    RelationAccess::eager_unread(H::handle(object)) = true;
    LoadTracker::EagerLoad& load = tracker.eager_load(&H::ops, [&] {
      LoadTracker::EagerLoad made;
      made.model = model_traits<M>::model_name;
      made.relation = R.name;
      made.option = "ormc::" + std::string(strategy) + "(" + descriptor_name<R>() + ")";
      made.read = &was_read;
      return made;
    });
    load.objects.push_back(&object);
  }

  //! Whether `object` is held still and read R since its eager load.
  static bool was_read(Session& session, void* object) {
    IdentityMap<M>* map = SessionAccess<M>::find_map(session);
    Entry<M>* entry = map == nullptr ? nullptr : map->entry_of(*static_cast<M*>(object));
    return entry != nullptr && !RelationAccess::eager_unread(H::handle(entry->object));
  }
};

template <Model M>
void SessionModel<M>::track_result(Session& session, std::span<M* const> objects) {
  LoadTracker* tracker = session.load_tracker();
  if (tracker == nullptr || objects.size() < 2) return;
  number_result<M>(*tracker, std::vector<void*>(objects.begin(), objects.end()),
                   std::vector<std::string>());
}

}  // namespace ormc::detail
