// A program built with nothing but pkg-config's flags for ormc (no CMake): raw SQL with
// bound values on SQLite, through the installed headers and library.
#include <cstdint>
#include <iostream>

#include "ormc/connection.hpp"
#include "ormc/engine.hpp"

int main() {
  auto engine = ormc::Engine::connect("sqlite://:memory:");
  ormc::Connection conn = engine.connect();
  const auto sums =
      conn.query<std::int64_t>("SELECT :a + :b", {{"a", std::int64_t{40}}, {"b", std::int64_t{2}}});
  if (sums.size() != 1 || sums.front() != 42) {
    std::cerr << "pkg-config consumer: unexpected result\n";
    return 1;
  }
  std::cout << "pkg-config consumer: 40 + 2 = " << sums.front() << "\n";
  return 0;
}
