// `ormc dump --json`: the resolved schema as JSON (docs/dump-format.md).
#include <iostream>

#include "cli/commands.hpp"
#include "cli/invocation.hpp"
#include "emit/json_dump.hpp"

namespace ormc::cli {

int run_dump(const ParsedArgs& args) {
  if (!args.has("json")) {
    std::cerr << "ormc dump: say which format: --json\n";
    return 2;
  }
  if (!parse_error_limit(args)) return 2;
  Invocation invocation(args);
  if (!invocation.inputs_readable("dump")) return 2;
  auto schema = invocation.compile();
  if (!schema) return 1;
  write_schema_json(std::cout, *schema);
  return 0;
}

}  // namespace ormc::cli
