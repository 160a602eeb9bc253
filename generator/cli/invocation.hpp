// What the compiling commands share: diagnostic settings from flags, input-file checks,
// and rendering the collected diagnostics to stderr.
#pragma once

#include <optional>
#include <string>

#include "cli/options.hpp"
#include "diag/diagnostic.hpp"
#include "driver/compilation.hpp"

namespace ormc::cli {

//! One run of a compiling command (check, dump, fmt, generate, graph) on its files: the
//! diagnostics it collects and the compilation it drives. Not the ORM's ormc::Session.
class Invocation {
 public:
  explicit Invocation(const ParsedArgs& args);

  //! Checks the command-line files exist; prints one line and returns false otherwise.
  bool inputs_readable(const char* command) const;

  //! Loads and checks the files; renders diagnostics. nullopt when there were errors.
  std::optional<model::Schema> compile();

  //! Prints what was collected to stderr, as text or JSON.
  void render() const;

  DiagnosticEngine& diagnostics() { return diagnostics_; }
  Compilation& compilation() { return compilation_; }
  const ParsedArgs& args() const { return args_; }

 private:
  static DiagnosticEngine::Options engine_options(const ParsedArgs& args);

  const ParsedArgs& args_;
  DiagnosticEngine diagnostics_;
  Compilation compilation_;
};

//! Parses --error-limit; prints a usage line and returns nullopt when it is not a number.
std::optional<std::size_t> parse_error_limit(const ParsedArgs& args);

}  // namespace ormc::cli
