// The JSON ormc accepts, for ormc::Json values at bind time and json defaults in schemas:
// RFC 8259, strictly, without what PostgreSQL's jsonb refuses or changes in meaning.
// Free of ormc's types: the schema compiler builds it too (generator/CMakeLists.txt).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace ormc::detail {

struct JsonError {
  std::string reason;  //!< "a string is not closed", "the key 'a' appears twice in one object ..."
  std::size_t offset;  //!< the byte of `text` where the problem is
};

//! Refuses text that is not one JSON document (RFC 8259: no comments, no trailing commas,
//! no NaN, no leading zeros, strings valid UTF-8 without raw control characters), and JSON
//! that jsonb would refuse or change in meaning: \u0000, a lone surrogate escape, a key
//! twice in one object (jsonb keeps the last), a number beyond numeric (more than 131072
//! digits before the point or 16383 after). Nesting deeper than 1000 levels is refused too
//! (SQLite's JSON functions stop there). nullopt when the document is accepted.
[[nodiscard]] std::optional<JsonError> check_json(std::string_view text);

}  // namespace ormc::detail
