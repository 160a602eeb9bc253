// `ormc fmt`: rewrite .orm files in the canonical layout. A file is only replaced when
// its text changes, atomically (write beside it, then rename), and only after the new
// text has been parsed back successfully, so a failure never leaves a half-written file.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/invocation.hpp"
#include "format/formatter.hpp"
#include "parse/parser.hpp"

namespace ormc::cli {
namespace {

bool write_atomically(const std::string& path, const std::string& text, std::string& error) {
  std::filesystem::path target(path);
  std::filesystem::path temporary = target;
  temporary += ".ormc-fmt.tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      error = "cannot write '" + temporary.string() + "'";
      std::filesystem::remove(temporary);
      return false;
    }
  }
  std::error_code code;
  auto permissions = std::filesystem::status(target, code).permissions();
  if (!code) std::filesystem::permissions(temporary, permissions, code);
  std::filesystem::rename(temporary, target, code);
  if (code) {
    error = "cannot replace '" + path + "': " + code.message();
    std::filesystem::remove(temporary);
    return false;
  }
  return true;
}

// The formatter must never change meaning; re-parsing its output is a cheap guard.
bool reparses(const std::string& path, const std::string& text) {
  SourceManager sources;
  DiagnosticEngine diagnostics;
  FileId id = sources.add(path, text);
  return parse_file(sources, id, diagnostics).has_value();
}

}  // namespace

int run_fmt(const ParsedArgs& args) {
  if (!parse_error_limit(args)) return 2;
  Invocation invocation(args);
  if (!invocation.inputs_readable("fmt")) return 2;
  bool check_only = args.has("check");
  bool to_stdout = args.has("stdout");
  int status = 0;
  Compilation& compilation = invocation.compilation();
  for (const std::string& path : args.files) {
    std::size_t before = compilation.roots().size();
    compilation.load({path}, false);
    if (compilation.roots().size() == before) {  // unreadable or not parseable: reported
      status = 1;
      continue;
    }
    const ast::File& file = *compilation.roots().back();
    std::string formatted = format_file(file);
    std::string error;
    auto original = read_file(path, error);
    if (!reparses(path, formatted)) {
      std::cerr << "ormc fmt: internal error: the formatted text of '" << path
                << "' does not parse; the file was left unchanged (please report this)\n";
      status = 1;
      continue;
    }
    if (to_stdout) {
      std::cout << formatted;
      continue;
    }
    if (original && *original == formatted) continue;
    if (check_only) {
      std::cerr << "ormc fmt: '" << path << "' is not formatted\n";
      status = 1;
      continue;
    }
    if (!write_atomically(path, formatted, error)) {
      std::cerr << "ormc fmt: " << error << "\n";
      status = 1;
      continue;
    }
    std::cerr << "ormc fmt: reformatted '" << path << "'\n";
  }
  invocation.render();
  return status;
}

}  // namespace ormc::cli
