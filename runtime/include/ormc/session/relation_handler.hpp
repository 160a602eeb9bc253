// RelationHandler<R>: what the Session does for one relation R of a model M (a generated
// descriptor such as blog::post::author): the RelationOps a bound handle calls (lazy load,
// back-populates on assignment and on collection changes), and RelationFlush<M>: the
// foreign keys, orphans and association rows a flush writes for M's relation changes.
// Included by ormc/session/session_model_impl.hpp: compiled once per schema.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <functional>
#include <map>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include "ormc/error.hpp"
#include "ormc/session/load_tracking.hpp"
#include "ormc/session/post_update.hpp"
#include "ormc/session/relation_ops.hpp"

namespace ormc::detail {

//! The back relation (`back(...)`) of a relation to T, number Back among T's relations:
//! its descriptor as `value` and `type`; `type` is void when there is none (Back < 0).
template <typename T, int Back>
struct back_relation {
  using type = void;
};
template <typename T, int Back>
requires(Back >= 0) struct back_relation<T, Back> {
  static constexpr const auto& value =
      nth_relation_in<static_cast<std::size_t>(Back)>(static_cast<relations_t<T>*>(nullptr));
  using type = std::remove_cvref_t<decltype(value)>;
};

template <const auto& R>
struct RelationHandler {
  using D = std::remove_cvref_t<decltype(R)>;
  using M = typename D::model_type;
  using T = typename D::target_type;
  static constexpr bool many = D::many;
  static constexpr bool owns = owns_key_v<D>;
  static constexpr bool many_to_many = D::kind == RelationKind::many_to_many;
  //! The back relation's index among T's relations, -1 without back(...).
  static constexpr int back = R.back_name.empty()
                                  ? -1
                                  : back_index(static_cast<relations_t<T>*>(nullptr), R.back_name,
                                               model_traits<M>::model_name);
  //! The back relation's descriptor type (void without one).
  using BD = typename back_relation<T, back>::type;
  static Session& session_of(const RelationSlot& slot) {
    return *static_cast<Session*>(slot.session);
  }
  static Entry<M>& entry_of(const RelationSlot& slot) {
    return *static_cast<Entry<M>*>(slot.entry);
  }
  static auto& handle(M& object) { return object.*D::member; }

  // ---- Loading ----

  // ---- The statements that read T's rows for this relation ----

  static void append_qualified(std::string& sql, const Dialect& dialect, std::string_view table,
                               std::string_view column) {
    dialect.append_identifier(sql, table);
    sql += '.';
    dialect.append_identifier(sql, column);
  }

  //! The table whose columns the WHERE names: the first hop's far side, T itself for one
  //! hop, the association table for two (joined to T by the second hop).
  static constexpr std::string_view where_table() {
    if constexpr (D::path::size == 2) {
      return model_traits<typename first_hop_t<D>::target>::table_name;
    } else {
      return model_traits<T>::table_name;
    }
  }

  //! ", T.c1, T.c2, ..." (every column of T, qualified), without the leading ", " when
  //! `first`.
  static void append_target_columns(std::string& sql, const Dialect& dialect, bool first) {
    for_each_column<T>([&](const auto& column) {
      if (!first) sql += ", ";
      first = false;
      append_qualified(sql, dialect, model_traits<T>::table_name, column.name);
    });
  }

  //! " FROM T" and, for a many-to-many, " JOIN association ON ...".
  static void append_from(std::string& sql, const Dialect& dialect) {
    const std::string_view table = model_traits<T>::table_name;
    sql += " FROM ";
    dialect.append_identifier(sql, table);
    if constexpr (D::path::size == 2) {
      using Last = last_hop_t<D>;
      sql += " JOIN ";
      dialect.append_identifier(sql, where_table());
      sql += " ON ";
      listed<typename Last::from_columns>::each_indexed([&](const auto& through, std::size_t i) {
        listed<typename Last::to_columns>::each_indexed([&](const auto& target, std::size_t j) {
          if (i != j) return;
          if (i > 0) sql += " AND ";
          append_qualified(sql, dialect, where_table(), through.name);
          sql += " = ";
          append_qualified(sql, dialect, table, target.name);
        });
      });
    }
  }

  //! " ORDER BY" T's primary key: related objects come in a stable order.
  static void append_order_by_key(std::string& sql, const Dialect& dialect) {
    sql += " ORDER BY ";
    for (std::size_t i = 0; i < model_traits<T>::primary_key.size(); ++i) {
      if (i > 0) sql += ", ";
      for_each_column<T>([&](const auto& column) {
        if (std::remove_cvref_t<decltype(column)>::index == model_traits<T>::primary_key[i]) {
          append_qualified(sql, dialect, model_traits<T>::table_name, column.name);
        }
      });
    }
  }

  //! The SELECT of T's rows related to one M, M's join columns bound from 1 on.
  static std::string select_sql(const Dialect& dialect) {
    std::string sql = "SELECT ";
    append_target_columns(sql, dialect, true);
    append_from(sql, dialect);
    sql += " WHERE ";
    std::size_t n = 0;
    listed<typename first_hop_t<D>::to_columns>::each([&](const auto& column) {
      if (n > 0) sql += " AND ";
      append_qualified(sql, dialect, where_table(), column.name);
      sql += " = ";
      dialect.append_placeholder(sql, ++n);
    });
    append_order_by_key(sql, dialect);
    return sql;
  }

