// Fuzz entry: load_text + check + rendering, so every diagnostic path is exercised too.
#include "driver/fuzz_entry.hpp"

#include <sstream>

#include "diag/render.hpp"
#include "driver/compilation.hpp"

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

}  // namespace ormc
