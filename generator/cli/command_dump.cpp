// `ormc dump --json`: the resolved schema as JSON (docs/dump-format.md).
#include <iostream>

#include "cli/commands.hpp"
#include "cli/session.hpp"
#include "emit/json_dump.hpp"

namespace ormc::cli {

int run_dump(const ParsedArgs& args) {
  if (!args.has("json")) {
    std::cerr << "ormc dump: say which format: --json\n";
    return 2;
  }
  if (!parse_error_limit(args)) return 2;
  Session session(args);
  if (!session.inputs_readable("dump")) return 2;
  auto schema = session.compile();
  if (!schema) return 1;
  write_schema_json(std::cout, *schema);
  return 0;
}

}  // namespace ormc::cli
