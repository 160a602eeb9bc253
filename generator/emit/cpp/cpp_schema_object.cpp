// The `schema` object of a header: declared in the header, defined in the generated .cpp
// with its tables in dependency order and their DDL per dialect as raw string literals, for
// ormc::Schema::create_all / drop_all.
#include <algorithm>

#include "emit/cpp/cpp_sections.hpp"
#include "emit/cpp/cpp_values.hpp"
#include "emit/ddl/ddl.hpp"

namespace ormc::cpp {
namespace {

// R"sql(...)sql", with another delimiter in the unlikely case the text contains this one.
// Text with a control character other than newline and tab (a CR in a string default)
// is an escaped literal instead: g++ reads a CR inside a raw literal as a newline, so the
// default would silently become another string.
std::string raw_literal(const std::string& text) {
  const bool plain = std::none_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u < 0x20 && c != '\n' && c != '\t') || u == 0x7F;
  });
  if (!plain) return cpp_string_literal(text);
  std::string delimiter = "sql";
  for (int n = 1; text.find(")" + delimiter + "\"") != std::string::npos; ++n) {
    delimiter = "sql" + std::to_string(n);
  }
  return "R\"" + delimiter + "(" + text + ")" + delimiter + "\"";
}

// Appends `name` as an array of statements; returns the expression the Schema takes (an
// empty span has no array: a C++ array cannot have zero elements).
std::string append_statements(std::string& out, const std::string& name,
                              const std::vector<std::string>& statements) {
  if (statements.empty()) return "{}";
  // A string_view made from a literal measures it by a constant-evaluated loop, which g++
  // stops after 262144 iterations (-fconstexpr-loop-limit) and clang after about as many:
  // a long statement is a char array of its own, measured by sizeof instead.
  constexpr std::size_t long_statement = 65536;
  std::vector<std::string> items;
  for (std::size_t i = 0; i < statements.size(); ++i) {
    if (statements[i].size() <= long_statement) {
      items.push_back(raw_literal(statements[i]));
      continue;
    }
    std::string array = name + "_" + std::to_string(i);
    out += "\nconstexpr char " + array + "[] = " + raw_literal(statements[i]) + ";\n";
    items.push_back("::std::string_view{" + array + ", sizeof " + array + " - 1}");
  }
  out += "\nconstexpr ::std::string_view " + name + "[] = {\n";
  for (const std::string& item : items) out += "    " + item + ",\n";
  out += "};\n";
  return "detail::" + name;
}

}  // namespace

void append_schema_object(std::string& out, const HeaderSpec& spec, const model::Schema& schema) {
  const std::string& object = spec.schema_object;
  ddl::DdlStatements sqlite =
      ddl::generate_ddl(schema, spec.schema_tables, spec.schema_enums, ddl::SqlDialect::sqlite);
  ddl::DdlStatements postgresql =
      ddl::generate_ddl(schema, spec.schema_tables, spec.schema_enums, ddl::SqlDialect::postgresql);

  out += "namespace detail {\n";
  std::vector<std::string> arguments = {cpp_string_literal(spec.cpp_namespace)};
  if (spec.schema_tables.empty()) {
    arguments.emplace_back("{}");
  } else {
    out += "\nconstexpr ::ormc::TableInfo " + object + "_tables[] = {\n";
    for (model::ModelId id : spec.schema_tables) {
      const model::Model& model = schema.models.at(id);
      out += "    {" + cpp_string_literal(model.table_name) + ", " +
             cpp_string_literal(model.name) + "},\n";
    }
    out += "};\n";
    arguments.push_back("detail::" + object + "_tables");
  }
  arguments.push_back(append_statements(out, object + "_sqlite_create", sqlite.create));
  arguments.push_back(append_statements(out, object + "_sqlite_drop", sqlite.drop));
  arguments.push_back(append_statements(out, object + "_postgresql_create", postgresql.create));
  arguments.push_back(append_statements(out, object + "_postgresql_drop", postgresql.drop));
  out += "\n}  // namespace detail\n\n";
  // constinit: the object is filled at compile time, so that code running before main (a
  // static initializer of another translation unit) may already use it.
  out += wrap_list("", "constinit const ::ormc::Schema " + object + "{", arguments, "};");
}

void append_schema_declaration(std::string& out, const HeaderSpec& spec) {
  const std::string files =
      spec.source_name + (spec.includes.empty() ? "" : " and the files it imports");
  out += spec.schema_tables.empty()
             ? "/// The enum types of " + files + " (PostgreSQL), with their DDL:\n"
             : "/// The tables of " + files + ", in dependency order, with their DDL:\n";
  out += "/// `" + spec.cpp_namespace + "::" + spec.schema_object +
         ".create_all(engine)` creates them, `drop_all` drops them.\n";
  out += "/// Defined in " + spec.cpp_name + ", which the program must compile and link.\n";
  out += "extern const ::ormc::Schema " + spec.schema_object + ";\n";
}

}  // namespace ormc::cpp
