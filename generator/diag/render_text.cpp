// Text rendering of diagnostics, in the layout GCC and Clang users already read.
#include <algorithm>
#include <string>

#include "diag/render.hpp"
#include "support/utf8.hpp"

namespace ormc {
namespace {

struct Palette {
  const char* bold = "";
  const char* error = "";
  const char* warning = "";
  const char* note = "";
  const char* caret = "";
  const char* reset = "";
};

Palette palette(bool color) {
  if (!color) return {};
  return {"\033[1m", "\033[1;31m", "\033[1;35m", "\033[1;36m", "\033[1;32m", "\033[0m"};
}

const char* severity_word(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

const char* severity_color(const Palette& p, Severity severity) {
  switch (severity) {
    case Severity::error: return p.error;
    case Severity::warning: return p.warning;
    case Severity::note: return p.note;
  }
  return p.error;
}

// One column of a source line as shown: a code point, or "<XX>" for a control character
// or a byte that is not UTF-8, so that a snippet never prints raw bytes to a terminal.
struct DisplayUnit {
  std::string text;
  std::size_t width;
};

std::vector<DisplayUnit> display_units(std::string_view line) {
  std::vector<DisplayUnit> units;
  std::size_t i = 0;
  while (i < line.size()) {
    auto byte = static_cast<unsigned char>(line[i]);
    std::size_t length = utf8::sequence_length(byte);
    bool valid =
        i + length <= line.size() && !utf8::find_invalid(line.substr(i, length)).has_value();
    if (!valid || (byte < 0x20 && byte != '\t') || byte == 0x7F) {
      static constexpr char hex[] = "0123456789ABCDEF";
      units.push_back({std::string{'<', hex[byte >> 4], hex[byte & 0xF], '>'}, 4});
      ++i;
      continue;
    }
    units.push_back({std::string(line.substr(i, length)), 1});
    i += length;
  }
  return units;
}

// Blanks up to unit `column` (the source's own tabs kept, so the caret lines up).
std::string indent_to(const std::vector<DisplayUnit>& units, std::size_t column) {
  std::string result;
  for (std::size_t i = 0; i < column; ++i) {
    if (i < units.size() && units[i].text == "\t") {
      result += '\t';
    } else {
      result.append(i < units.size() ? units[i].width : 1, ' ');
    }
  }
  return result;
}

void render_location(std::ostream& out, const SourceManager& sources, SourceSpan span,
                     Severity severity, const std::string& message, const char* code,
                     const Palette& p) {
  out << p.bold;
  if (span.valid()) {
    out << sources.file(span.file).path() << ':';
    if (span.has_position()) out << span.begin.line << ':' << span.begin.column << ':';
    out << ' ';
  } else {
    out << "ormc: ";
  }
  out << p.reset << severity_color(p, severity) << severity_word(severity) << ':' << p.reset
      << p.bold << ' ' << message << p.reset;
  if (code != nullptr) out << " [" << code << ']';
  out << '\n';
}

void render_snippet(std::ostream& out, const SourceManager& sources, SourceSpan span,
                    const std::optional<std::string>& fixit, const Palette& p) {
  if (!span.valid() || !span.has_position()) return;
  const SourceFile& file = sources.file(span.file);
  std::vector<DisplayUnit> units = display_units(file.line(span.begin.line));
  std::string number = std::to_string(span.begin.line);
  std::string gutter(std::max<std::size_t>(number.size(), 4), ' ');
  out << std::string(gutter.size() - number.size(), ' ') << number << " | ";
  for (const DisplayUnit& unit : units) out << unit.text;
  out << '\n';

  std::size_t begin = span.begin.column - 1;
  std::size_t end = span.end.line == span.begin.line ? span.end.column - 1 : units.size();
  end = std::max(end, begin + 1);
  std::size_t width = 0;
  for (std::size_t i = begin; i < end; ++i) width += i < units.size() ? units[i].width : 1;
  out << gutter << " | " << indent_to(units, begin) << p.caret << '^' << std::string(width - 1, '~')
      << p.reset << '\n';
  if (fixit) {
    out << gutter << " | " << indent_to(units, begin) << p.caret << *fixit << p.reset << '\n';
  }
}

}  // namespace

void render_text(std::ostream& out, const DiagnosticEngine& engine, const SourceManager& sources,
                 TextRenderOptions options) {
  Palette p = palette(options.color);
  // Order by place, as a compiler reads a file top to bottom; emission order breaks ties.
  std::vector<const Diagnostic*> ordered;
  for (const Diagnostic& d : engine.diagnostics()) ordered.push_back(&d);
  std::stable_sort(ordered.begin(), ordered.end(), [](const Diagnostic* a, const Diagnostic* b) {
    if (a->span.file != b->span.file) return a->span.file < b->span.file;
    return a->span.begin < b->span.begin;
  });
  for (const Diagnostic* d : ordered) {
    render_location(out, sources, d->span, d->severity, d->message,
                    std::string(info(d->code).code).c_str(), p);
    render_snippet(out, sources, d->span, d->fixit, p);
    for (const DiagnosticNote& note : d->notes) {
      render_location(out, sources, note.span, Severity::note, note.message, nullptr, p);
      render_snippet(out, sources, note.span, std::nullopt, p);
    }
  }
  if (engine.limit_reached()) {
    out << "ormc: " << p.error << "fatal error:" << p.reset
        << " too many errors emitted, stopping now (raise --error-limit)\n";
  }
  std::size_t errors = engine.error_count();
  std::size_t warnings = engine.warning_count();
  if (errors + warnings == 0) return;
  if (warnings > 0) out << warnings << (warnings == 1 ? " warning" : " warnings");
  if (warnings > 0 && errors > 0) out << " and ";
  if (errors > 0) out << errors << (errors == 1 ? " error" : " errors");
  out << " generated.\n";
}

}  // namespace ormc
