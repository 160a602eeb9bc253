// ormc: the schema compiler's command-line entry point.
#include <cstring>
#include <exception>
#include <iostream>

#include "cli/commands.hpp"
#include "support/version.hpp"

namespace {

void print_overview() {
  std::cout << "usage: ormc COMMAND [options] FILES...\n\n"
               "ormc compiles .orm schemas into typed C++ models and SQL.\n\ncommands:\n";
  for (const auto& command : ormc::cli::commands()) {
    std::string name = "  " + command.spec.name;
    name.resize(12, ' ');
    std::string summary = command.spec.summary.substr(0, command.spec.summary.find('\n'));
    std::cout << name << summary << "\n";
  }
  std::cout << "\n'ormc COMMAND --help' describes a command's options.\n";
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc < 2 || std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0) {
      print_overview();
      return argc < 2 ? 2 : 0;
    }
    if (std::strcmp(argv[1], "--version") == 0) {
      std::cout << "ormc " << ormc::generator_version << "\n";
      return 0;
    }
    for (const auto& command : ormc::cli::commands()) {
      if (command.spec.name != argv[1]) continue;
      std::string error;
      auto args = ormc::cli::parse_args(command.spec, argc, argv, 2, error);
      if (!args) {
        std::cerr << "ormc " << command.spec.name << ": " << error << " (see 'ormc "
                  << command.spec.name << " --help')\n";
        return 2;
      }
      if (args->help) {
        std::cout << ormc::cli::help_text(command.spec);
        return 0;
      }
      return command.run(*args);
    }
    std::cerr << "ormc: unknown command '" << argv[1] << "' (see 'ormc --help')\n";
    return 2;
  } catch (const std::exception& error) {
    std::cerr << "ormc: internal error: " << error.what() << "\n";
    return 3;
  }
}
