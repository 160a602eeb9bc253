// check_schema: runs the SchemaChecker passes.
#include "check/checker.hpp"

#include "check/schema_checker.hpp"

namespace ormc {

std::optional<model::Schema> check_schema(const std::vector<const ast::File*>& files,
                                          const SourceManager& sources,
                                          DiagnosticEngine& diagnostics) {
  return check_detail::SchemaChecker(files, sources, diagnostics).run();
}

}  // namespace ormc
