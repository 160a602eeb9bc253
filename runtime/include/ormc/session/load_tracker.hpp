// LoadTracker: what a Session keeps for strict loading (the N+1 detector) and batched lazy
// loading, made only when one of them is on (SessionOptions, or the environment): the
// multi-row results its objects came from (siblings, numbered in RelationSlot::result),
// which N+1 patterns it reported, and the eager loads it watches for a first read. The
// typed side that uses it is ormc/session/load_tracking.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ormc/session/load_report.hpp"

namespace ormc {

class Session;

namespace detail {

struct RelationOps;

class LoadTracker {
 public:
  //! Objects read together: by one query, one eager load, or one lazy collection.
  struct Result {
    std::vector<void*> objects;  //!< the model's objects (validated before use)
    //! The relations whose loads read them, from a query's model on ("rel::user::posts",
    //! "rel::post::comments"); empty for a query's own objects.
    std::vector<std::string> path;
    //! The relations whose N+1 load was reported for these objects (once each).
    std::vector<const RelationOps*> reported;
  };

  //! A relation an eager load filled for the objects of one query, watched for a read.
  struct EagerLoad {
    const RelationOps* ops = nullptr;  //!< the relation
    std::uint64_t query = 0;           //!< the query (begin_query()'s number)
    std::string model;
    std::string relation;
    std::string option;  //!< "ormc::selectin(rel::user::posts)"
    std::vector<void*> objects;
    //! Whether `object`, if the session still holds it, read the relation.
    bool (*read)(Session& session, void* object) = nullptr;
  };

  LoadTracker(StrictLoading mode, bool batch, LoadReportHandler handler)
      : mode_(mode), batch_(batch), handler_(std::move(handler)) {}

  //! The mode and switch from the options, else from ORMC_STRICT_LOADING and
  //! ORMC_BATCH_LAZY_LOADS (ArgumentError for a value it does not know).
  static StrictLoading strict_mode(std::optional<StrictLoading> option);
  static bool batch_switch(std::optional<bool> option);

  [[nodiscard]] bool strict() const { return mode_ != StrictLoading::off; }
  [[nodiscard]] bool batching() const { return batch_; }

  //! A new result of `objects`: its number, 0 when numbers ran out (then untracked).
  std::uint32_t add_result(std::vector<void*> objects, std::vector<std::string> path);
  //! Result number `id` (from add_result, not 0).
  Result& result(std::uint32_t id) { return results_[id - 1]; }

  //! An N+1 load of `ops` on an object of result `id`: in raise mode throws
  //! StrictLoadingError; in warn mode reports once per result and relation. `make`
  //! builds the report (called only when one is made).
  template <typename Make>
  void n_plus_one(std::uint32_t id, const RelationOps* ops, Make&& make) {
    if (mode_ == StrictLoading::raise) raise(make());
    std::vector<const RelationOps*>& reported = result(id).reported;
    for (const RelationOps* done : reported) {
      if (done == ops) return;
    }
    reported.push_back(ops);
    deliver(make());
  }

  //! A query begins: eager loads from here on are its own.
  void begin_query() { ++query_; }
  //! The record of `ops`'s eager load in the current query, made on first use by `make`.
  template <typename Make>
  EagerLoad& eager_load(const RelationOps* ops, Make&& make) {
    for (EagerLoad& load : eager_) {
      if (load.ops == ops && load.query == query_) return load;
    }
    eager_.push_back(make());
    eager_.back().ops = ops;
    eager_.back().query = query_;
    return eager_.back();
  }

  //! Reports each eager load none of whose objects read its relation, then forgets the
  //! results and eager loads: the objects are leaving the session (close(), expunge_all()).
  void report_unused(Session& session);

 private:
  [[noreturn]] static void raise(const LoadReport& report);
  void deliver(const LoadReport& report) const;

  StrictLoading mode_;
  bool batch_;
  LoadReportHandler handler_;
  std::vector<Result> results_;
  std::vector<EagerLoad> eager_;
  std::uint64_t query_ = 0;
};

//! Fills `report.fix` and `report.message` of an N+1 report on relation `descriptor`
//! ("rel::post::comments"), for objects read along `path` (Result::path); model,
//! relation, objects and where are set.
void describe_n_plus_one(LoadReport& report, std::string_view descriptor,
                         const std::vector<std::string>& path);

}  // namespace detail
}  // namespace ormc
