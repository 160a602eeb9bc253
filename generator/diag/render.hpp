// Rendering collected diagnostics as compiler-style text or as one JSON document.
#pragma once

#include <ostream>

#include "diag/diagnostic.hpp"
#include "diag/source.hpp"

namespace ormc {

struct TextRenderOptions {
  bool color = false;
};

//! `file:line:col: error: message [E201]`, the source line, a caret under the span, an
//! optional fix-it line, then the notes; a closing count line when anything was reported.
void render_text(std::ostream& out, const DiagnosticEngine& engine, const SourceManager& sources,
                 TextRenderOptions options);

//! {"diagnostics": [...], "error_count": N, "warning_count": N}; documented in docs/cli.md.
void render_json(std::ostream& out, const DiagnosticEngine& engine, const SourceManager& sources);

}  // namespace ormc