  static const std::string& cached_sql(const Dialect& dialect) {
    static const std::array<std::string, 2> texts{select_sql(sqlite_dialect()),
                                                  select_sql(postgresql_dialect())};
    return texts[dialect.kind() == DialectKind::sqlite ? 0 : 1];
  }

  //! The related rows of `owner`, as the session's objects.
  static std::vector<std::reference_wrapper<T>> query(Session& session, const M& owner) {
    std::vector<std::reference_wrapper<T>> out;
    if (!columns_present<typename first_hop_t<D>::from_columns>(owner)) return out;
    session.autoflush();
    Connection& connection = session.connection();
    Statement statement = connection.prepare(cached_sql(connection.dialect()));
    std::size_t next = 1;
    bind_columns<typename first_hop_t<D>::from_columns>(statement, owner, next);
    Result result = statement.query();
    SessionModel<T>::load(session, result, many ? static_cast<std::size_t>(-1) : 1, out);
    return out;
  }

  //! The related object of a to-one relation: by key from the identity map when the
  //! foreign key is M's and names T's primary key (no SQL when T is held), else a SELECT.
  static T* load_one(Session& session, const M& owner) {
    if constexpr (owns && targets_primary_key<D>()) {
      using From = typename first_hop_t<D>::from_columns;
      using To = typename first_hop_t<D>::to_columns;
      if (!columns_present<From>(owner)) return nullptr;
      T probe{};
      copy_columns_across<From, To>(owner, probe);
      return SessionModel<T>::get(session, key_of(probe));
    } else {
      auto rows = query(session, owner);
      return rows.empty() ? nullptr : &rows.front().get();
    }
  }

  // ---- Eager loading: one statement for many parents ----

  //! The values of columns `List` of `object`, NULLs unwrapped (callers check presence).
  template <typename List, typename O>
  static auto key_values(const O& object) {
    return [&]<const auto&... C>(column_list<C...>*) {
      return std::tuple<
          unwrap_optional_t<typename std::remove_cvref_t<decltype(C)>::value_type>...>(
          unwrap_value(C.of(object))...);
    }
    (static_cast<List*>(nullptr));
  }
  template <typename V>
  static const auto& unwrap_value(const V& value) {
    if constexpr (is_optional<V>::value) {
      return *value;
    } else {
      return value;
    }
  }

  //! SELECT of T's rows for many parents: the first hop's far columns first (the parent's
  //! key they match, to group rows by), then T's columns; `count` placeholders per key
  //! column, as one IN list (row values for a composite key).
  static std::string select_in_sql(const Dialect& dialect, std::size_t count) {
    std::string key;
    listed<typename first_hop_t<D>::to_columns>::each([&](const auto& column) {
      if (!key.empty()) key += ", ";
      append_qualified(key, dialect, where_table(), column.name);
    });
    std::string sql = "SELECT " + key;
    append_target_columns(sql, dialect, false);
    append_from(sql, dialect);
    constexpr std::size_t width = listed<typename first_hop_t<D>::to_columns>::size;
    sql += " WHERE ";
    sql += width == 1 ? key : "(" + key + ")";
    sql += " IN (";
    std::size_t n = 0;
    for (std::size_t row = 0; row < count; ++row) {
      if (row > 0) sql += ", ";
      if (width > 1) sql += "(";
      for (std::size_t i = 0; i < width; ++i) {
        if (i > 0) sql += ", ";
        dialect.append_placeholder(sql, ++n);
      }
      if (width > 1) sql += ")";
    }
    sql += ")";
    append_order_by_key(sql, dialect);
    return sql;
  }

  //! PostgreSQL's array type for a one-column key of integers or text, bound as one
  //! parameter (`= ANY($1)`): one prepared statement for any number of parents. nullptr
  //! for other keys, which take IN lists.
  template <typename Key>
  static constexpr const char* array_of() {
    if constexpr (std::tuple_size_v<Key> != 1) {
      return nullptr;
    } else {
      using V = std::tuple_element_t<0, Key>;
      if constexpr (std::is_same_v<V, std::int64_t>) return "bigint[]";
      if constexpr (std::is_same_v<V, std::int32_t>) return "integer[]";
      if constexpr (std::is_same_v<V, std::int16_t>) return "smallint[]";
      if constexpr (std::is_same_v<V, std::string>) return "text[]";
      return nullptr;
    }
  }

  //! The keys as a PostgreSQL array literal: {1,2,3}, or {"a","b \"c"} for text.
  template <typename Key>
  static std::string array_literal(const std::vector<const Key*>& keys) {
    std::string literal = "{";
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (i > 0) literal += ',';
      const auto& value = std::get<0>(*keys[i]);
      if constexpr (std::is_same_v<std::remove_cvref_t<decltype(value)>, std::string>) {
        literal += '"';
        for (char c : value) {
          if (c == '"' || c == '\\') literal += '\\';
          literal += c;
        }
        literal += '"';
      } else {
        literal += std::to_string(value);
      }
    }
    return literal + "}";
  }

  //! selectin's statement on PostgreSQL for array_of keys: WHERE key = ANY(CAST($1 AS t[])).
  template <typename Key>
  static std::string select_any_sql(const Dialect& dialect) {
    std::string key;
    listed<typename first_hop_t<D>::to_columns>::each(
        [&](const auto& column) { append_qualified(key, dialect, where_table(), column.name); });
    std::string sql = "SELECT " + key;
    append_target_columns(sql, dialect, false);
    append_from(sql, dialect);
    sql += " WHERE " + key + " = ANY(CAST(";
    dialect.append_placeholder(sql, 1);
    sql += " AS " + std::string(array_of<Key>()) + "))";
    append_order_by_key(sql, dialect);
    return sql;
  }

