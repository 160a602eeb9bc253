// The parts of a generated header and .cpp (enums, model structs, runtime traits, the schema
// object) and the small layout helpers they share. Internal to generator/emit/cpp/.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "emit/cpp/header_plan.hpp"
#include "model/schema.hpp"

namespace ormc::cpp {

//! Lines are kept within this many columns where a person would break them.
inline constexpr std::size_t line_limit = 100;

//! `doc` as `///` lines at `indent`.
void append_doc(std::string& out, std::string_view doc, std::string_view indent = "");

//! `head` + items separated by ", " + `tail` on one line at `indent` when it fits; else
//! `head`, then the items packed on lines indented four more, `tail` after the last.
[[nodiscard]] std::string wrap_list(std::string_view indent, std::string_view head,
                                    const std::vector<std::string>& items, std::string_view tail);

//! `line` (indented code, no newline) broken after ", " or a binary "+"/"-" so that each
//! piece fits the limit where it can; continuations are indented four more. Ends in '\n'.
[[nodiscard]] std::string wrap_code(std::string_view line);

//! Code lines with optional trailing comments; consecutive comments are aligned.
struct CommentedLine {
  std::string code;     //!< including its indentation; empty for a line of its own
  std::string comment;  //!< without "// "
};
void append_aligned(std::string& out, const std::vector<CommentedLine>& lines);

// The sections, in the order the header has them. Declarations go inside the schema's
// namespace; traits go at global scope.
void append_enum(std::string& out, const model::Enum& enumeration);
void append_model(std::string& out, const model::Model& model, const model::Schema& schema);
//! The relation descriptors of `model` (after every model's column descriptors: a relation
//! names the columns of other models).
void append_relations(std::string& out, const model::Model& model, const model::Schema& schema);
//! `posts -> Post[] back(author)`: the relation as the schema declares it, its name padded
//! to `name_width`.
[[nodiscard]] std::string relation_text(const model::Relation& relation, const model::Model& model,
                                        const model::Schema& schema, std::size_t name_width);
void append_enum_traits(std::string& out, const model::Enum& enumeration);
//! `dependency_rank`: the model's place in foreign-key order (referenced tables first), so
//! that a Session flushes parents before children.
void append_model_traits(std::string& out, const model::Model& model, int dependency_rank);
//! In the header: `extern const ::ormc::Schema schema;` and its doc comment.
void append_schema_declaration(std::string& out, const HeaderSpec& spec);
//! In the .cpp: the DDL arrays in `detail` and the definition of the schema object.
void append_schema_object(std::string& out, const HeaderSpec& spec, const model::Schema& schema);

//! The first line of a generated file: where it comes from and not to edit it.
[[nodiscard]] std::string generated_banner(const HeaderSpec& spec);

}  // namespace ormc::cpp
