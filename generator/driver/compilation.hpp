// A compilation: the .orm files named by the user plus everything they import, loaded,
// parsed and checked, with one DiagnosticEngine collecting what went wrong.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "diag/diagnostic.hpp"
#include "diag/source.hpp"
#include "model/schema.hpp"
#include "parse/ast.hpp"

namespace ormc {

//! Files larger than this are refused with E002 before any parsing.
inline constexpr std::size_t max_source_bytes = std::size_t{16} * 1024 * 1024;

//! The most files on one chain of imports (E010). Each generated header's `schema` lists
//! the tables of everything it imports, so the headers of a chain of n files hold n^2/2
//! tables: 1,000 files make about 320 MB of headers, 20,000 would make 30 GB.
inline constexpr std::size_t max_import_depth = 1000;

class Compilation {
 public:
  explicit Compilation(DiagnosticEngine& diagnostics) : diagnostics_(diagnostics) {}

  //! Reads and parses `paths` and, when `follow_imports`, every file they import (paths
  //! relative to the importing file), depth first over an explicit stack, never recursing;
  //! a chain longer than max_import_depth is refused (E010). Returns false when any file
  //! failed to load or parse.
  bool load(const std::vector<std::string>& paths, bool follow_imports = true);

  //! Parses in-memory text as a file called `path` (imports are not followed).
  bool load_text(const std::string& path, std::string text);

  //! Resolves and validates everything loaded as one schema; nullopt after errors. Both
  //! checks first refuse file names that cannot become generated headers (E008, E009).
  std::optional<model::Schema> check();

  //! Resolves and validates each file named by the user, with what it imports, as a
  //! schema of its own (so unrelated schemas may reuse names). A diagnostic about a file
  //! shared by several roots is reported once. Returns true when all of them are clean.
  bool check_each_root();

  [[nodiscard]] const SourceManager& sources() const { return sources_; }
  //! Each loaded file with the files it imports directly, imports before importers.
  [[nodiscard]] std::vector<std::pair<FileId, std::vector<FileId>>> import_graph() const;
  //! The parsed files named by the user, in command-line order.
  [[nodiscard]] std::vector<const ast::File*> roots() const;

 private:
  static constexpr std::size_t not_loaded = ~std::size_t{0};

  struct Loaded {
    std::string canonical_path;
    std::unique_ptr<ast::File> file;
    std::vector<std::size_t> imports;  //!< indexes into loaded_
    bool imports_ok = true;            //!< every import loaded and parsed
    SourceSpan loaded_at;              //!< the first import of the file, or the whole file
    std::size_t height = 1;            //!< files on its longest chain of imports, itself too
  };

  //! A file being loaded: parsed, its imports followed one at a time.
  struct Pending {
    std::string path;
    std::string canonical;
    SourceSpan loaded_at;
    std::unique_ptr<ast::File> file;
    std::vector<const ast::Import*> imports;
    std::size_t next_import = 0;
    std::vector<std::size_t> loaded_imports;  //!< indexes into loaded_
    bool imports_ok = true;
  };

  //! Loads `path` and (when `follow_imports`) everything it imports; its index or not_loaded.
  std::size_t load_tree(const std::string& path, SourceSpan loaded_at, bool follow_imports);
  //! Reads and parses one file; nullopt (reported) when it cannot be read or parsed.
  std::optional<Pending> open(const std::string& path, std::string canonical, SourceSpan loaded_at);
  void report_cycle(const ast::Import& import, std::size_t first_on_stack,
                    const std::string& canonical);
  //! E010 when importing a file of `height` from the top of stack_ makes too long a chain.
  bool import_too_deep(const ast::Import& import, const std::string& relative, std::size_t height);
  //! E008 for a file name that breaks a generated #include or the depfile; E009 for two
  //! files whose generated headers would have the same name, or names equal but for case.
  void check_file_names();
  //! The root and everything it imports, transitively; nullopt if any of it failed.
  [[nodiscard]] std::optional<std::vector<const ast::File*>> closure(std::size_t root) const;

  DiagnosticEngine& diagnostics_;
  SourceManager sources_;
  std::vector<Loaded> loaded_;  //!< in load order; imports before importers
  //! Canonical path -> index into loaded_, or not_loaded for a file that did not parse.
  std::unordered_map<std::string, std::size_t> by_path_;
  std::vector<Pending> stack_;  //!< the files being loaded, importers below their imports
  //! Canonical path -> index into stack_ (cycles).
  std::unordered_map<std::string, std::size_t> on_stack_;
  std::vector<std::size_t> roots_;  //!< indexes into loaded_
  bool ok_ = true;
};

//! Reads a regular file whole (see read_source). On failure returns nullopt and sets
//! `error` to a short reason.
std::optional<std::string> read_file(const std::string& path, std::string& error);

}  // namespace ormc
