// The generated .cpp as a whole: banner, its header, the schema object with the DDL of every
// dialect, then one ORMC_INSTANTIATE_MODEL per model, so that the DDL strings and the
// Session's per-model code are compiled once, not in every translation unit; each part
// under the #if that lets a build compile the file as several shards in parallel.
#include "emit/cpp/cpp_source.hpp"

#include "emit/cpp/cpp_sections.hpp"

namespace ormc::cpp {

std::string emit_source(const model::Schema& schema, const HeaderSpec& spec) {
  std::string out = generated_banner(spec);
  out += "#include \"" + spec.header_name + "\"\n\n";
  out += "#include <ormc/session/instantiate.hpp>\n";
  out +=
      "\n// A build may compile this file as several shards in parallel: the schema object is in\n"
      "// shard 0, each model's Session code in one shard (ormc/session/instantiate.hpp).\n";
  out += "#if ORMC_SOURCE_SHARD == 0\n";
  out += "\nnamespace " + spec.cpp_namespace + " {\n\n";
  append_schema_object(out, spec, schema);
  out += "\n}  // namespace " + spec.cpp_namespace + "\n";
  out += "\n#endif\n";
  for (std::size_t i = 0; i < spec.models.size(); ++i) {
    const model::Model& model = schema.models.at(spec.models[i]);
    out += "\n#if ORMC_SOURCE_SHARD_HAS(" + std::to_string(i) + ")\n";
    out += "ORMC_INSTANTIATE_MODEL(::" + model.cpp_namespace + "::" + model.cpp_struct + ")\n";
    out += "#endif\n";
  }
  return out;
}

}  // namespace ormc::cpp
