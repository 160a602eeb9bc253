// Fuzz entries: load_text + check + rendering, so every diagnostic path is exercised too;
// and generate (header plan, headers, DDL) on what check accepts.
#include "driver/fuzz_entry.hpp"

#include <sstream>

#include "diag/render.hpp"
#include "driver/compilation.hpp"
#include "emit/cpp/cpp_header.hpp"
#include "emit/cpp/header_plan.hpp"
#include "emit/ddl/ddl.hpp"

namespace ormc {

void fuzz_parse_and_check(const std::uint8_t* data, std::size_t size) {
  DiagnosticEngine diagnostics(DiagnosticEngine::Options{false, 1000});
  Compilation compilation(diagnostics);
  compilation.load_text("fuzz.orm", std::string(reinterpret_cast<const char*>(data), size));
  auto schema = compilation.check();
  (void)schema;
  std::ostringstream text;
  render_text(text, diagnostics, compilation.sources(), {});
  std::ostringstream json;
  render_json(json, diagnostics, compilation.sources());
}

void fuzz_generate(const std::uint8_t* data, std::size_t size) {
  DiagnosticEngine diagnostics(DiagnosticEngine::Options{false, 1000});
  Compilation compilation(diagnostics);
  compilation.load_text("fuzz.orm", std::string(reinterpret_cast<const char*>(data), size));
  auto schema = compilation.check();
  if (!schema) return;
  std::vector<cpp::SourceFileInfo> files;
  for (auto& [id, imports] : compilation.import_graph()) {
    files.push_back({id, compilation.sources().file(id).path(), std::move(imports)});
  }
  cpp::HeaderPlan plan = cpp::plan_headers(*schema, files);
  if (plan.errors.empty()) {
    for (const cpp::HeaderSpec& header : plan.headers) (void)cpp::emit_header(*schema, header);
  }
  std::vector<model::EnumId> enums;
  for (model::EnumId id = 0; id < schema->enums.size(); ++id) enums.push_back(id);
  for (auto dialect : {ddl::SqlDialect::sqlite, ddl::SqlDialect::postgresql}) {
    (void)ddl::generate_ddl(*schema, schema->dependency_order(), enums, dialect);
  }
}

}  // namespace ormc
