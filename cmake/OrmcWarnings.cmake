# ormc_set_warnings(target): our own code builds with warnings on and treated as errors.
# Generated ANTLR code is compiled in its own target without these flags.
function(ormc_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion
    -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Wnull-dereference
    -Wimplicit-fallthrough -Werror)
endfunction()
