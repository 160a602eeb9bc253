// Case conversions of identifiers, shared by the checker (which names generated C++ and SQL
// with them) and the emitter (the names of schema objects, taken from file names).
#pragma once

#include <string>
#include <string_view>

namespace ormc {

//! `OrderItem` -> `order_item`, `HTTPServer` -> `http_server`.
[[nodiscard]] std::string snake_case(std::string_view name);
//! `post_tags` -> `PostTags`.
[[nodiscard]] std::string pascal_case(std::string_view name);

}  // namespace ormc
