// Enums: `enum class` with to_string / <enum>_from_string beside it, and the
// ormc::enum_traits specialisation the runtime reads.
#include "emit/cpp/cpp_sections.hpp"
#include "emit/cpp/cpp_values.hpp"

namespace ormc::cpp {
namespace {

bool has_value_docs(const model::Enum& enumeration) {
  for (const model::EnumValue& value : enumeration.values) {
    if (!value.doc.empty()) return true;
  }
  return false;
}

std::string underlying_type(const model::Enum& enumeration) {
  return enumeration.values.size() <= 256 ? "::std::uint8_t" : "::std::uint16_t";
}

}  // namespace

void append_enum(std::string& out, const model::Enum& enumeration) {
  const std::string& name = enumeration.name;
  append_doc(out, enumeration.doc);
  std::string head = "enum class " + name + " : " + underlying_type(enumeration) + " {";
  std::vector<std::string> names;
  for (const model::EnumValue& value : enumeration.values) names.push_back(value.name);
  std::string one_line = wrap_list("", head + " ", names, " };");
  if (!has_value_docs(enumeration) && one_line.find('\n') + 1 == one_line.size()) {
    out += one_line;
  } else {
    out += head + "\n";
    for (const model::EnumValue& value : enumeration.values) {
      append_doc(out, value.doc, "  ");
      out += "  " + value.name + ",\n";
    }
    out += "};\n";
  }

  out += "\n[[nodiscard]] constexpr ::std::string_view to_string(" + name +
         " value) noexcept {\n  switch (value) {\n";
  for (const model::EnumValue& value : enumeration.values) {
    out += "    case " + name + "::" + value.name + ": return " + cpp_string_literal(value.name) +
           ";\n";
  }
  out += "  }\n  return {};\n}\n";

  std::string signature =
      "[[nodiscard]] constexpr ::std::optional<" + name + "> " + enumeration.cpp_from_string + "(";
  std::string parameters = "::std::string_view text) noexcept {";
  bool fits = signature.size() + parameters.size() <= line_limit;
  out += "\n" + signature + (fits ? "" : "\n    ") + parameters + "\n";
  for (const model::EnumValue& value : enumeration.values) {
    out += "  if (text == " + cpp_string_literal(value.name) + ") return " + name +
           "::" + value.name + ";\n";
  }
  out += "  return ::std::nullopt;\n}\n";
}

void append_enum_traits(std::string& out, const model::Enum& enumeration) {
  std::vector<std::string> names;
  for (const model::EnumValue& value : enumeration.values) {
    names.push_back(cpp_string_literal(value.name));
  }
  out += "template <>\nstruct ormc::enum_traits<" + enumeration.cpp_namespace +
         "::" + enumeration.name + "> {\n";
  out += "  static constexpr ::std::string_view sql_name = " +
         cpp_string_literal(enumeration.sql_name) + ";\n";
  out += wrap_list("  ",
                   "static constexpr ::std::array<::std::string_view, " +
                       std::to_string(names.size()) + "> names{",
                   names, "};");
  out += "};\n";
}

}  // namespace ormc::cpp
