// Loading files and their imports; the BOM is dropped, size and readability checked.
#include "driver/compilation.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "check/checker.hpp"
#include "parse/parser.hpp"

namespace ormc {
namespace {

std::string canonical_path(const std::string& path) {
  std::error_code error;
  auto canonical = std::filesystem::weakly_canonical(path, error);
  return error ? path : canonical.string();
}

}  // namespace

std::optional<std::string> read_file(const std::string& path, std::string& error) {
  std::error_code status_error;
  auto status = std::filesystem::status(path, status_error);
  if (status_error || !std::filesystem::exists(status)) {
    error = "no such file";
    return std::nullopt;
  }
  if (std::filesystem::is_directory(status)) {
    error = "it is a directory";
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  std::string text;
  char buffer[65536];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_source_bytes) {
      error = "too large";
      return std::nullopt;
    }
  }
  if (in.bad()) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  return text;
}

bool Compilation::load(const std::vector<std::string>& paths, bool follow_imports) {
  for (const std::string& path : paths) {
    const ast::File* file = load_file(path, canonical_path(path), {}, follow_imports);
    if (file != nullptr) roots_.push_back(file);
  }
  return ok_;
}

bool Compilation::load_text(std::string path, std::string text) {
  if (text.size() > max_source_bytes) {
    FileId id = sources_.add(path, "");
    diagnostics_.report(DiagCode::file_too_large, {id, {}, {}},
                        "file is " + std::to_string(text.size()) + " bytes; the limit is " +
                            std::to_string(max_source_bytes) + " bytes (16 MiB)");
    return ok_ = false;
  }
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  FileId id = sources_.add(path, std::move(text));
  auto parsed = parse_file(sources_, id, diagnostics_);
  if (!parsed) return ok_ = false;
  loaded_.push_back({path, std::make_unique<ast::File>(std::move(*parsed))});
  roots_.push_back(loaded_.back().file.get());
  return ok_;
}

const ast::File* Compilation::load_file(const std::string& path, const std::string& canonical,
                                        SourceSpan imported_at, bool follow_imports) {
  for (const Loaded& loaded : loaded_) {
    if (loaded.canonical_path == canonical) return loaded.file.get();
  }
  std::string error;
  auto text = read_file(path, error);
  if (!text) {
    FileId id = sources_.add(path, "");
    bool too_large = error == "too large";
    std::string message = too_large ? "file is larger than the limit of " +
                                          std::to_string(max_source_bytes) + " bytes (16 MiB)"
                                    : "cannot read '" + path + "': " + error;
    diagnostics_.report(too_large ? DiagCode::file_too_large : DiagCode::file_unreadable,
                        imported_at.valid() && !too_large ? imported_at : SourceSpan{id, {}, {}},
                        message);
    ok_ = false;
    return nullptr;
  }
  if (text->rfind("\xEF\xBB\xBF", 0) == 0) text->erase(0, 3);  // a UTF-8 BOM says nothing
  FileId id = sources_.add(path, std::move(*text));
  auto parsed = parse_file(sources_, id, diagnostics_);
  if (!parsed) {
    ok_ = false;
    return nullptr;
  }
  auto file = std::make_unique<ast::File>(std::move(*parsed));
  if (follow_imports) {
    import_stack_.push_back(canonical);
    load_imports(*file, path);
    import_stack_.pop_back();
  }
  loaded_.push_back({canonical, std::move(file)});
  return loaded_.back().file.get();
}

void Compilation::load_imports(const ast::File& file, const std::string& path) {
  std::filesystem::path directory = std::filesystem::path(path).parent_path();
  for (const ast::Declaration& declaration : file.declarations) {
    const auto* import = std::get_if<ast::Import>(&declaration.node);
    if (import == nullptr) continue;
    std::filesystem::path target(import->path);
    std::string relative = target.is_absolute() ? target.string() : (directory / target).string();
    std::string canonical = canonical_path(relative);
    auto on_stack = std::find(import_stack_.begin(), import_stack_.end(), canonical);
    if (on_stack != import_stack_.end()) {
      std::string chain;
      for (auto it = on_stack; it != import_stack_.end(); ++it) {
        chain += std::filesystem::path(*it).filename().string() + " -> ";
      }
      chain += std::filesystem::path(canonical).filename().string();
      diagnostics_.report(DiagCode::import_cycle, import->span,
                          "import cycle: " + chain +
                              "; declarations are shared across all "
                              "loaded files, so one direction of the import is enough");
      ok_ = false;
      continue;
    }
    load_file(relative, canonical, import->span, true);
  }
}

std::optional<model::Schema> Compilation::check() {
  if (!ok_) return std::nullopt;
  std::vector<const ast::File*> files;
  for (const Loaded& loaded : loaded_) files.push_back(loaded.file.get());
  return check_schema(files, sources_, diagnostics_);
}

}  // namespace ormc