  //! How many parents one selectin statement takes: under SQLite's default limit of
  //! 32,766 bound values and PostgreSQL's 65,535, with room for composite keys.
  static constexpr std::size_t parents_per_statement = 500;

  static void select_in(Session& session, std::span<M* const> parents,
                        std::vector<void*>& related) {
    using From = typename first_hop_t<D>::from_columns;
    using Key = decltype(key_values<From>(std::declval<const M&>()));
    // The parents to load with the key their related rows name, sorted by key (stable: a
    // key's parents stay in result order): one contiguous vector, where a std::map took a
    // node and a vector per key.
    std::vector<std::pair<Key, M*>> by_key;
    by_key.reserve(parents.size());
    std::vector<M*> empty_keys;
    for (M* parent : parents) {
      auto& h = handle(*parent);
      if (RelationAccess::state(h) != HandleState::unloaded) {
        if (RelationAccess::state(h) == HandleState::loaded) collect(h, related);
        continue;
      }
      if (!columns_present<From>(*parent)) {
        empty_keys.push_back(parent);
        continue;
      }
      by_key.emplace_back(key_values<From>(*parent), parent);
    }
    for (M* parent : empty_keys) finish(handle(*parent), related);
    if (by_key.empty()) return;
    std::stable_sort(by_key.begin(), by_key.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    ParentsByKey<Key> groups{by_key};

    if constexpr (!many && owns && targets_primary_key<D>()) {
      // Many-to-one: targets the session holds cost nothing; the rest come by key.
      IdentityMap<T>& map = SessionAccess<T>::map(session);
      std::vector<const Key*> missing;
      groups.each([&](const Key& key, std::span<std::pair<Key, M*>> owners) {
        if (Entry<T>* held = map.find(target_key(key))) {
          if (held->state == ObjectState::deleted) return;
          for (auto& owner : owners) RelationAccess::target(handle(*owner.second)) = &held->object;
        } else {
          missing.push_back(&key);
        }
      });
      run_select_in(session, missing, [&](const Key& key, T* target) {
        for (auto& owner : groups.find(key)) RelationAccess::target(handle(*owner.second)) = target;
      });
    } else {
      std::vector<const Key*> keys;
      groups.each(
          [&](const Key& key, std::span<std::pair<Key, M*>> /*owners*/) { keys.push_back(&key); });
      run_select_in(session, keys, [&](const Key& key, T* item) {
        for (auto& owner : groups.find(key)) {
          auto& h = handle(*owner.second);
          if constexpr (many) {
            RelationAccess::items(h).push_back(item);
          } else {
            RelationAccess::target(h) = item;
          }
        }
      });
    }
    for (auto& owner : by_key) finish(handle(*owner.second), related);
  }

  //! selectin's parents sorted by key: the parents of a key by binary search, or at once
  //! when a row names the key of the row before (a parent's related rows tend to be
  //! adjacent: inserted together, read in key order).
  template <typename Key>
  struct ParentsByKey {
    using Pair = std::pair<Key, M*>;
    std::vector<Pair>& sorted;
    std::span<Pair> last{};

    //! Calls f(key, parents) once per distinct key, in key order.
    template <typename F>
    void each(F&& f) {
      for (auto at = sorted.begin(); at != sorted.end();) {
        auto end = at + 1;
        while (end != sorted.end() && !(at->first < end->first)) ++end;
        f(at->first, std::span<Pair>(at, end));
        at = end;
      }
    }
    //! The parents whose key is `key` (empty when none is).
    std::span<Pair> find(const Key& key) {
      if (!last.empty() && !(last.front().first < key) && !(key < last.front().first)) {
        return last;
      }
      auto [begin, end] = std::equal_range(sorted.begin(), sorted.end(), key, KeyLess{});
      last = std::span<Pair>(begin, end);
      return last;
    }
    struct KeyLess {
      bool operator()(const Pair& a, const Key& b) const { return a.first < b; }
      bool operator()(const Key& a, const Pair& b) const { return a < b.first; }
    };
  };

  //! T's key for a many-to-one's foreign key values.
  template <typename Key>
  static key_t<T> target_key(const Key& key) {
    if constexpr (std::tuple_size_v<Key> == 1) {
      return static_cast<key_t<T>>(std::get<0>(key));
    } else {
      return std::apply([](const auto&... part) { return key_t<T>(part...); }, key);
    }
  }

  //! Runs the selectin statements for `keys`, 500 at a time, calling found(key, object)
  //! for each row.
  template <typename Key, typename F>
  static void run_select_in(Session& session, const std::vector<const Key*>& keys, F&& found) {
    if (keys.empty()) return;
    session.autoflush();
    Connection& connection = session.connection();
    constexpr int width = static_cast<int>(std::tuple_size_v<Key>);
    const bool as_array =
        array_of<Key>() != nullptr && connection.dialect().kind() == DialectKind::postgresql;
    const std::size_t per_statement = as_array ? keys.size() : parents_per_statement;
    for (std::size_t start = 0; start < keys.size(); start += per_statement) {
      const std::size_t count = std::min(per_statement, keys.size() - start);
      Statement statement = as_array
                                ? connection.prepare(select_any_sql<Key>(connection.dialect()))
                                : connection.prepare(select_in_sql(connection.dialect(), count));
      if (as_array) {
        statement.bind(1, array_literal(keys));
      } else {
        std::size_t next = 1;
        for (std::size_t i = start; i < start + count; ++i) {
          std::apply([&](const auto&... part) { (statement.bind(next++, part), ...); }, *keys[i]);
        }
      }
      Result result = statement.query();
      while (result.next()) {
        const Row& row = result.row();
        Key key{};
        [&]<std::size_t... I>(std::index_sequence<I...>) {
          (row.visit([&](const auto& reader) {
            read_column(reader, static_cast<int>(I), std::get<I>(key));
          }),
           ...);
        }
        (std::make_index_sequence<std::tuple_size_v<Key>>{});
        if (T* object = SessionModel<T>::take_row(session, row, width)) found(key, object);
      }
    }
  }

  template <typename H>
  static void finish(H& h, std::vector<void*>& related) {
    RelationAccess::state(h) = HandleState::loaded;
    collect(h, related);
  }
  template <typename H>
  static void collect(H& h, std::vector<void*>& related) {
    if constexpr (many) {
      for (void* item : RelationAccess::items(h)) related.push_back(item);
    } else if (T* target = RelationAccess::target(h)) {
      related.push_back(target);
    }
  }

  static void load(RelationSlot& slot) {
    Session& session = session_of(slot);
    Entry<M>& entry = entry_of(slot);
    if (slot.strategy == static_cast<std::uint8_t>(LoadStrategy::raise_on_sql)) {
      // Without SQL: a many-to-one whose target the session holds.
      if constexpr (!many && owns && targets_primary_key<D>()) {
        Entry<M>& owner = entry_of(slot);
        if (!columns_present<typename first_hop_t<D>::from_columns>(owner.object) ||
            held_by_key(session_of(slot), owner.object) != nullptr) {
          RelationAccess::target(handle(owner.object)) =
              held_by_key(session_of(slot), owner.object);
          RelationAccess::state(handle(owner.object)) = HandleState::loaded;
          return;
        }
      }
    }
    if (slot.strategy == static_cast<std::uint8_t>(LoadStrategy::raise) ||
        slot.strategy == static_cast<std::uint8_t>(LoadStrategy::raise_on_sql)) {
      throw InvalidRequestError(
          relation_label<R>() + " is not loaded and its loading strategy is " +
          (slot.strategy == static_cast<std::uint8_t>(LoadStrategy::raise)
               ? "raise (the schema's load(raise) or the query's ormc::raise option)"
               : "raise_on_sql (the query's ormc::raise_on_sql option), and loading it needs SQL") +
          ": load it with the query that reads this " + std::string(model_traits<M>::model_name) +
          ", e.g. .load(ormc::selectin(...))");
    }
    if (slot.strategy == static_cast<std::uint8_t>(LoadStrategy::noload)) {
      finish_empty(handle(entry.object));
      return;
    }
    if (entry.state == ObjectState::detached) {
      throw DetachedInstanceError(relation_label<R>() + ": this " +
                                  std::string(model_traits<M>::model_name) +
                                  " is detached (its session was closed, or it was deleted and "
                                  "committed), so the relation cannot be loaded; merge() it back "
                                  "into a session first");
    }
    auto& h = handle(entry.object);
    if constexpr (many) {
      std::vector<void*> items;
      if (entry.state != ObjectState::pending && entry.state != ObjectState::transient) {
        for (T& item : query(session, entry.object)) items.push_back(&item);
      }
      RelationAccess::items(h) = std::move(items);
    } else {
      RelationAccess::target(h) = load_one(session, entry.object);
    }
    RelationAccess::state(h) = HandleState::loaded;
    slot.partial = false;
  }

  template <typename H>
  static void finish_empty(H& h) {
    if constexpr (many) {
      RelationAccess::items(h).clear();
    } else {
      RelationAccess::target(h) = nullptr;
    }
    RelationAccess::state(h) = HandleState::loaded;
  }

  // ---- Keeping both sides in step ----

  //! The entry of a related object; InvalidRequestError when the session does not hold it.
  static Entry<T>& held_target(Session& session, T& target) {
    IdentityMap<T>* map = SessionAccess<T>::find_map(session);
    Entry<T>* entry = map == nullptr ? nullptr : map->entry_of(target);
    if (entry == nullptr) {
      throw InvalidRequestError(relation_label<R>() + ": the " +
                                std::string(model_traits<T>::model_name) +
                                " given is not an object of this session; add() it first and use "
                                "the reference add() returns");
    }
    return *entry;
  }

  //! The object M's foreign key names now, if the session holds it (no SQL).
  static T* held_by_key(Session& session, const M& owner) {
    if constexpr (owns && targets_primary_key<D>()) {
      using From = typename first_hop_t<D>::from_columns;
      using To = typename first_hop_t<D>::to_columns;
      if (!columns_present<From>(owner)) return nullptr;
      IdentityMap<T>* map = SessionAccess<T>::find_map(session);
      if (map == nullptr) return nullptr;
      T probe{};
      copy_columns_across<From, To>(owner, probe);
      Entry<T>* entry = map->find(key_of(probe));
      return entry == nullptr ? nullptr : &entry->object;
    } else {
      return nullptr;
    }
  }

  //! Sets the FK-owning to-one handle `h` of `object` (model O) as a user would, without
  //! back-populating (the caller does that): the flush writes O's foreign key from it.
  template <typename O, typename Target>
  static void set_owning(Session& session, O& /*object*/, ToOne<Target>& h, Target* target) {
    RelationAccess::set_quietly(h, target);
    RelationAccess::assigned(h) = true;
    if (RelationSlot* slot = RelationAccess::slot(h)) {
      SessionAccess<O>::relink(session, *static_cast<Entry<O>*>(slot->entry));
    }
  }

  //! post.author = target (was `previous`, nullptr when not loaded).
  static void assigned(RelationSlot& slot, void* previous_object, void* target_object) {
    if constexpr (!many) {
      Session& session = session_of(slot);
      Entry<M>& entry = entry_of(slot);
      M& owner = entry.object;
      T* target = static_cast<T*>(target_object);
      T* previous = static_cast<T*>(previous_object);
      if (target != nullptr) (void)held_target(session, *target);
      if (previous == nullptr) previous = held_by_key(session, owner);
      if constexpr (owns) {
        SessionAccess<M>::relink(session, entry);
      } else if constexpr (back < 0) {
        // The key is T's and no relation of T says so: the flush writes it from here.
        if (previous != nullptr) slot.history().removed.push_back(previous);
        if (target != nullptr) slot.history().added.push_back(target);
        SessionAccess<M>::relink(session, entry);
      }
      if constexpr (back >= 0) {
        if constexpr (BD::many) {  // the other side is a collection: it follows quietly
          if (previous != nullptr && previous != target) {
            RelationAccess::remove_quietly(previous->*BD::member, &owner);
          }
          if (target != nullptr) RelationAccess::add_quietly(target->*BD::member, &owner);
        } else if constexpr (owns) {  // one-to-one, the key is ours: the other side follows
          if (previous != nullptr && previous != target) {
            auto& back_handle = previous->*BD::member;
            if (RelationAccess::target(back_handle) == &owner) {
              RelationAccess::set_quietly(back_handle, static_cast<M*>(nullptr));
            }
          }
          if (target != nullptr) {
            auto& back_handle = target->*BD::member;
            M* stolen_from = RelationAccess::state(back_handle) == HandleState::loaded
                                 ? RelationAccess::target(back_handle)
                                 : nullptr;
            if (stolen_from != nullptr && stolen_from != &owner) {
              set_owning(session, *stolen_from, handle(*stolen_from), static_cast<T*>(nullptr));
            }
            RelationAccess::set_quietly(back_handle, &owner);
          }
        } else {  // one-to-one, the key is T's (user.profile = p): p's key follows
          if (previous != nullptr && previous != target) {
            set_owning(session, *previous, previous->*BD::member, static_cast<M*>(nullptr));
            if constexpr (R.cascade.delete_orphan) slot.history().removed.push_back(previous);
            SessionAccess<M>::relink(session, entry);
          }
          if (target != nullptr) {
            auto& back_handle = target->*BD::member;
            M* old_owner = RelationAccess::state(back_handle) == HandleState::loaded
                               ? RelationAccess::target(back_handle)
                               : nullptr;
            if (old_owner != nullptr && old_owner != &owner) {
              RelationAccess::set_quietly(handle(*old_owner), static_cast<T*>(nullptr));
            }
            set_owning(session, *target, back_handle, &owner);
          }
        }
      }
    }
  }

  //! A collection of M gained or lost `item`.
  static void changed(RelationSlot& slot, void* item_object, bool added) {
    if constexpr (many) {
      Session& session = session_of(slot);
      Entry<M>& entry = entry_of(slot);
      M& owner = entry.object;
      T& item = *static_cast<T*>(item_object);
      (void)held_target(session, item);
      constexpr bool history = many_to_many || back < 0;
      if constexpr (history) {
        // Record it (an add cancels a remove of the same item not yet flushed, and back).
        std::vector<void*>& undo = added ? slot.history().removed : slot.history().added;
        auto at = std::find(undo.begin(), undo.end(), item_object);
        if (at != undo.end()) {
          undo.erase(at);
        } else {
          (added ? slot.history().added : slot.history().removed).push_back(item_object);
        }
        SessionAccess<M>::relink(session, entry);
      }
      if constexpr (back >= 0) {
        auto& back_handle = item.*BD::member;
        if constexpr (BD::many) {  // many-to-many: the other collection follows quietly
          if (added) {
            RelationAccess::add_quietly(back_handle, &owner);
          } else {
            RelationAccess::remove_quietly(back_handle, &owner);
          }
        } else {  // one-to-many: the item's to-one (which holds the key) follows
          if (added) {
            M* old_parent =
                RelationAccess::state(back_handle) == HandleState::loaded
                    ? RelationAccess::target(back_handle)
                    : RelationHandler<back_relation<T, back>::value>::held_by_key(session, item);
            if (old_parent != nullptr && old_parent != &owner) {
              RelationAccess::remove_quietly(handle(*old_parent), &item);
            }
            set_owning(session, item, back_handle, &owner);
          } else {
            set_owning(session, item, back_handle, static_cast<M*>(nullptr));
            if constexpr (R.cascade.delete_orphan) {
              slot.history().removed.push_back(item_object);
              SessionAccess<M>::relink(session, entry);
            }
          }
        }
      }
    }
  }

  static constexpr RelationOps ops{&load, &assigned, &changed, &LoadTracking<R>::load_at};
};

//! What a flush writes for relation changes of M's objects.
template <Model M>
struct RelationFlush {
  //! Before M's INSERTs and UPDATEs: each to-one holding a foreign key that was set
  //! writes the key from its target. Returns false (and changes nothing) while a target
  //! of M's own model is still to be inserted: the caller writes that one first.
  static bool before_write(Session& session, Entry<M>& entry, bool check_only) {
    bool ready = true;
    for_each_relation<M>([&](auto relation, std::size_t /*index*/) {
      constexpr const auto& R = decltype(relation)::value;
      using H = RelationHandler<R>;
      if constexpr (H::owns) {
        auto& h = H::handle(entry.object);
        if (!RelationAccess::assigned(h)) return;
        typename H::T* target = RelationAccess::target(h);
        using From = typename first_hop_t<typename H::D>::from_columns;
        using To = typename first_hop_t<typename H::D>::to_columns;
        if (target != nullptr) {
          Entry<typename H::T>& target_entry = H::held_target(session, *target);
          if (target_entry.state == ObjectState::pending) {
            if constexpr (std::is_same_v<typename H::T, M>) {
              ready = false;
              return;
            } else {
              throw InvalidRequestError(
                  relation_label<R>() + ": the " +
                  std::string(model_traits<typename H::T>::model_name) +
                  " it names is still to be inserted when this " +
                  std::string(model_traits<M>::model_name) +
                  " is written (the two models depend on each other); flush() the " +
                  std::string(model_traits<typename H::T>::model_name) + " first");
            }
          }
          if (check_only) return;
          copy_columns_across<To, From>(*target, entry.object);
        } else {
          if (check_only) return;
          if (!null_columns<From>(entry.object)) {
            throw InvalidRequestError(
                relation_label<R>() + " was emptied, but its foreign key is NOT NULL in " +
                std::string(model_traits<M>::table_name) + ": delete the " +
                std::string(model_traits<M>::model_name) +
                " (session.remove()), give it another one, or give the collection that lost it "
                "cascade(delete_orphan) in the schema");
          }
        }
        RelationAccess::assigned(h) = false;
      }
    });
    return ready;
  }

