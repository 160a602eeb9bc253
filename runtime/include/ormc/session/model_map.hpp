// What the Session sees of its per-model identity maps. ModelMapBase is the untyped face
// its flush, commit and rollback loops call (one virtual call per model, not per object).
// SessionModel<M> declares the typed operations Session's templates forward to; their
// definitions (ormc/session/session_model_impl.hpp) are compiled once per schema, in the
// generated <schema>.orm.cpp (ORMC_INSTANTIATE_MODEL), not in every file that uses a Session.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "ormc/model.hpp"
#include "ormc/session/object_state.hpp"
#include "ormc/session/primary_key.hpp"

namespace ormc {

class Connection;
class Result;
class Row;
class Session;
enum class Synchronize : std::uint8_t;
struct RenderedStatement;

namespace detail {

struct SelectData;

//! What one flush writes, and where.
struct FlushContext {
  Session& session;
  Connection& connection;
  //! Open savepoints: what is written is kept for rolling back to the innermost (0: none).
  int savepoint_depth;
  //! Compare every held object with its snapshot (flush(), commit()); else write only
  //! what was added, removed or flagged (autoflush).
  bool full;
  //! PostgreSQL: from this many new objects of one model on, they go by COPY (0: never).
  std::size_t copy_threshold;
};

class ModelMapBase {
 public:
  explicit ModelMapBase(int rank) : rank_(rank) {}
  virtual ~ModelMapBase() = default;
  ModelMapBase(const ModelMapBase&) = delete;
  ModelMapBase& operator=(const ModelMapBase&) = delete;

  //! Where the model comes in foreign-key order: parents before children.
  [[nodiscard]] int rank() const { return rank_; }
  //! INSERTs of pending objects and UPDATEs of changed ones, as one batch.
  virtual void flush_writes(FlushContext& context) = 0;
  //! After every model's writes: what relation changes write besides (association rows).
  virtual void flush_relation_rows(FlushContext& context) = 0;
  //! DELETEs of removed objects, as one batch.
  virtual void flush_deletes(FlushContext& context) = 0;
  //! The transaction committed: what was flushed is the committed state.
  virtual void committed() = 0;
  //! The transaction rolled back: objects return to their committed state, objects
  //! added or inserted in it become transient.
  virtual void rolled_back() = 0;
  //! Savepoint `depth` (the innermost) was released into depth-1.
  virtual void savepoint_released(int depth) = 0;
  //! Rolled back to savepoint `depth` (the innermost).
  virtual void rolled_back_to_savepoint(int depth) = 0;
  //! close(): every object is detached (pending ones transient); they stay valid.
  virtual void detach_all() = 0;
  //! expunge_all(): every object is destroyed and its memory freed.
  virtual void clear() = 0;
  //! Objects held (any state, until expunged or the session is destroyed).
  [[nodiscard]] virtual std::size_t size() const = 0;

 private:
  int rank_;
};

//! A dense number per model, for Session's vector of maps.
std::size_t next_model_index();
template <Model M>
std::size_t model_index() {
  static const std::size_t index = next_model_index();
  return index;
}

template <Model M>
struct SessionAccess;

//! The Session's typed operations on objects of M (see Session for what each does).
template <Model M>
struct SessionModel {
  static M& add(Session& session, M&& object);
  static M* get(Session& session, const key_t<M>& key);
  static void remove(Session& session, M& object);
  static M& merge(Session& session, const M& object);
  static M expunge(Session& session, M& object);
  static void refresh(Session& session, M& object);
  static void flag_modified(Session& session, M& object);
  static ObjectState state(const Session& session, const M& object);
  //! The session's objects for the rows of `result` (all columns of M, in model order),
  //! at most `limit` of them, appended to `out`; the rows after those are read and dropped.
  static void load(Session& session, Result& result, std::size_t limit,
                   std::vector<std::reference_wrapper<M>>& out);
  //! The session's object for the row's M columns from `first_column` on (M's key all
  //! NULL, as an outer join leaves it: nullptr).
  static M* take_row(Session& session, const Row& row, int first_column);
  //! Loads relation number `relation` of M (its place in model_traits<M>::relations) for
  //! every object of `parents` whose handle is not loaded, in one statement per 500
  //! parents (selectin), and appends the related objects, each once, to `related`.
  static void select_in(Session& session, std::span<M* const> parents, std::size_t relation,
                        std::vector<void*>& related);
  //! Loads, for `objects` a query returned, the relations whose schema says
  //! load(selectin), except those in `skip` (relation indexes a query option names).
  static void load_defaults(Session& session, std::span<M* const> objects,
                            std::span<const std::size_t> skip);
  //! Strict or batched lazy loading (ormc/session/load_tracking.hpp): `objects`, read by
  //! one query, are siblings from now on. Nothing when both are off.
  static void track_result(Session& session, std::span<M* const> objects);
  //! subquery loading (ormc/session/subquery_load.hpp): loads relation `relation` for
  //! `parents`, the objects `parent_query` returned, with one statement that repeats
  //! parent_query as a subquery of their keys (`root`: parent_query is a query's own, one
  //! row per object); appends the related objects to `related` and that statement to
  //! `level`, for the next level of a path to repeat in turn.
  static void select_subquery(Session& session, std::span<M* const> parents, std::size_t relation,
                              const SelectData& parent_query, bool root,
                              std::vector<void*>& related, SelectData& level);
  //! Loads, for `objects` that `query` returned, the relations whose schema says
  //! load(subquery), except those in `skip`.
  static void load_subquery_defaults(Session& session, std::span<M* const> objects,
                                     std::span<const std::size_t> skip, const SelectData& query);
  //! joined loading: puts `related` (nullptr: none) into `parent`'s relation number
  //! `relation`, which starts empty and loaded when `first_row`.
  static void join_object(Session& session, M& parent, std::size_t relation, void* related,
                          bool first_row);
  //! Sets the read strategy (raise, noload) of relation `relation` on `parents`.
  static void set_strategy(std::span<M* const> parents, std::size_t relation,
                           std::uint8_t strategy);
  //! Runs a rendered Core UPDATE (`is_delete` false) or DELETE of M's rows and brings the
  //! held objects in line as `synchronize` says; returns the rows changed.
  static std::int64_t bulk(Session& session, RenderedStatement statement, Synchronize synchronize,
                           bool is_delete);
};

}  // namespace detail
}  // namespace ormc
