// What a source file's name becomes in generated output (the header `ormc generate` writes,
// its #include line, the depfile), and which names cannot be written there.
#pragma once

#include <string>
#include <string_view>

namespace ormc {

//! The header generated for an .orm file named `file_name` (no directories):
//! `blog.orm` -> `blog.orm.hpp`, `blog` -> `blog.orm.hpp`.
[[nodiscard]] std::string generated_header_name(std::string_view file_name);

//! The C++ source generated beside it: `blog.orm` -> `blog.orm.cpp`.
[[nodiscard]] std::string generated_source_name(std::string_view file_name);

//! Why `path` cannot be a source file of a generated schema, or "" when it can: its name
//! must fit in `#include "..."` (no `"` or `\`), and no part of it may hold a control
//! character (a newline ends a depfile line) or bytes that are not UTF-8.
[[nodiscard]] std::string unusable_path_reason(std::string_view path);

//! `path` for a message: control characters and bytes that are not UTF-8 shown as <XX>.
[[nodiscard]] std::string printable_path(std::string_view path);

//! `name` with ASCII letters lowered: names equal after folding collide on a file system
//! that ignores case (macOS, Windows).
[[nodiscard]] std::string fold_case(std::string_view name);

}  // namespace ormc
