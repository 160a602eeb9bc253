# ormc_set_warnings(target): our own code builds with warnings on and treated as errors.
# Generated ANTLR code is compiled in its own target without these flags.
function(ormc_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wnull-dereference
    -Wimplicit-fallthrough -Werror)
  # GCC 12 reports -Wrestrict inside libstdc++'s std::string operator+ when inlined at -O2
  # and above, for code that cannot overlap (GCC bug 105329); it is noise, not a finding.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} PRIVATE -Wno-restrict)
  endif()
endfunction()
