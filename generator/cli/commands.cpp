// The table of commands with their flags and help texts.
#include "cli/commands.hpp"

namespace ormc::cli {
namespace {

std::vector<FlagSpec> with_diagnostics(std::vector<FlagSpec> flags) {
  for (FlagSpec& flag : diagnostic_flags()) flags.push_back(std::move(flag));
  return flags;
}

}  // namespace

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {{"check", "ormc check [options] FILES...",
        "Parses, resolves and validates .orm schemas and the files they import, and reports\n"
        "every problem as file:line:col with the source line. Exit status: 0 when there are\n"
        "no errors (warnings allowed), 1 when there are errors, 2 for usage errors.",
        with_diagnostics({}), true},
       run_check},
      {{"fmt", "ormc fmt [--check | --stdout] [options] FILES...",
        "Rewrites .orm files in the one canonical layout, keeping every comment. With --check,\n"
        "changes nothing and exits 1 if a file is not formatted; with --stdout, prints the\n"
        "formatted text instead of writing files.",
        with_diagnostics({{"check", false, {}, "only report files that are not formatted"},
                          {"stdout", false, {}, "print the result instead of rewriting"}}),
        true},
       run_fmt},
      {{"dump", "ormc dump --json [options] FILES...",
        "Prints the resolved schema (every model, column, key, index, check and relation with\n"
        "its decisions made) as JSON on stdout; the format is in docs/dump-format.md.",
        with_diagnostics({{"json", false, {}, "print JSON (the only format)"}}), true},
       run_dump},
      {{"graph", "ormc graph [--format=mermaid|dot] [options] FILES...",
        "Prints an entity-relationship diagram of the schema: tables with their columns,\n"
        "types and keys, and relationship edges with their cardinality.",
        with_diagnostics({{"format", true, {"mermaid", "dot"}, "mermaid (default) or dot"}}), true},
       run_graph},
      {{"generate", "ormc generate (--out DIR | --stdout) [options] FILES...",
        "Writes a C++ header DIR/<name>.orm.hpp for each .orm file of the schema that declares\n"
        "something: enums, model structs, typed column descriptors, and the schema's DDL for\n"
        "SQLite and PostgreSQL. A header is only rewritten when its text changes.",
        with_diagnostics({{"out", true, {}, "the directory the headers go to"},
                          {"stdout", false, {}, "print the headers instead of writing them"},
                          {"namespace", true, {}, "put everything in this C++ namespace"},
                          {"depfile", true, {}, "also write a Makefile depfile of the inputs"},
                          {"depfile-target", true, {}, "the target named in the depfile"}}),
        true},
       run_generate},
  };
  return table;
}

}  // namespace ormc::cli
