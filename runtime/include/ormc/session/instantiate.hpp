// ORMC_INSTANTIATE_MODEL(M): compiles the Session's typed work for model M (its identity
// map, flush batches and hydration) in this file. The generated <schema>.orm.cpp says it
// once per model; every other file that uses a Session on M calls into it.
#pragma once

#include "ormc/session/session_model_impl.hpp"

#define ORMC_INSTANTIATE_MODEL(M) template struct ::ormc::detail::SessionModel<M>;

// A generated .cpp costs seconds of compile time per model, so a build may compile it as
// N translation units in parallel: each defines ORMC_SOURCE_SHARDS (N) and
// ORMC_SOURCE_SHARD (0 to N-1) before including it (ormc_generate's SOURCE_SHARDS does).
// Shard K compiles the models whose place in the file is K modulo N, and shard 0 the
// schema object; compiled on its own, the file is one shard of one and compiles all.
#if !defined(ORMC_SOURCE_SHARDS)
#define ORMC_SOURCE_SHARDS 1
#define ORMC_SOURCE_SHARD 0
#endif
#define ORMC_SOURCE_SHARD_HAS(index) ((index) % ORMC_SOURCE_SHARDS == ORMC_SOURCE_SHARD)
