// Command-line parsing for ormc: one command word, its flags, then files.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ormc::cli {

//! A flag a command accepts: `--name` (switch) or `--name=value` / `--name value`.
struct FlagSpec {
  std::string name;
  bool takes_value = false;
  std::vector<std::string> choices;  //!< allowed values; empty = any
  std::string help;
};

struct CommandSpec {
  std::string name;
  std::string usage;    //!< "ormc check [options] FILES..."
  std::string summary;  //!< one paragraph
  std::vector<FlagSpec> flags;
  bool needs_files = true;
};

struct ParsedArgs {
  std::map<std::string, std::string> flags;  //!< switches map to ""
  std::vector<std::string> files;
  bool help = false;

  [[nodiscard]] bool has(const std::string& name) const { return flags.contains(name); }
  [[nodiscard]] std::string value_or(const std::string& name, const std::string& fallback) const;
};

//! Parses argv[first..]; on a usage error returns nullopt and sets `error` to one line.
std::optional<ParsedArgs> parse_args(const CommandSpec& spec, int argc, char** argv, int first,
                                     std::string& error);

//! The command's --help text.
std::string help_text(const CommandSpec& spec);

//! The flags every compiling command shares (diagnostic format, colour, limits).
std::vector<FlagSpec> diagnostic_flags();

}  // namespace ormc::cli