  //! An orphan about to be deleted gives up its foreign key first where it may be NULL, so
  //! that a new row taking its place (a user's new profile, under a unique key) can be
  //! inserted before the DELETE. Returns whether a key column changed.
  static bool release_keys(Entry<M>& entry) {
    bool released = false;
    for_each_relation<M>([&](auto relation, std::size_t /*index*/) {
      constexpr const auto& R = decltype(relation)::value;
      using H = RelationHandler<R>;
      if constexpr (H::owns) {
        auto& h = H::handle(entry.object);
        if (!RelationAccess::assigned(h) || RelationAccess::target(h) != nullptr) return;
        using From = typename first_hop_t<typename H::D>::from_columns;
        if constexpr (columns_nullable<From>()) {
          released = null_columns<From>(entry.object) || released;
        }
        RelationAccess::assigned(h) = false;
      }
    });
    return released;
  }

  //! After M's writes (M's keys are known): the foreign keys of T held for M by
  //! collections without a back relation, and the orphans of delete_orphan collections.
  static void after_write(Session& session, Entry<M>& entry) {
    for_each_relation<M>([&](auto relation, std::size_t index) {
      constexpr const auto& R = decltype(relation)::value;
      using H = RelationHandler<R>;
      using T = typename H::T;
      if constexpr (!H::owns && !H::many_to_many) {
        RelationSlot& slot = entry.relations[index];
        if (!slot.changes) return;
        using From = typename first_hop_t<typename H::D>::from_columns;
        using To = typename first_hop_t<typename H::D>::to_columns;
        for (void* removed : slot.changes->removed) {
          T& item = *static_cast<T*>(removed);
          if constexpr (H::back >= 0) {
            // An orphan of a delete_orphan collection, unless it found another parent.
            if (RelationAccess::target(item.*H::BD::member) == nullptr) {
              ObjectState state = SessionModel<T>::state(session, item);
              if (state == ObjectState::persistent || state == ObjectState::pending) {
                SessionModel<T>::remove(session, item);
              }
            }
          } else {
            if constexpr (R.cascade.delete_orphan) {
              SessionModel<T>::remove(session, item);
            } else {
              if (!null_columns<To>(item)) {
                throw InvalidRequestError(
                    relation_label<R>() + " lost a " + std::string(model_traits<T>::model_name) +
                    " whose foreign key is NOT NULL: delete it (session.remove()), or give the "
                    "relation cascade(delete_orphan) in the schema");
              }
              SessionAccess<T>::relink(session, H::held_target(session, item));
            }
          }
        }
        if constexpr (H::back < 0) {
          for (void* added : slot.changes->added) {
            T& item = *static_cast<T*>(added);
            copy_columns_across<From, To>(entry.object, item);
            SessionAccess<T>::relink(session, H::held_target(session, item));
          }
        }
        slot.clear_changes();
      }
    });
  }

