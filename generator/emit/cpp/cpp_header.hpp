// `ormc generate`'s C++ output: the text of one generated header (docs/design/generated-code.md).
#pragma once

#include <string>

#include "emit/cpp/header_plan.hpp"
#include "model/schema.hpp"

namespace ormc::cpp {

//! The complete text of the header `spec` describes.
[[nodiscard]] std::string emit_header(const model::Schema& schema, const HeaderSpec& spec);

}  // namespace ormc::cpp
