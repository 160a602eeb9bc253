// A compilation: the .orm files named by the user plus everything they import, loaded,
// parsed and checked, with one DiagnosticEngine collecting what went wrong.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diag/diagnostic.hpp"
#include "diag/source.hpp"
#include "model/schema.hpp"
#include "parse/ast.hpp"

namespace ormc {

//! Files larger than this are refused with E002 before any parsing.
inline constexpr std::size_t max_source_bytes = 16u * 1024 * 1024;

class Compilation {
 public:
  explicit Compilation(DiagnosticEngine& diagnostics) : diagnostics_(diagnostics) {}

  //! Reads and parses `paths` and, when `follow_imports`, every file they import (paths
  //! relative to the importing file). Returns false when any file failed to load or parse.
  bool load(const std::vector<std::string>& paths, bool follow_imports = true);

  //! Parses in-memory text as a file called `path` (imports are not followed).
  bool load_text(std::string path, std::string text);

  //! Resolves and validates everything loaded; nullopt after errors.
  std::optional<model::Schema> check();

  [[nodiscard]] const SourceManager& sources() const { return sources_; }
  //! The parsed files named by the user, in command-line order.
  [[nodiscard]] const std::vector<const ast::File*>& roots() const { return roots_; }

 private:
  struct Loaded {
    std::string canonical_path;
    std::unique_ptr<ast::File> file;  //!< null when it failed to parse
  };

  const ast::File* load_file(const std::string& path, const std::string& canonical,
                             SourceSpan imported_at, bool follow_imports);
  void load_imports(const ast::File& file, const std::string& path);

  DiagnosticEngine& diagnostics_;
  SourceManager sources_;
  std::vector<Loaded> loaded_;             //!< in load order; imports before importers
  std::vector<std::string> import_stack_;  //!< canonical paths being loaded (cycles)
  std::vector<SourceSpan> import_sites_;   //!< where each stack entry was imported
  std::vector<const ast::File*> roots_;
  bool ok_ = true;
};

//! Reads a file whole. On failure returns nullopt and sets `error` to a short reason.
std::optional<std::string> read_file(const std::string& path, std::string& error);

}  // namespace ormc