  //! After every model's writes: the association rows of M's many-to-many collections.
  static void write_association_rows(Connection& connection, Entry<M>& entry) {
    for_each_relation<M>([&](auto relation, std::size_t index) {
      constexpr const auto& R = decltype(relation)::value;
      using H = RelationHandler<R>;
      if constexpr (H::many_to_many) {
        RelationSlot& slot = entry.relations[index];
        if (!slot.changes) return;
        using First = first_hop_t<typename H::D>;
        using Last = last_hop_t<typename H::D>;
        using Through = typename First::target;
        const Dialect& dialect = connection.dialect();
        for (void* removed : slot.changes->removed) {
          std::string sql = "DELETE FROM ";
          dialect.append_identifier(sql, model_traits<Through>::table_name);
          sql += " WHERE ";
          std::size_t n = 0;
          auto condition = [&](const auto& column) {
            if (n > 0) sql += " AND ";
            dialect.append_identifier(sql, column.name);
            sql += " = ";
            dialect.append_placeholder(sql, ++n);
          };
          listed<typename First::to_columns>::each(condition);
          listed<typename Last::from_columns>::each(condition);
          Statement statement = connection.prepare(sql);
          std::size_t next = 1;
          bind_columns<typename First::from_columns>(statement, entry.object, next);
          bind_columns<typename Last::to_columns>(statement, *static_cast<typename H::T*>(removed),
                                                  next);
          statement.execute();
        }
        for (void* added : slot.changes->added) {
          std::string sql = "INSERT INTO ";
          dialect.append_identifier(sql, model_traits<Through>::table_name);
          sql += " (";
          std::size_t n = 0;
          auto name = [&](const auto& column) {
            if (n++ > 0) sql += ", ";
            dialect.append_identifier(sql, column.name);
          };
          listed<typename First::to_columns>::each(name);
          listed<typename Last::from_columns>::each(name);
          sql += ") VALUES (";
          for (std::size_t i = 1; i <= n; ++i) {
            if (i > 1) sql += ", ";
            dialect.append_placeholder(sql, i);
          }
          sql += ")";
          Statement statement = connection.prepare(sql);
          std::size_t next = 1;
          bind_columns<typename First::from_columns>(statement, entry.object, next);
          bind_columns<typename Last::to_columns>(statement, *static_cast<typename H::T*>(added),
                                                  next);
          statement.execute();
        }
        slot.clear_changes();
      }
    });
  }

