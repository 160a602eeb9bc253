// The ormc commands: check, fmt, dump, graph, generate. Each returns the process exit status:
// 0 success, 1 errors in the input (or fmt --check found changes), 2 usage errors.
#pragma once

#include "cli/options.hpp"

namespace ormc::cli {

struct Command {
  CommandSpec spec;
  int (*run)(const ParsedArgs& args);
};

//! Every command, in the order `ormc --help` lists them.
const std::vector<Command>& commands();

int run_check(const ParsedArgs& args);
int run_fmt(const ParsedArgs& args);
int run_dump(const ParsedArgs& args);
int run_graph(const ParsedArgs& args);
int run_generate(const ParsedArgs& args);

}  // namespace ormc::cli
