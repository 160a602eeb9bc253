// Text rendering of diagnostics, in the layout GCC and Clang users already read.
#include <algorithm>
#include <string>

#include "diag/render.hpp"
#include "support/file_names.hpp"
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

// The byte after the unit that starts at `i`: one code point, or one byte that is not UTF-8.
std::size_t unit_end(std::string_view line, std::size_t i) {
  std::size_t length = utf8::sequence_length(static_cast<unsigned char>(line[i]));
  bool valid = i + length <= line.size() && !utf8::find_invalid(line.substr(i, length));
  return valid ? i + length : i + 1;
}

DisplayUnit display_unit(std::string_view text) {
  auto byte = static_cast<unsigned char>(text[0]);
  bool valid = !utf8::find_invalid(text);
  if (!valid || (byte < 0x20 && byte != '\t') || byte == 0x7F) {
    static constexpr char hex[] = "0123456789ABCDEF";
    return {std::string{'<', hex[byte >> 4], hex[byte & 0xF], '>'}, 4};
  }
  return {std::string(text), 1};
}

// A long line is shown cut to the units around the caret, with "..." where text was left
// out: a minified 200 KiB line must not be printed whole for each of its errors.
constexpr std::size_t max_shown_units = 120;
constexpr std::size_t shown_before_caret = 40;
constexpr std::string_view ellipsis = "...";

struct ShownLine {
  std::vector<DisplayUnit> units;
  std::size_t first = 0;  //!< the index in the line of units[0]
  bool cut_before = false;
  bool cut_after = false;
};

ShownLine shown_line(std::string_view line, std::size_t caret) {
  std::size_t total = 0;
  for (std::size_t i = 0; i < line.size(); i = unit_end(line, i)) ++total;
  ShownLine shown;
  std::size_t last = total;
  if (total > max_shown_units) {
    shown.first = caret > shown_before_caret ? caret - shown_before_caret : 0;
    shown.first = std::min(shown.first, total - max_shown_units);
    last = shown.first + max_shown_units;
    shown.cut_before = shown.first > 0;
    shown.cut_after = last < total;
  }
  std::size_t index = 0;
  for (std::size_t i = 0; i < line.size() && index < last; ++index) {
    std::size_t next = unit_end(line, i);
    if (index >= shown.first) shown.units.push_back(display_unit(line.substr(i, next - i)));
    i = next;
  }
  return shown;
}

// Blanks up to unit `column` (the source's own tabs kept, so the caret lines up).
std::string indent_to(const ShownLine& shown, std::size_t column) {
  std::string result(shown.cut_before ? ellipsis.size() : 0, ' ');
  for (std::size_t i = 0; i < column; ++i) {
    if (i < shown.units.size() && shown.units[i].text == "\t") {
      result += '\t';
    } else {
      result.append(i < shown.units.size() ? shown.units[i].width : 1, ' ');
    }
  }
  return result;
}

// A name of a megabyte quoted in a message is shown by its ends: 'aaaa...(1048576 bytes)...aaaa'.
std::string shorten_quoted(const std::string& message) {
  constexpr std::size_t longest = 120;
  constexpr std::size_t kept = 40;  // bytes kept at each end, moved to code point boundaries
  if (message.size() <= longest) return message;
  std::string out;
  std::size_t i = 0;
  while (i < message.size()) {
    std::size_t open = message.find('\'', i);
    std::size_t close = open == std::string::npos ? open : message.find('\'', open + 1);
    if (close == std::string::npos) break;
    std::string_view quoted(message.data() + open + 1, close - open - 1);
    out.append(message, i, open + 1 - i);
    if (quoted.size() > longest) {
      std::size_t head = kept;
      while (head > 0 && (static_cast<unsigned char>(quoted[head]) & 0xC0) == 0x80) --head;
      std::size_t tail = quoted.size() - kept;
      while (tail < quoted.size() && (static_cast<unsigned char>(quoted[tail]) & 0xC0) == 0x80) {
        ++tail;
      }
      out.append(quoted.substr(0, head));
      out += "...(" + std::to_string(quoted.size()) + " bytes)...";
      out.append(quoted.substr(tail));
    } else {
      out.append(quoted);
    }
    out += '\'';
    i = close + 1;
  }
  out.append(message, i);
  return out;
}