  //! Binds the handles of a held object to its entry's slots. `pending`: the object was
  //! just added, so its collections start loaded (nothing in the database names it yet)
  //! and what the user set before add() takes effect now.
  static void bind(Session& session, Entry<M>& entry, bool pending) {
    if (pending) {
      // Every related object must be the session's before anything is linked: a refusal
      // leaves the session and the other objects as they were.
      for_each_relation<M>([&](auto relation, std::size_t /*index*/) {
        constexpr const auto& R = decltype(relation)::value;
        using H = RelationHandler<R>;
        auto& h = H::handle(entry.object);
        if constexpr (H::many) {
          for (typename H::T* item : RelationAccess::objects(h))
            (void)H::held_target(session, *item);
        } else if (RelationAccess::state(h) == HandleState::loaded) {
          if (typename H::T* target = RelationAccess::target(h)) {
            (void)H::held_target(session, *target);
          }
        }
      });
    }
    for_each_relation<M>([&](auto relation, std::size_t index) {
      constexpr const auto& R = decltype(relation)::value;
      using H = RelationHandler<R>;
      RelationSlot& slot = entry.relations[index];
      slot.ops = &H::ops;
      // The schema's load(raise) / load(noload) hold for every read; the eager strategies
      // are the queries' business.
      if constexpr (R.load == LoadStrategy::raise || R.load == LoadStrategy::noload) {
        slot.strategy = static_cast<std::uint8_t>(R.load);
      }
      slot.session = &session;
      slot.entry = &entry;
      auto& h = H::handle(entry.object);
      RelationAccess::slot(h) = &slot;
      HandleState& state = RelationAccess::state(h);
      if (!pending) {
        state = HandleState::unloaded;
        return;
      }
      if constexpr (H::many) {
        std::vector<typename H::T*> given = RelationAccess::objects(h);
        RelationAccess::items(h).clear();
        state = HandleState::loaded;
        for (typename H::T* item : given) h.push_back(*item);
      } else {
        // A new object's to-one that names an object (set before add(), or copied from
        // an object that had it) is its relation from now on.
        if (state == HandleState::loaded &&
            (RelationAccess::assigned(h) || RelationAccess::target(h) != nullptr)) {
          RelationAccess::assigned(h) = true;
          H::assigned(slot, nullptr, RelationAccess::target(h));
        } else {
          state = HandleState::unloaded;
        }
      }
    });
  }

