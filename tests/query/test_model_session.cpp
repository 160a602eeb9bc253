// The Session's typed work for the hand-written test models, as the generated
// <schema>.orm.cpp gives it for generated ones (ORMC_INSTANTIATE_MODEL).
#include "ormc/session/instantiate.hpp"
#include "test_model.hpp"

ORMC_INSTANTIATE_MODEL(::testdb::User)
ORMC_INSTANTIATE_MODEL(::testdb::Post)
