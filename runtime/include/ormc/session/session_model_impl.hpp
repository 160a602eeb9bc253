// The definitions of SessionModel<M>'s operations: what the Session does with objects of
// one model. Compiled once per schema by the generated <schema>.orm.cpp
// (ORMC_INSTANTIATE_MODEL in ormc/session/instantiate.hpp); a file using a Session sees
// only their declarations (ormc/session/model_map.hpp).
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ormc/error.hpp"
#include "ormc/hydrate.hpp"
#include "ormc/result.hpp"
#include "ormc/row.hpp"
#include "ormc/session.hpp"
#include "ormc/session/identity_map.hpp"
#include "ormc/statement.hpp"

namespace ormc::detail {

namespace session_model {

template <Model M>
IdentityMap<M>* map_if_any(ModelMapBase* base) {
  return static_cast<IdentityMap<M>*>(base);
}

//! Binds a key's values, in key order, from parameter 1.
template <Model M>
void bind_key(Statement& statement, const key_t<M>& key) {
  if constexpr (key_column_count<M> == 1) {
    statement.bind(1, key);
  } else {
    std::apply(
        [&](const auto&... part) {
          std::size_t next = 1;
          (statement.bind(next++, part), ...);
        },
        key);
  }
}

//! Reads the primary key of a row holding M's columns in model order from `first_column`.
template <Model M, typename Reader>
key_t<M> read_key(const Reader& reader, int first_column = 0) {
  key_t<M> key{};
  if constexpr (key_column_count<M> == 1) {
    read_column(reader, first_column + static_cast<int>(model_traits<M>::primary_key[0]), key);
  } else {
    [&]<std::size_t... K>(std::index_sequence<K...>) {
      (read_column(reader, first_column + static_cast<int>(model_traits<M>::primary_key[K]),
                   std::get<K>(key)),
       ...);
    }
    (std::make_index_sequence<key_column_count<M>>{});
  }
  return key;
}

template <Model M>
[[noreturn]] void not_held(const char* operation, ObjectState state) {
  if (state == ObjectState::transient) {
    throw InvalidRequestError(std::string(operation) + "(): this " +
                              std::string(model_traits<M>::model_name) +
                              " is not in the session (add() returns the session's object)");
  }
  throw DetachedInstanceError(std::string(operation) + "(): this " +
                              std::string(model_traits<M>::model_name) + " is " +
                              std::string(to_string(state)) + "; merge() it back first");
}

}  // namespace session_model

template <Model M>
struct SessionAccess {
  static IdentityMap<M>* find_map(const Session& session) {
    return static_cast<IdentityMap<M>*>(session.map_at(model_index<M>()));
  }
  static IdentityMap<M>& map(Session& session) {
    if (IdentityMap<M>* map = find_map(session)) return *map;
    auto made = std::make_unique<IdentityMap<M>>();
    IdentityMap<M>& result = *made;
    session.install_map(model_index<M>(), std::move(made));
    return result;
  }
  //! The entry of an object the session holds; InvalidRequestError for one it does not,
  //! DetachedInstanceError for one it let go (the session was closed, or it was deleted).
  static Entry<M>& held(Session& session, M& object, const char* operation) {
    IdentityMap<M>* map = find_map(session);
    Entry<M>* entry = map == nullptr ? nullptr : map->entry_of(object);
    if (entry == nullptr) session_model::not_held<M>(operation, ObjectState::transient);
    if (entry->state == ObjectState::detached || entry->state == ObjectState::transient) {
      session_model::not_held<M>(operation, entry->state);
    }
    return *entry;
  }
  //! A relation of the entry's object changed (ormc/session/relation_handler.hpp).
  static void relink(Session& session, Entry<M>& entry) {
    map(session).relink(entry);
    session.note_change();
  }
  //! Binds the relation handles of an object the session just took.
  static void bind(Session& session, Entry<M>& entry, bool pending) {
    if constexpr (has_relations<M>) RelationFlush<M>::bind(session, entry, pending);
  }
  //! The row with `key` as a new persistent object; nullptr when no row has it.
  static M* load_by_key(Session& session, IdentityMap<M>& map, const key_t<M>& key) {
    Connection& connection = session.connection();
    Statement statement = connection.prepare(map.select_by_key(connection.dialect()));
    session_model::bind_key<M>(statement, key);
    Result result = statement.query();
    if (!result.next()) return nullptr;
    Entry<M>* entry = map.create(M{}, session.take_order());
    try {
      read_row(result.row(), entry->object);
      while (result.next()) {
      }
    } catch (...) {
      map.destroy(*entry);
      throw;
    }
    map.loaded(*entry);
    bind(session, *entry, false);
    return &entry->object;
  }
};

template <Model M>
M& SessionModel<M>::add(Session& session, M&& object) {
  IdentityMap<M>& map = SessionAccess<M>::map(session);
  Entry<M>* entry = map.create(std::move(object), session.take_order());
  if constexpr (has_relations<M>) {
    try {
      SessionAccess<M>::bind(session, *entry, true);
    } catch (...) {
      map.destroy(*entry);  // a related object the session does not hold: not added
      throw;
    }
  }
  entry->state = ObjectState::pending;
  map.added(*entry);
  session.note_change();
  return entry->object;
}

template <Model M>
M* SessionModel<M>::get(Session& session, const key_t<M>& key) {
  IdentityMap<M>& map = SessionAccess<M>::map(session);
  if (Entry<M>* entry = map.find(key)) {
    return entry->state == ObjectState::deleted ? nullptr : &entry->object;
  }
  // Member writes cannot change which row has a key (a key written by hand is found at
  // the next full flush), so a lookup flushes only what autoflush writes.
  if (session.options().autoflush && session.changes_ > 0) {
    session.autoflush();
    if (Entry<M>* entry = map.find(key)) {
      return entry->state == ObjectState::deleted ? nullptr : &entry->object;
    }
  }
  return SessionAccess<M>::load_by_key(session, map, key);
}

template <Model M>
void SessionModel<M>::remove(Session& session, M& object) {
  Entry<M>& entry = SessionAccess<M>::held(session, object, "remove");
  IdentityMap<M>& map = SessionAccess<M>::map(session);
  if (entry.state == ObjectState::pending) {
    entry.state = ObjectState::transient;  // its place in the pending list is skipped
  } else if (entry.state == ObjectState::persistent) {
    // Related rows first: loading a relation autoflushes, which must not delete this row
    // before its children are dealt with.
    if constexpr (has_relations<M>) RelationFlush<M>::cascade_remove(session, entry);
    entry.state = ObjectState::deleted;
    map.removed(entry);
    session.note_change();
  }
}

template <Model M>
M& SessionModel<M>::merge(Session& session, const M& object) {
  IdentityMap<M>& map = SessionAccess<M>::map(session);
  const key_t<M> key = key_of(object);
  M* target = nullptr;
  if (Entry<M>* entry = map.find(key)) {
    target = &entry->object;
  } else {
    if (session.options().autoflush && session.changes_ > 0) session.autoflush();
    Entry<M>* flushed = map.find(key);
    target =
        flushed != nullptr ? &flushed->object : SessionAccess<M>::load_by_key(session, map, key);
  }
  if (target == nullptr) {
    M copy{};
    for_each_column<M>([&](const auto& column) { column.of(copy) = column.of(object); });
    return add(session, std::move(copy));
  }
  for_each_column<M>([&](const auto& column) { column.of(*target) = column.of(object); });
  return *target;
}

template <Model M>
M SessionModel<M>::expunge(Session& session, M& object) {
  IdentityMap<M>* map = SessionAccess<M>::find_map(session);
  Entry<M>* entry = map == nullptr ? nullptr : map->entry_of(object);
  if (entry == nullptr) session_model::not_held<M>("expunge", ObjectState::transient);
  if constexpr (has_relations<M>) RelationFlush<M>::unbind(*entry);
  M value = std::move(entry->object);
  map->destroy(*entry);
  return value;
}

template <Model M>
void SessionModel<M>::refresh(Session& session, M& object) {
  Entry<M>& entry = SessionAccess<M>::held(session, object, "refresh");
  if (entry.state != ObjectState::persistent) {
    throw InvalidRequestError("refresh(): the object is " + std::string(to_string(entry.state)) +
                              ", not persistent");
  }
  Connection& connection = session.connection();
  Statement statement =
      connection.prepare(SessionAccess<M>::map(session).select_by_key(connection.dialect()));
  const key_t<M> key = key_of(entry.flushed);
  session_model::bind_key<M>(statement, key);
  Result result = statement.query();
  if (!result.next()) {
    throw NoResultFound("refresh(): the row of this " + std::string(model_traits<M>::model_name) +
                        " no longer exists");
  }
  // Read into the object's columns: it is the one the caller holds.
  read_row(result.row(), object);
  while (result.next()) {
  }
  capture_columns(object, entry.flushed);
  // The row may name other related rows now: relations load again on next use.
  if constexpr (has_relations<M>) RelationFlush<M>::expire(entry);
}

template <Model M>
void SessionModel<M>::flag_modified(Session& session, M& object) {
  Entry<M>& entry = SessionAccess<M>::held(session, object, "flag_modified");
  if (entry.state != ObjectState::persistent) return;
  SessionAccess<M>::map(session).flag(entry);
  session.note_change();
}

template <Model M>
ObjectState SessionModel<M>::state(const Session& session, const M& object) {
  IdentityMap<M>* map = SessionAccess<M>::find_map(session);
  Entry<M>* entry = map == nullptr ? nullptr : map->entry_of(object);
  return entry == nullptr ? ObjectState::transient : entry->state;
}

template <Model M>
void SessionModel<M>::load(Session& session, Result& result, std::size_t limit,
                           std::vector<std::reference_wrapper<M>>& out) {
  IdentityMap<M>& map = SessionAccess<M>::map(session);
  std::size_t taken = 0;
  while (result.next()) {
    if (taken == limit) continue;  // read to the end: the statement finishes cleanly
    ++taken;
    result.row().visit([&](const auto& reader) {
      // A row whose object the session holds gives that object, unflushed changes and all.
      const key_t<M> key = session_model::read_key<M>(reader);
      if (Entry<M>* held = map.find(key)) {
        out.emplace_back(held->object);
        return;
      }
      Entry<M>* entry = map.create(M{}, session.take_order());
      try {
        read_model(reader, entry->object);
      } catch (...) {
        map.destroy(*entry);
        throw;
      }
      map.loaded(*entry);
      SessionAccess<M>::bind(session, *entry, false);
      out.emplace_back(entry->object);
    });
  }
}

template <Model M>
M* SessionModel<M>::take_row(Session& session, const Row& row, int first_column) {
  IdentityMap<M>& map = SessionAccess<M>::map(session);
  M* object = nullptr;
  row.visit([&](const auto& reader) {
    // The key first: a joined parent repeats on each of its children's rows, and a held
    // object is not read again (its unflushed changes stay), as load() does. A NULL key
    // (an outer join's row without a match) is no object.
    key_t<M> key{};
    if constexpr (key_column_count<M> == 1) {
      const auto column = static_cast<int>(model_traits<M>::primary_key[0]);
      if (!read_value(reader, first_column + column, key)) return;
    } else {
      for (std::size_t key_column : model_traits<M>::primary_key) {
        if (reader.is_null(first_column + static_cast<int>(key_column))) return;
      }
      key = session_model::read_key<M>(reader, first_column);
    }
    if (Entry<M>* held = map.find(key)) {
      object = &held->object;
      return;
    }
    Entry<M>* entry = map.create(M{}, session.take_order());
    try {
      read_model(reader, entry->object, first_column);
    } catch (...) {
      map.destroy(*entry);
      throw;
    }
    map.loaded(*entry);
    SessionAccess<M>::bind(session, *entry, false);
    object = &entry->object;
  });
  return object;
}

template <Model M>
std::int64_t SessionModel<M>::bulk(Session& session, RenderedStatement statement,
                                   Synchronize synchronize, bool is_delete) {
  Connection& connection = session.connection();
  if (synchronize == Synchronize::none) {
    Statement prepared = connection.prepare(statement.sql);
    prepared.bind_values(statement.values);
    return prepared.execute();
  }
  // fetch: the changed rows come back whole (both backends take RETURNING on UPDATE and
  // DELETE), and each held one is matched by its key.
  statement.sql += " RETURNING ";
  append_column_list<M>(statement.sql, connection.dialect());
  Statement prepared = connection.prepare(statement.sql);
  prepared.bind_values(statement.values);
  Result result = prepared.query();
  IdentityMap<M>& map = SessionAccess<M>::map(session);
  const int depth = static_cast<int>(session.savepoints_.size());
  std::int64_t rows = 0;
  ColumnValues<M> values{};
  M row{};
  while (result.next()) {
    ++rows;
    result.row().visit([&](const auto& reader) {
      Entry<M>* held = map.find(session_model::read_key<M>(reader));
      if (held == nullptr) return;
      if (is_delete) {
        map.deleted_in_database(*held, depth);
      } else {
        read_model(reader, row);
        capture_columns(row, values);
        map.updated_in_database(*held, values);
      }
    });
  }
  return rows;
}

}  // namespace ormc::detail

#include "ormc/session/relation_handler.hpp"  // RelationFlush<M>, RelationHandler<R>
#include "ormc/session/subquery_load.hpp"     // subquery and joined loading