  //! session.remove(object) of a held object: what follows for its related rows, as the
  //! schema's cascades say (SQLAlchemy's delete cascade and its defaults):
  //!  - a collection or inverse one-to-one with cascade(delete): each related object is
  //!    removed too (loading the relation first), and so on down;
  //!  - without it: each related object's foreign key becomes NULL at flush when nullable,
  //!    and is left as it is when NOT NULL (the database's on_delete then decides: cascade,
  //!    or an IntegrityError that names the constraint; never a silent orphan);
  //!  - a many-to-many: its association rows are deleted before the object;
  //!  - with the foreign key's on_delete(cascade) or on_delete(set_null), an unloaded
  //!    relation is not read (the database takes its rows), and loaded related objects
  //!    are removed (cascade) or get NULL keys (set_null) as the database will do.
  static void cascade_remove(Session& session, Entry<M>& entry) {
    for_each_relation<M>([&](auto relation, std::size_t index) {
      constexpr const auto& R = decltype(relation)::value;
      using H = RelationHandler<R>;
      using T = typename H::T;
      if constexpr (!H::owns) {
        auto& h = H::handle(entry.object);
        const bool unloaded = RelationAccess::state(h) == HandleState::unloaded;
        if (unloaded || RelationAccess::partial(h)) {
          if constexpr (R.on_delete == OnDelete::cascade || R.on_delete == OnDelete::set_null) {
            // Passive deletes: the database's on_delete takes the rows the session has not
            // loaded, so they are not read (SQLAlchemy's passive_deletes=True); a partial
            // collection's loaded rows are handled below.
            if (unloaded) return;
          } else {
            H::load(entry.relations[index]);  // a partial collection: all its rows
          }
        }
        std::vector<T*> related;
        if constexpr (H::many) {
          related = RelationAccess::objects(h);
        } else if (T* target = RelationAccess::target(h)) {
          related.push_back(target);
        }
        if constexpr (H::many_to_many) {
          RelationSlot& slot = entry.relations[index];
          for (T* item : related) {
            void* object = item;
            RelationChanges& changes = slot.history();
            if (std::find(changes.added.begin(), changes.added.end(), object) !=
                changes.added.end()) {
              std::erase(changes.added, object);
            } else if (std::find(changes.removed.begin(), changes.removed.end(), object) ==
                       changes.removed.end()) {
              changes.removed.push_back(object);
            }
            if constexpr (H::back >= 0) {
              RelationAccess::remove_quietly(item->*H::BD::member, &entry.object);
            }
          }
          if (!related.empty()) SessionAccess<M>::relink(session, entry);
        } else if constexpr (R.cascade.delete_ || R.on_delete == OnDelete::cascade) {
          for (T* item : related) {
            const ObjectState state = SessionModel<T>::state(session, *item);
            if (state == ObjectState::persistent || state == ObjectState::pending) {
              SessionModel<T>::remove(session, *item);
            }
          }
        } else {
          using To = typename first_hop_t<typename H::D>::to_columns;
          if constexpr (columns_nullable<To>()) {
            for (T* item : related) {
              if constexpr (H::back >= 0) {
                H::set_owning(session, *item, item->*H::BD::member, static_cast<M*>(nullptr));
                null_columns<To>(*item);  // at once, as on_delete(set_null) will in the database
              } else {
                null_columns<To>(*item);
                SessionAccess<T>::relink(session, H::held_target(session, *item));
              }
            }
          }
        }
      }
    });
  }

