// `ormc check`: load, resolve and validate schemas; report every problem.
#include "cli/commands.hpp"
#include "cli/session.hpp"

namespace ormc::cli {

int run_check(const ParsedArgs& args) {
  if (!parse_error_limit(args)) return 2;
  Session session(args);
  if (!session.inputs_readable("check")) return 2;
  session.compilation().load(args.files);
  bool ok = session.compilation().check_each_root();
  session.render();
  return ok ? 0 : 1;
}

}  // namespace ormc::cli
