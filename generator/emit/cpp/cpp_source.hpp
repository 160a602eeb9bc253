// `ormc generate`'s C++ source beside each header: what no translation unit that includes
// the header needs to see (docs/design/generated-code.md).
#pragma once

#include <string>

#include "emit/cpp/header_plan.hpp"
#include "model/schema.hpp"

namespace ormc::cpp {

//! The complete text of the .cpp `spec` describes: the schema object with its DDL, and the
//! Session's per-model code.
[[nodiscard]] std::string emit_source(const model::Schema& schema, const HeaderSpec& spec);

}  // namespace ormc::cpp
