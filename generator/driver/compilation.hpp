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

  //! Resolves and validates everything loaded as one schema; nullopt after errors.
  std::optional<model::Schema> check();

  //! Resolves and validates each file named by the user, with what it imports, as a
  //! schema of its own (so unrelated schemas may reuse names). A diagnostic about a file
  //! shared by several roots is reported once. Returns true when all of them are clean.
  bool check_each_root();

  [[nodiscard]] const SourceManager& sources() const { return sources_; }
  //! The parsed files named by the user, in command-line order.
  [[nodiscard]] std::vector<const ast::File*> roots() const;

 private:
  static constexpr std::size_t not_loaded = ~std::size_t{0};

  struct Loaded {
    std::string canonical_path;
    std::unique_ptr<ast::File> file;
    std::vector<std::size_t> imports;  //!< indexes into loaded_
    bool imports_ok = true;            //!< every import loaded and parsed
  };

  std::size_t load_file(const std::string& path, const std::string& canonical,
                        SourceSpan imported_at, bool follow_imports);
  //! Loads the imports of `file`; returns their indexes, or nullopt if one failed.
  std::optional<std::vector<std::size_t>> load_imports(const ast::File& file,
                                                       const std::string& path);
  //! The root and everything it imports, transitively; nullopt if any of it failed.
  [[nodiscard]] std::optional<std::vector<const ast::File*>> closure(std::size_t root) const;

  DiagnosticEngine& diagnostics_;
  SourceManager sources_;
  std::vector<Loaded> loaded_;             //!< in load order; imports before importers
  std::vector<std::string> import_stack_;  //!< canonical paths being loaded (cycles)
  std::vector<std::size_t> roots_;         //!< indexes into loaded_
  bool ok_ = true;
};

//! Reads a file whole. On failure returns nullopt and sets `error` to a short reason.
std::optional<std::string> read_file(const std::string& path, std::string& error);

}  // namespace ormc
