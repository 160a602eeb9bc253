// `ormc dump --json`: the resolved schema as a stable, documented JSON document
// (docs/dump-format.md describes every field).
#pragma once

#include <ostream>

#include "model/schema.hpp"

namespace ormc {

//! Bumped whenever a change to the dump would break a reader of the previous version.
inline constexpr int schema_dump_format_version = 1;

//! Writes `schema` as one JSON document: names rather than ids, declaration order, no
//! source positions, so the same schema gives the same bytes on every machine.
void write_schema_json(std::ostream& out, const model::Schema& schema);

}  // namespace ormc
