// The C++ side of a column: its member type (docs/schema-language.md §14) and its default
// member initializer, with schema literals turned into C++ expressions.
#pragma once

#include <string>
#include <string_view>

#include "model/schema.hpp"

namespace ormc::cpp {

//! The C++ type of a column's non-null values: "std::int64_t", "ormc::Decimal", "Role".
//! An enum declared in another C++ namespace than `from_namespace` is fully qualified.
[[nodiscard]] std::string value_type(const model::ColumnType& type, const model::Schema& schema,
                                     std::string_view from_namespace);

//! The member type: value_type, in std::optional when the column is nullable.
[[nodiscard]] std::string member_type(const model::Column& column, const model::Schema& schema,
                                      std::string_view from_namespace);

//! What follows the member's name up to the ';': " = true", "{}", "{\"9.99\"}" or "".
//! Literal and enum defaults become the initializer (so a new object holds the schema's
//! default); every other member gets `{}`.
[[nodiscard]] std::string member_initializer(const model::Column& column,
                                             const model::Schema& schema,
                                             std::string_view from_namespace);

//! `value` as a C++ string literal: UTF-8 kept, quotes, backslashes and controls escaped.
[[nodiscard]] std::string cpp_string_literal(std::string_view value);

//! `name` qualified for use inside `from_namespace`: as is when it lives there, else
//! `::ns::name`.
[[nodiscard]] std::string qualified(std::string_view name_namespace, std::string_view name,
                                    std::string_view from_namespace);

}  // namespace ormc::cpp
