// `ormc generate`: one C++ header and one .cpp per .orm file of the schema
// (docs/design/generated-code.md). A file is only rewritten when its text changes, and
// atomically, so that a build system recompiles nothing when the schema did not change and
// never sees a half-written file.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/invocation.hpp"
#include "emit/cpp/cpp_header.hpp"
#include "emit/cpp/cpp_source.hpp"
#include "emit/cpp/header_plan.hpp"

namespace ormc::cli {
namespace {

namespace fs = std::filesystem;

std::string canonical(const std::string& path) {
  std::error_code error;
  fs::path result = fs::weakly_canonical(path, error);
  return error ? path : result.string();
}

// Every file of the compilation with the files it imports, as the loader found them.
std::vector<cpp::SourceFileInfo> source_files(const Compilation& compilation) {
  std::vector<cpp::SourceFileInfo> files;
  for (auto& [id, imports] : compilation.import_graph()) {
    files.push_back({id, compilation.sources().file(id).path(), std::move(imports)});
  }
  std::sort(files.begin(), files.end(),  // the order the files were read in, as before
            [](const cpp::SourceFileInfo& a, const cpp::SourceFileInfo& b) { return a.id < b.id; });
  return files;
}

bool valid_namespace(const std::string& text) {
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find("::", start);
    std::string part =
        text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (part.empty() || (part[0] >= '0' && part[0] <= '9')) return false;
    for (char c : part) {
      bool word =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
      if (!word) return false;
    }
    if (end == std::string::npos) return true;
    start = end + 2;
  }
}

bool write_if_changed(const fs::path& path, const std::string& text, std::string& error) {
  std::string ignored;
  if (auto current = read_file(path.string(), ignored); current && *current == text) return true;
  fs::path temporary = path;
  temporary += ".ormc-" + std::to_string(::getpid()) + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      error = "cannot write '" + temporary.string() + "'";
      std::error_code ignore;
      fs::remove(temporary, ignore);
      return false;
    }
  }
  std::error_code code;
  fs::rename(temporary, path, code);
  if (code) {
    error = "cannot replace '" + path.string() + "': " + code.message();
    fs::remove(temporary, code);
    return false;
  }
  return true;
}

// Make's syntax, as Ninja and Make read it: a space or '#' is escaped by a backslash, '$'
// is doubled. The loader refused paths with a newline or another control character (E008).
std::string depfile_path(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == ' ' || c == '#') out += '\\';
    if (c == '$') out += '$';
    out += c;
  }
  return out;
}

bool write_depfile(const ParsedArgs& args, const SourceManager& sources, const std::string& target,
                   std::string& error) {
  std::string text = depfile_path(args.value_or("depfile-target", target)) + ":";
  for (FileId id = 0; id < sources.size(); ++id) {
    text += " \\\n  " + depfile_path(canonical(sources.file(id).path()));
  }
  text += "\n";
  std::ofstream out(args.value_or("depfile", ""), std::ios::binary | std::ios::trunc);
  out << text;
  out.flush();
  if (!out) error = "cannot write the depfile '" + args.value_or("depfile", "") + "'";
  return static_cast<bool>(out);
}

}  // namespace

int run_generate(const ParsedArgs& args) {
  const bool to_stdout = args.has("stdout");
  if (!to_stdout && !args.has("out")) {
    std::cerr << "ormc generate: say where the headers go: --out DIR (or --stdout)\n";
    return 2;
  }
  if (args.has("namespace") && !valid_namespace(args.value_or("namespace", ""))) {
    std::cerr << "ormc generate: option '--namespace' takes a C++ namespace such as 'app' or "
                 "'app::db', not '"
              << args.value_or("namespace", "") << "'\n";
    return 2;
  }
  if (!parse_error_limit(args)) return 2;
  Invocation invocation(args);
  if (!invocation.inputs_readable("generate")) return 2;
  auto schema = invocation.compile();
  if (!schema) return 1;
  if (args.has("namespace")) {
    std::string space = args.value_or("namespace", "");
    for (model::Enum& enumeration : schema->enums) enumeration.cpp_namespace = space;
    for (model::Model& model : schema->models) model.cpp_namespace = space;
  }

  const SourceManager& sources = invocation.compilation().sources();
  cpp::HeaderPlan plan = cpp::plan_headers(*schema, source_files(invocation.compilation()));
  for (const std::string& error : plan.errors) std::cerr << error << "\n";
  if (!plan.errors.empty()) return 1;

  fs::path directory = args.value_or("out", ".");
  if (!to_stdout) {
    std::error_code code;
    fs::create_directories(directory, code);
    if (code) {
      std::cerr << "ormc generate: cannot create '" << directory.string() << "': " << code.message()
                << "\n";
      return 1;
    }
  }
  int status = 0;
  for (const cpp::HeaderSpec& header : plan.headers) {
    const std::pair<const std::string&, std::string> files[] = {
        {header.header_name, cpp::emit_header(*schema, header)},
        {header.cpp_name, cpp::emit_source(*schema, header)}};
    for (const auto& [name, text] : files) {
      if (to_stdout) {
        std::cout << "// ---- " << name << "\n" << text;
        continue;
      }
      std::string error;
      if (!write_if_changed(directory / name, text, error)) {
        std::cerr << "ormc generate: " << error << "\n";
        status = 1;
      }
    }
  }
  if (args.has("depfile") && !plan.headers.empty()) {
    std::string error;
    std::string target = (directory / plan.headers.front().header_name).string();
    if (!write_depfile(args, sources, target, error)) {
      std::cerr << "ormc generate: " << error << "\n";
      status = 1;
    }
  }
  return status;
}

}  // namespace ormc::cli
