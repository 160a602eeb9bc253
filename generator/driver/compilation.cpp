// Loading files and their imports; the BOM is dropped, size, kind and names checked.
#include "driver/compilation.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include "check/checker.hpp"
#include "driver/read_source.hpp"
#include "parse/parser.hpp"
#include "support/file_names.hpp"

namespace ormc {
namespace {

std::string canonical_path(const std::string& path) {
  std::error_code error;
  auto canonical = std::filesystem::weakly_canonical(path, error);
  return error ? path : canonical.string();
}

std::string file_name(const std::string& path) {
  return std::filesystem::path(path).filename().string();
}

// A cycle of thousands of files would make a message of thousands of names: show its ends.
std::string cycle_text(const std::vector<std::string>& names) {
  constexpr std::size_t shown_at_each_end = 4;
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (names.size() > 2 * shown_at_each_end + 1 && i == shown_at_each_end) {
      text += "... (" + std::to_string(names.size() - 2 * shown_at_each_end) + " more) -> ";
      i = names.size() - shown_at_each_end - 1;
      continue;
    }
    text += names[i];
    if (i + 1 < names.size()) text += " -> ";
  }
  return text;
}

}  // namespace

std::optional<std::string> read_file(const std::string& path, std::string& error) {
  SourceRead read = read_source(path, max_source_bytes);
  if (read.ok()) return std::move(read.text);
  error = read.failure == SourceRead::Failure::too_large ? "too large" : read.reason;
  return std::nullopt;
}

bool Compilation::load(const std::vector<std::string>& paths, bool follow_imports) {
  for (const std::string& path : paths) {
    std::size_t index = load_tree(path, {}, follow_imports);
    if (index != not_loaded) roots_.push_back(index);
  }
  return ok_;
}

std::vector<const ast::File*> Compilation::roots() const {
  std::vector<const ast::File*> result;
  for (std::size_t index : roots_) result.push_back(loaded_[index].file.get());
  return result;
}

std::vector<std::pair<FileId, std::vector<FileId>>> Compilation::import_graph() const {
  std::vector<std::pair<FileId, std::vector<FileId>>> graph;
  graph.reserve(loaded_.size());
  for (const Loaded& loaded : loaded_) {
    std::vector<FileId> imports;
    imports.reserve(loaded.imports.size());
    for (std::size_t index : loaded.imports) imports.push_back(loaded_[index].file->file);
    graph.emplace_back(loaded.file->file, std::move(imports));
  }
  return graph;
}

bool Compilation::load_text(const std::string& path, std::string text) {
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
  loaded_.push_back(
      {path, std::make_unique<ast::File>(std::move(*parsed)), {}, true, SourceSpan{id, {}, {}}});
  roots_.push_back(loaded_.size() - 1);
  return ok_;
  // A false leak (clang-tidy 14's analyzer, since `path` is a const&): it loses the unique_ptr
  // moved into the braced Loaded, which loaded_ owns.
  // NOLINTNEXTLINE(clang-analyzer-cplusplus.NewDeleteLeaks)
}

std::optional<Compilation::Pending> Compilation::open(const std::string& path,
                                                      std::string canonical, SourceSpan loaded_at) {
  SourceRead read = read_source(path, max_source_bytes);
  if (!read.ok()) {
    FileId id = sources_.add(path, "");
    SourceSpan where = loaded_at.valid() ? loaded_at : SourceSpan{id, {}, {}};
    std::string shown = printable_path(path);
    switch (read.failure) {
      case SourceRead::Failure::too_large:
        diagnostics_.report(DiagCode::file_too_large, where,
                            "'" + shown + "' is larger than the limit of " +
                                std::to_string(max_source_bytes) + " bytes (16 MiB)");
        break;
      case SourceRead::Failure::not_regular:
        diagnostics_.report(DiagCode::file_not_regular, where,
                            "cannot read '" + shown + "': " + read.reason +
                                "; a schema file must be a regular file");
        break;
      default:
        diagnostics_.report(DiagCode::file_unreadable, where,
                            "cannot read '" + shown + "': " + read.reason);
        break;
    }
    ok_ = false;
    return std::nullopt;
  }
  std::string text = std::move(read.text);
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);  // a UTF-8 BOM says nothing
  FileId id = sources_.add(path, std::move(text));
  auto parsed = parse_file(sources_, id, diagnostics_);
  if (!parsed) {
    ok_ = false;
    by_path_.emplace(std::move(canonical), not_loaded);  // reported once, whoever imports it
    return std::nullopt;
  }
  Pending pending;
  pending.path = path;
  pending.canonical = std::move(canonical);
  pending.loaded_at = loaded_at.valid() ? loaded_at : SourceSpan{id, {}, {}};
  pending.file = std::make_unique<ast::File>(std::move(*parsed));
  for (const ast::Declaration& declaration : pending.file->declarations) {
    if (const auto* import = std::get_if<ast::Import>(&declaration.node)) {
      pending.imports.push_back(import);
    }
  }
  return pending;
}