void render_location(std::string& out, const SourceManager& sources, SourceSpan span,
                     Severity severity, const std::string& message, const char* code,
                     const Palette& p) {
  out += p.bold;
  if (span.valid()) {
    out += printable_path(sources.file(span.file).path()) + ':';  // a newline in a name, say
    if (span.has_position()) {
      out += std::to_string(span.begin.line) + ':' + std::to_string(span.begin.column) + ':';
    }
    out += ' ';
  } else {
    out += "ormc: ";
  }
  out += std::string(p.reset) + severity_color(p, severity) + severity_word(severity) + ':' +
         p.reset + p.bold + ' ' + shorten_quoted(message) + p.reset;
  if (code != nullptr) out += std::string(" [") + code + ']';
  out += '\n';
}

void render_snippet(std::string& out, const SourceManager& sources, SourceSpan span,
                    const std::optional<std::string>& fixit, const Palette& p) {
  if (!span.valid() || !span.has_position()) return;
  const SourceFile& file = sources.file(span.file);
  std::size_t caret = span.begin.column - 1;
  ShownLine shown = shown_line(file.line(span.begin.line), caret);
  std::string number = std::to_string(span.begin.line);
  std::string gutter(std::max<std::size_t>(number.size(), 4), ' ');
  out += std::string(gutter.size() - number.size(), ' ') + number + " | ";
  if (shown.cut_before) out += ellipsis;
  for (const DisplayUnit& unit : shown.units) out += unit.text;
  if (shown.cut_after) out += ellipsis;
  out += '\n';

  std::size_t begin = caret - shown.first;
  std::size_t end = shown.units.size();  // a span over several lines: to the end of this one
  if (span.end.line == span.begin.line) {
    end = std::max(span.end.column, span.begin.column + 1) - 1 - shown.first;
  }
  if (shown.cut_after) end = std::min(end, shown.units.size());
  end = std::max(end, begin + 1);
  std::size_t width = 0;
  for (std::size_t i = begin; i < end; ++i) {
    width += i < shown.units.size() ? shown.units[i].width : 1;
  }
  std::string indent = indent_to(shown, begin);
  out += gutter + " | " + indent + p.caret + '^' + std::string(width - 1, '~') + p.reset + '\n';
  if (fixit) out += gutter + " | " + indent + p.caret + *fixit + p.reset + '\n';
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
  // One write per diagnostic: std::cerr is unbuffered, and writing it piece by piece made a
  // run with many errors on a long line take seconds of system calls.
  std::string text;
  for (const Diagnostic* d : ordered) {
    text.clear();
    render_location(text, sources, d->span, d->severity, d->message,
                    std::string(info(d->code).code).c_str(), p);
    render_snippet(text, sources, d->span, d->fixit, p);
    for (const DiagnosticNote& note : d->notes) {
      render_location(text, sources, note.span, Severity::note, note.message, nullptr, p);
      render_snippet(text, sources, note.span, std::nullopt, p);
    }
    out << text;
  }
  text.clear();
  if (engine.limit_reached()) {
    text += std::string("ormc: ") + p.error + "fatal error:" + p.reset +
            " too many errors emitted, stopping now (raise --error-limit)\n";
  }
  std::size_t errors = engine.error_count();
  std::size_t warnings = engine.warning_count();
  if (errors + warnings > 0) {
    if (warnings > 0) text += std::to_string(warnings) + (warnings == 1 ? " warning" : " warnings");
    if (warnings > 0 && errors > 0) text += " and ";
    if (errors > 0) text += std::to_string(errors) + (errors == 1 ? " error" : " errors");
    text += " generated.\n";
  }
  out << text;
}

}  // namespace ormc
