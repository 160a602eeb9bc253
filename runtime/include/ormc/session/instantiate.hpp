// ORMC_INSTANTIATE_MODEL(M): compiles the Session's typed work for model M (its identity
// map, flush batches and hydration) in this file. The generated <schema>.orm.cpp says it
// once per model; every other file that uses a Session on M calls into it.
#pragma once

#include "ormc/session/session_model_impl.hpp"

#define ORMC_INSTANTIATE_MODEL(M) template struct ::ormc::detail::SessionModel<M>;