// Depth first over an explicit stack: a file is appended to loaded_ once all its imports
// are, so loaded_ lists imports before importers, as the recursive version did.
std::size_t Compilation::load_tree(const std::string& path, SourceSpan loaded_at,
                                   bool follow_imports) {
  std::string canonical = canonical_path(path);
  if (auto it = by_path_.find(canonical); it != by_path_.end()) return it->second;
  auto root = open(path, canonical, loaded_at);
  if (!root) return not_loaded;
  on_stack_.emplace(root->canonical, stack_.size());
  stack_.push_back(std::move(*root));
  std::size_t result = not_loaded;
  while (!stack_.empty()) {
    Pending& top = stack_.back();
    if (follow_imports && top.next_import < top.imports.size()) {
      const ast::Import& import = *top.imports[top.next_import++];
      std::filesystem::path target(import.path);
      std::string relative =
          target.is_absolute() ? target.string()
                               : (std::filesystem::path(top.path).parent_path() / target).string();
      std::string imported = canonical_path(relative);
      if (auto cycle = on_stack_.find(imported); cycle != on_stack_.end()) {
        report_cycle(import, cycle->second, imported);
        top.imports_ok = false;
        ok_ = false;
        continue;
      }
      if (auto done = by_path_.find(imported); done != by_path_.end()) {
        if (done->second == not_loaded || !loaded_[done->second].imports_ok ||
            import_too_deep(import, relative, loaded_[done->second].height)) {
          top.imports_ok = false;
        } else {
          top.loaded_imports.push_back(done->second);
        }
        continue;
      }
      if (import_too_deep(import, relative, 1)) {
        top.imports_ok = false;
        continue;
      }
      auto next = open(relative, std::move(imported), import.span);
      if (!next) {
        top.imports_ok = false;
        continue;
      }
      on_stack_.emplace(next->canonical, stack_.size());
      stack_.push_back(std::move(*next));  // `top` dangles from here on
      continue;
    }
    Pending done = std::move(top);
    stack_.pop_back();
    on_stack_.erase(done.canonical);
    std::size_t index = loaded_.size();
    std::size_t height = 1;
    for (std::size_t imported : done.loaded_imports) {
      height = std::max(height, loaded_[imported].height + 1);
    }
    loaded_.push_back({done.canonical, std::move(done.file), std::move(done.loaded_imports),
                       done.imports_ok, done.loaded_at, height});
    by_path_.emplace(std::move(done.canonical), index);
    if (stack_.empty()) {
      result = index;
    } else if (!done.imports_ok) {
      stack_.back().imports_ok = false;
    } else {
      stack_.back().loaded_imports.push_back(index);
    }
  }
  return result;
}

void Compilation::report_cycle(const ast::Import& import, std::size_t first_on_stack,
                               const std::string& canonical) {
  std::vector<std::string> names;
  for (std::size_t i = first_on_stack; i < stack_.size(); ++i) {
    names.push_back(file_name(stack_[i].canonical));
  }
  names.push_back(file_name(canonical));
  diagnostics_.report(DiagCode::import_cycle, import.span,
                      "import cycle: " + cycle_text(names) +
                          "; declarations are shared across all "
                          "loaded files, so one direction of the import is enough");
}

bool Compilation::import_too_deep(const ast::Import& import, const std::string& relative,
                                  std::size_t height) {
  std::size_t depth = stack_.size() + height;
  if (depth <= max_import_depth) return false;
  diagnostics_.report(DiagCode::import_too_deep, import.span,
                      "import chain too deep: through '" + printable_path(relative) + "', " +
                          std::to_string(depth) + " files import one another in a chain from '" +
                          printable_path(stack_.front().path) + "'; the limit is " +
                          std::to_string(max_import_depth) +
                          " (each generated header lists the tables of every file it imports, "
                          "so a chain's headers grow with the square of its length): import "
                          "the files from fewer levels, one file may import many");
  ok_ = false;
  return true;
}

void Compilation::check_file_names() {
  std::map<std::string, std::size_t> by_header;  // folded header name -> index into loaded_
  for (std::size_t index = 0; index < loaded_.size(); ++index) {
    const Loaded& loaded = loaded_[index];
    const std::string& path = sources_.file(loaded.file->file).path();
    if (std::string reason = unusable_path_reason(path); !reason.empty()) {
      diagnostics_.report(
          DiagCode::file_name_unusable, loaded.loaded_at,
          "cannot use the file '" + printable_path(path) + "': " + reason + "; rename the file");
      ok_ = false;
      continue;
    }
    std::string header = generated_header_name(file_name(path));
    auto [it, fresh] = by_header.try_emplace(fold_case(header), index);
    if (fresh) continue;
    const std::string& other = sources_.file(loaded_[it->second].file->file).path();
    std::string other_header = generated_header_name(file_name(other));
    std::string how = other_header == header ? "the same header '" + header + "'"
                                             : "the headers '" + other_header + "' and '" + header +
                                                   "', whose names differ only in letter case "
                                                   "(one file on macOS and Windows)";
    diagnostics_
        .report(DiagCode::header_name_clash, loaded.loaded_at,
                "'" + printable_path(other) + "' and '" + printable_path(path) +
                    "' would generate " + how + "; rename one of the files")
        .note(loaded_[it->second].loaded_at, "'" + printable_path(other) + "' is loaded here");
    ok_ = false;
  }
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
  check_file_names();
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
  check_file_names();
  if (!ok_) return std::nullopt;
  std::vector<const ast::File*> files;
  for (const Loaded& loaded : loaded_) files.push_back(loaded.file.get());
  return check_schema(files, sources_, diagnostics_);
}

}  // namespace ormc