  //! The session forgets what the handles loaded: after a rollback the database holds
  //! other rows, so each handle loads again on next use.
  static void expire(Entry<M>& entry) {
    for_each_relation<M>([&](auto relation, std::size_t index) {
      constexpr const auto& R = decltype(relation)::value;
      RelationAccess::expire(RelationHandler<R>::handle(entry.object));
      entry.relations[index].clear_changes();
    });
  }

  //! Before the entry's object leaves the session (expunge): the handles are unbound and
  //! the other sides of its loaded relations stop pointing at it.
  static void unbind(Entry<M>& entry) {
    for_each_relation<M>([&](auto relation, std::size_t /*index*/) {
      constexpr const auto& R = decltype(relation)::value;
      using H = RelationHandler<R>;
      auto& h = H::handle(entry.object);
      if constexpr (H::back >= 0) {
        using BD = typename H::BD;
        auto forget = [&](typename H::T* other) {
          auto& back_handle = other->*BD::member;
          if constexpr (BD::many) {
            RelationAccess::remove_quietly(back_handle, &entry.object);
          } else if (RelationAccess::target(back_handle) == &entry.object) {
            RelationAccess::expire(back_handle);
          }
        };
        if (RelationAccess::state(h) == HandleState::loaded) {
          if constexpr (H::many) {
            for (typename H::T* item : RelationAccess::objects(h)) forget(item);
          } else if (typename H::T* target = RelationAccess::target(h)) {
            forget(target);
          }
        }
      }
      if (RelationAccess::state(h) == HandleState::unloaded) {
        RelationAccess::state(h) = HandleState::detached;
      }
      RelationAccess::slot(h) = nullptr;
    });
  }
};

// SessionModel's relation operations, which need the handlers above.

template <Model M>
void SessionModel<M>::select_in(Session& session, std::span<M* const> parents, std::size_t relation,
                                std::vector<void*>& related) {
  for_each_relation<M>([&](auto descriptor, std::size_t index) {
    if (index == relation) {
      LoadTracking<decltype(descriptor)::value>::eager_select_in(session, parents, related);
    }
  });
}

template <Model M>
void SessionModel<M>::load_defaults(Session& session, std::span<M* const> objects,
                                    std::span<const std::size_t> skip) {
  for_each_relation<M>([&](auto descriptor, std::size_t index) {
    if constexpr (decltype(descriptor)::value.load == LoadStrategy::selectin) {
      if (std::find(skip.begin(), skip.end(), index) != skip.end()) return;
      std::vector<void*> related;
      LoadTracking<decltype(descriptor)::value>::eager_select_in(session, objects, related);
    }
  });
}

template <Model M>
void SessionModel<M>::set_strategy(std::span<M* const> parents, std::size_t relation,
                                   std::uint8_t strategy) {
  for (M* parent : parents) {
    for_each_relation<M>([&](auto descriptor, std::size_t index) {
      if (index != relation) return;
      auto& handle = parent->*std::remove_cvref_t<decltype(descriptor.value)>::member;
      if (RelationSlot* slot = RelationAccess::slot(handle)) slot->strategy = strategy;
    });
  }
}

}  // namespace ormc::detail
