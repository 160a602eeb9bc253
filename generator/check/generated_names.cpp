// The C++ names a generated header declares: none may be a macro of a standard header (the
// preprocessor would replace it), and no namespace may be one the header cannot live in.
#include <string>

#include "check/header_macros.hpp"
#include "check/names.hpp"
#include "check/schema_checker.hpp"

namespace ormc::check_detail {
namespace {

// How to get rid of the name while keeping what the database sees.
std::string macro_fix(std::string_view what, const std::string& declared) {
  if (what == "column") {
    return "rename the column and keep its SQL name with map(\"" + declared + "\")";
  }
  if (what == "model") {
    return "rename the model and keep its table name with `table " + snake_case(declared) + ";`";
  }
  if (what == "table") {
    return "rename the table block and keep its SQL name with `table " + declared + ";`";
  }
  if (what == "enum value") {
    return "rename the value (it is also the SQL label, which changes with it)";
  }
  return "rename the " + std::string(what);
}

}  // namespace

bool reserved_top_namespace(std::string_view name) {
  if (name == "std" || name == "ormc" || name == "posix") return true;
  if (!name.starts_with("std") || name.size() == 3) return false;
  return name.find_first_not_of("0123456789", 3) == std::string_view::npos;
}

bool SchemaChecker::check_not_macro(const std::string& cpp_name, SourceSpan span,
                                    std::string_view what, const std::string& declared,
                                    std::string_view role) {
  std::optional<HeaderMacro> macro = find_header_macro(cpp_name);
  if (!macro) return true;
  std::string kind = macro->function_like ? "a function-like macro " : "a macro ";
  std::string origin = macro->defined_by.starts_with("predefined")
                           ? std::string(macro->defined_by)
                           : "defined by " + std::string(macro->defined_by);
  std::string subject = role.empty()
                            ? std::string(what) + " name '" + declared + "'"
                            : "the " + std::string(role) + " '" + cpp_name + "' generated for " +
                                  std::string(what) + " '" + declared + "'";
  diagnostics_.report(DiagCode::macro_name, span,
                      subject + " is " + kind + origin +
                          ", which the preprocessor would put in its place in the generated "
                          "header; " +
                          macro_fix(what, declared));
  return false;
}

void SchemaChecker::check_top_namespace(const std::string& name, SourceSpan span) {
  if (!reserved_top_namespace(name)) return;
  std::string why = name == "ormc" ? "is the namespace of ormc's runtime, whose names the "
                                     "generated code uses (a model 'Column' would replace "
                                     "ormc::Column)"
                    : name == "std"
                        ? "is the C++ standard library's: adding declarations to it is "
                          "undefined behaviour"
                        : "is reserved by the C++ standard for future standard libraries";
  diagnostics_.report(DiagCode::reserved_namespace, span,
                      "namespace '" + name + "' " + why +
                          "; put the schema in a namespace of its "
                          "own, such as `namespace app::" +
                          name + ";`");
}

void SchemaChecker::check_generated_cpp_names() {
  for (const model::Model& model : schema_.models) {
    std::string_view what = model.is_table ? "table" : "model";
    // A model's struct is its name, which check_identifier has seen already.
    bool struct_ok = !model.is_table ||
                     check_not_macro(model.cpp_struct, model.span, what, model.name, "struct");
    if (struct_ok && model.cpp_columns != model.cpp_struct) {
      check_not_macro(model.cpp_columns, model.span, what, model.name, "column namespace");
    }
  }
  for (const model::Enum& enumeration : schema_.enums) {
    check_not_macro(enumeration.cpp_from_string, enumeration.span, "enum", enumeration.name,
                    "function");
  }
}

}  // namespace ormc::check_detail
