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
    std::size_t index = load_file(path, canonical_path(path), {}, follow_imports);
    if (index != not_loaded) roots_.push_back(index);
  }
  return ok_;
}

std::vector<const ast::File*> Compilation::roots() const {
  std::vector<const ast::File*> result;
  for (std::size_t index : roots_) result.push_back(loaded_[index].file.get());
  return result;
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
  loaded_.push_back({path, std::make_unique<ast::File>(std::move(*parsed)), {}, true});
  roots_.push_back(loaded_.size() - 1);
  return ok_;
}

std::size_t Compilation::load_file(const std::string& path, const std::string& canonical,
                                   SourceSpan imported_at, bool follow_imports) {
  for (std::size_t index = 0; index < loaded_.size(); ++index) {
    if (loaded_[index].canonical_path == canonical) return index;
  }
  std::string error;
  auto text = read_file(path, error);
  if (!text) {
    FileId id = sources_.add(path, "");
    bool too_large = error == "too large";
    std::string message = too_large ? "'" + path + "' is larger than the limit of " +
                                          std::to_string(max_source_bytes) + " bytes (16 MiB)"
                                    : "cannot read '" + path + "': " + error;
    diagnostics_.report(too_large ? DiagCode::file_too_large : DiagCode::file_unreadable,
                        imported_at.valid() ? imported_at : SourceSpan{id, {}, {}}, message);
    ok_ = false;
    return not_loaded;
  }
  if (text->rfind("\xEF\xBB\xBF", 0) == 0) text->erase(0, 3);  // a UTF-8 BOM says nothing
  FileId id = sources_.add(path, std::move(*text));
  auto parsed = parse_file(sources_, id, diagnostics_);
  if (!parsed) {
    ok_ = false;
    return not_loaded;
  }
  auto file = std::make_unique<ast::File>(std::move(*parsed));
  std::optional<std::vector<std::size_t>> imports = std::vector<std::size_t>{};
  if (follow_imports) {
    import_stack_.push_back(canonical);
    imports = load_imports(*file, path);
    import_stack_.pop_back();
  }
  bool imports_ok = imports.has_value();
  loaded_.push_back(
      {canonical, std::move(file), imports.value_or(std::vector<std::size_t>{}), imports_ok});
  return loaded_.size() - 1;
}

std::optional<std::vector<std::size_t>> Compilation::load_imports(const ast::File& file,
                                                                  const std::string& path) {
  std::vector<std::size_t> result;
  bool ok = true;
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
      ok = false;
      continue;
    }
    std::size_t index = load_file(relative, canonical, import->span, true);
    if (index == not_loaded || !loaded_[index].imports_ok) {
      ok = false;
      continue;
    }
    result.push_back(index);
  }
  if (!ok) return std::nullopt;
  return result;
}

std::optional<std::vector<const ast::File*>> Compilation::closure(std::size_t root) const {
  std::vector<bool> seen(loaded_.size(), false);
  std::vector<std::size_t> pending = {root};
  std::vector<const ast::File*> files;
  while (!pending.empty()) {
    std::size_t index = pending.back();
    pending.pop_back();
    if (seen[index]) continue;
    seen[index] = true;
    if (!loaded_[index].imports_ok) return std::nullopt;
    files.push_back(loaded_[index].file.get());
    pending.insert(pending.end(), loaded_[index].imports.begin(), loaded_[index].imports.end());
  }
  // Imports before importers, as the union check orders them, for stable diagnostics.
  std::reverse(files.begin(), files.end());
  return files;
}

bool Compilation::check_each_root() {
  bool ok = ok_;
  for (std::size_t root : roots_) {
    auto files = closure(root);
    if (!files) {
      ok = false;
      continue;
    }
    if (!check_schema(*files, sources_, diagnostics_)) ok = false;
  }
  return ok;
}

std::optional<model::Schema> Compilation::check() {
  if (!ok_) return std::nullopt;
  std::vector<const ast::File*> files;
  for (const Loaded& loaded : loaded_) files.push_back(loaded.file.get());
  return check_schema(files, sources_, diagnostics_);
}

}  // namespace ormc
