// `ormc graph`: an entity-relationship diagram as Mermaid or Graphviz dot.
#include <iostream>

#include "cli/commands.hpp"
#include "cli/invocation.hpp"
#include "emit/graph.hpp"

namespace ormc::cli {

int run_graph(const ParsedArgs& args) {
  if (!parse_error_limit(args)) return 2;
  Invocation invocation(args);
  if (!invocation.inputs_readable("graph")) return 2;
  auto schema = invocation.compile();
  if (!schema) return 1;
  if (args.value_or("format", "mermaid") == "dot") {
    write_dot(std::cout, *schema);
  } else {
    write_mermaid(std::cout, *schema);
  }
  return 0;
}

}  // namespace ormc::cli
