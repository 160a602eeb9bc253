// JSON rendering of diagnostics for editors and CI tools (format in docs/cli.md).
#include "diag/render.hpp"
#include "support/json_writer.hpp"

namespace ormc {
namespace {

void write_span(JsonWriter& json, const SourceManager& sources, SourceSpan span) {
  if (!span.valid()) {
    json.key("file");
    json.null();
    return;
  }
  json.field("file", sources.file(span.file).path());
  if (!span.has_position()) return;
  json.field("line", span.begin.line);
  json.field("column", span.begin.column);
  json.field("end_line", span.end.line);
  json.field("end_column", span.end.column);
}

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

}  // namespace

void render_json(std::ostream& out, const DiagnosticEngine& engine, const SourceManager& sources) {
  JsonWriter json(out);
  json.begin_object();
  json.key("diagnostics");
  json.begin_array();
  for (const Diagnostic& d : engine.diagnostics()) {
    json.begin_object();
    json.field("code", info(d.code).code);
    json.field("severity", severity_name(d.severity));
    json.field("message", d.message);
    write_span(json, sources, d.span);
    if (d.fixit) json.field("fixit", *d.fixit);
    json.key("notes");
    json.begin_array();
    for (const DiagnosticNote& note : d.notes) {
      json.begin_object();
      json.field("message", note.message);
      write_span(json, sources, note.span);
      json.end_object();
    }
    json.end_array();
    json.end_object();
  }
  json.end_array();
  json.field("error_count", static_cast<std::uint64_t>(engine.error_count()));
  json.field("warning_count", static_cast<std::uint64_t>(engine.warning_count()));
  json.field("truncated", engine.limit_reached());
  json.end_object();
}

}  // namespace ormc
