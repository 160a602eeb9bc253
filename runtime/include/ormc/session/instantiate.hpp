// ORMC_INSTANTIATE_MODEL(M): the Session's per-model code, compiled once in <schema>.orm.cpp.
#pragma once

#include "ormc/session.hpp"

#define ORMC_INSTANTIATE_MODEL(M) template class ::ormc::detail::Entry<M>;
