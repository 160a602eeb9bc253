// `ormc check`: load, resolve and validate schemas; report every problem.
#include "cli/commands.hpp"
#include "cli/invocation.hpp"

namespace ormc::cli {

int run_check(const ParsedArgs& args) {
  if (!parse_error_limit(args)) return 2;
  Invocation invocation(args);
  if (!invocation.inputs_readable("check")) return 2;
  invocation.compilation().load(args.files);
  bool ok = invocation.compilation().check_each_root();
  invocation.render();
  return ok ? 0 : 1;
}

}  // namespace ormc::cli
