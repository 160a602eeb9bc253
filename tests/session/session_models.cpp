// The Session's typed work for session_models.hpp, as a generated <schema>.orm.cpp gives it.
#include "session_models.hpp"

#include "ormc/session/instantiate.hpp"

ORMC_INSTANTIATE_MODEL(::testdb::Account)
ORMC_INSTANTIATE_MODEL(::testdb::Membership)
