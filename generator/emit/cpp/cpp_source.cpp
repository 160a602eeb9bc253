// The generated .cpp as a whole: banner, its header, the schema object with the DDL of every
// dialect, then one ORMC_INSTANTIATE_MODEL per model, so that the DDL strings and the
// Session's per-model code are compiled once, not in every translation unit.
#include "emit/cpp/cpp_source.hpp"

#include "emit/cpp/cpp_sections.hpp"

namespace ormc::cpp {

std::string emit_source(const model::Schema& schema, const HeaderSpec& spec) {
  std::string out = generated_banner(spec);
  out += "#include \"" + spec.header_name + "\"\n\n";
  out += "#include <ormc/session/instantiate.hpp>\n";
  out += "\nnamespace " + spec.cpp_namespace + " {\n\n";
  append_schema_object(out, spec, schema);
  out += "\n}  // namespace " + spec.cpp_namespace + "\n";
  if (!spec.models.empty()) out += '\n';
  for (model::ModelId id : spec.models) {
    const model::Model& model = schema.models.at(id);
    out += "ORMC_INSTANTIATE_MODEL(::" + model.cpp_namespace + "::" + model.cpp_struct + ")\n";
  }
  return out;
}

}  // namespace ormc::cpp
