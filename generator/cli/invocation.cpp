// Shared command plumbing: flags -> DiagnosticEngine options, file checks, rendering.
#include "cli/invocation.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "diag/render.hpp"
#include "support/file_names.hpp"

namespace ormc::cli {
namespace {

bool want_color(const std::string& setting) {
  if (setting == "always") return true;
  if (setting == "never") return false;
  const char* term = std::getenv("TERM");
  return isatty(STDERR_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr &&
         (term == nullptr || std::string(term) != "dumb");
}

}  // namespace

std::optional<std::size_t> parse_error_limit(const ParsedArgs& args) {
  std::string text = args.value_or("error-limit", "50");
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
      text.size() > 9) {
    std::cerr << "ormc: option '--error-limit' takes a whole number, not '" << text << "'\n";
    return std::nullopt;
  }
  return static_cast<std::size_t>(std::stoul(text));
}

DiagnosticEngine::Options Invocation::engine_options(const ParsedArgs& args) {
  DiagnosticEngine::Options options;
  options.warnings_as_errors = args.has("werror");
  options.error_limit = parse_error_limit(args).value_or(50);
  return options;
}

Invocation::Invocation(const ParsedArgs& args)
    : args_(args), diagnostics_(engine_options(args)), compilation_(diagnostics_) {}

// stat() only: the file is not opened here, so a FIFO named by mistake cannot block.
bool Invocation::inputs_readable(const char* command) const {
  for (const std::string& file : args_.files) {
    std::error_code error;
    auto status = std::filesystem::status(file, error);
    const std::string shown = printable_path(file);
    if (error || !std::filesystem::exists(status)) {
      std::cerr << "ormc " << command << ": no such file: '" << shown << "'\n";
      return false;
    }
    const char* kind = nullptr;
    switch (status.type()) {
      case std::filesystem::file_type::regular: break;
      case std::filesystem::file_type::directory: kind = "a directory"; break;
      case std::filesystem::file_type::fifo: kind = "a FIFO (named pipe)"; break;
      case std::filesystem::file_type::socket: kind = "a socket"; break;
      case std::filesystem::file_type::character: kind = "a character device"; break;
      case std::filesystem::file_type::block: kind = "a block device"; break;
      default: kind = "a special file"; break;
    }
    if (kind != nullptr) {
      std::cerr << "ormc " << command << ": '" << shown << "' is " << kind
                << ", not an .orm file\n";
      return false;
    }
  }
  return true;
}

std::optional<model::Schema> Invocation::compile() {
  compilation_.load(args_.files);
  auto schema = compilation_.check();
  render();
  return schema;
}

// Rendered into memory and written at once: std::cerr is unbuffered, so writing it piece
// by piece costs a system call per piece (the JSON writer writes a character at a time).
void Invocation::render() const {
  std::ostringstream text;
  if (args_.value_or("diagnostics-format", "text") == "json") {
    render_json(text, diagnostics_, compilation_.sources());
  } else {
    render_text(text, diagnostics_, compilation_.sources(),
                {want_color(args_.value_or("color", "auto"))});
  }
  std::cerr << text.view();
  std::cerr.flush();
}

}  // namespace ormc::cli
