// Parsing of `--flag`, `--flag=value` and `--flag value`, with a help text per command.
#include "cli/options.hpp"

#include <algorithm>

namespace ormc::cli {

std::string ParsedArgs::value_or(const std::string& name, const std::string& fallback) const {
  auto it = flags.find(name);
  return it == flags.end() ? fallback : it->second;
}

std::vector<FlagSpec> diagnostic_flags() {
  return {
      {"diagnostics-format", true, {"text", "json"}, "text (default) or json, on stderr"},
      {"color", true, {"auto", "always", "never"}, "colour diagnostics (default: auto)"},
      {"error-limit", true, {}, "stop reporting after N errors (default 50; 0 = no limit)"},
      {"werror", false, {}, "treat warnings as errors"},
  };
}

std::optional<ParsedArgs> parse_args(const CommandSpec& spec, int argc, char** argv, int first,
                                     std::string& error) {
  ParsedArgs result;
  bool only_files = false;
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (only_files || arg.size() < 2 || arg[0] != '-') {
      result.files.push_back(arg);
      continue;
    }
    if (arg == "--") {
      only_files = true;
      continue;
    }
    if (arg == "--help" || arg == "-h") {
      result.help = true;
      continue;
    }
    if (arg.rfind("--", 0) != 0) {
      error = "unknown option '" + arg + "'";
      return std::nullopt;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    auto flag = std::find_if(spec.flags.begin(), spec.flags.end(),
                             [&](const FlagSpec& f) { return f.name == name; });
    if (flag == spec.flags.end()) {
      error = "unknown option '--" + name + "'";
      return std::nullopt;
    }
    if (flag->takes_value) {
      if (!value) {
        if (i + 1 >= argc) {
          error = "option '--" + name + "' needs a value";
          return std::nullopt;
        }
        value = argv[++i];
      }
      if (!flag->choices.empty() &&
          std::find(flag->choices.begin(), flag->choices.end(), *value) == flag->choices.end()) {
        std::string choices;
        for (const std::string& choice : flag->choices) {
          if (!choices.empty()) choices += ", ";
          choices += choice;
        }
        error = "option '--" + name + "' takes one of " + choices + ", not '" + *value + "'";
        return std::nullopt;
      }
      result.flags[name] = *value;
    } else {
      if (value) {
        error = "option '--" + name + "' takes no value";
        return std::nullopt;
      }
      result.flags[name] = "";
    }
  }
  if (!result.help && spec.needs_files && result.files.empty()) {
    error = "no input files";
    return std::nullopt;
  }
  return result;
}

std::string help_text(const CommandSpec& spec) {
  std::string text = "usage: " + spec.usage + "\n\n" + spec.summary + "\n";
  if (!spec.flags.empty()) text += "\noptions:\n";
  for (const FlagSpec& flag : spec.flags) {
    std::string left = "  --" + flag.name + (flag.takes_value ? "=VALUE" : "");
    if (left.size() < 28) left.resize(28, ' ');
    text += left + " " + flag.help + "\n";
  }
  text += "  --help                     show this help\n";
  return text;
}

}  // namespace ormc::cli
