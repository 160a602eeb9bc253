// Temporary driver while the front end grows: parses the files it is given.
#include <fstream>
#include <iostream>
#include <sstream>

#include "diag/render.hpp"
#include "parse/parser.hpp"

int main(int argc, char** argv) {
  ormc::SourceManager sources;
  ormc::DiagnosticEngine diagnostics;
  for (int i = 1; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    auto id = sources.add(argv[i], buffer.str());
    auto file = ormc::parse_file(sources, id, diagnostics);
    std::cout << argv[i] << ": " << (file ? file->declarations.size() : 0) << " declarations\n";
  }
  ormc::render_text(std::cerr, diagnostics, sources, {});
  return diagnostics.has_errors() ? 1 : 0;
}
