// The table of header macros (header_macros.inc, generated) and its lookup.
#include "check/header_macros.hpp"

#include <algorithm>
#include <array>

namespace ormc {
namespace {

constexpr HeaderMacro header_macros[] = {
#include "check/header_macros.inc"
};

// GCC predefines these (non-reserved) names under -std=gnu++ on other targets than the
// one the table was generated on (i386 on 32-bit x86, sun and sparc on Solaris, ...).
constexpr std::array<std::string_view, 13> other_target_macros = {
    "MIPSEB", "MIPSEL",  "R3000", "R4000", "hppa", "i386", "linux",
    "m68k",   "mc68000", "mips",  "sparc", "sun",  "unix"};

}  // namespace

std::optional<HeaderMacro> find_header_macro(std::string_view name) {
  static_assert(std::size(header_macros) > 0);
  const auto* it = std::lower_bound(
      std::begin(header_macros), std::end(header_macros), name,
      [](const HeaderMacro& macro, std::string_view wanted) { return macro.name < wanted; });
  if (it != std::end(header_macros) && it->name == name) return *it;
  if (std::find(other_target_macros.begin(), other_target_macros.end(), name) !=
      other_target_macros.end()) {
    return HeaderMacro{name, "predefined by g++ under -std=gnu++20 on some targets", false};
  }
  return std::nullopt;
}

}  // namespace ormc
