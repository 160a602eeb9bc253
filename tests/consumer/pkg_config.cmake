# ormc_pkg_config_build(PREFIX p WORK dir [PKG_CONFIG_ARGS args...]): compiles and links
# tests/consumer/pkg_config/main.cpp with the C++ compiler and nothing but the flags of
# `pkg-config [args] --cflags --libs ormc` against the ormc installed in p, then runs it
# (a shared libormc is found through the rpath set here). Shared by the consumer tests,
# which install a static and a shared libormc. Needs SOURCE_DIR and CXX set by the caller.
function(ormc_pkg_config_build)
  cmake_parse_arguments(ARG "" "PREFIX;WORK" "PKG_CONFIG_ARGS" ${ARGN})
  find_program(PKG_CONFIG_EXECUTABLE pkg-config REQUIRED)
  file(GLOB_RECURSE _pc "${ARG_PREFIX}/ormc.pc")
  list(LENGTH _pc _count)
  if(NOT _count EQUAL 1)
    message(FATAL_ERROR "expected one installed ormc.pc under ${ARG_PREFIX}, found: ${_pc}")
  endif()
  get_filename_component(_pc_dir "${_pc}" DIRECTORY)
  set(ENV{PKG_CONFIG_PATH} "${_pc_dir}")
  execute_process(COMMAND "${PKG_CONFIG_EXECUTABLE}" ${ARG_PKG_CONFIG_ARGS} --cflags --libs ormc
                  RESULT_VARIABLE status OUTPUT_VARIABLE flags ERROR_VARIABLE err
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "pkg-config ${ARG_PKG_CONFIG_ARGS} --cflags --libs ormc failed: ${err}")
  endif()
  execute_process(COMMAND "${PKG_CONFIG_EXECUTABLE}" --variable=libdir ormc
                  OUTPUT_VARIABLE libdir OUTPUT_STRIP_TRAILING_WHITESPACE)
  message(STATUS "pkg-config ${ARG_PKG_CONFIG_ARGS} --cflags --libs ormc: ${flags}")
  separate_arguments(flags UNIX_COMMAND "${flags}")
  file(MAKE_DIRECTORY "${ARG_WORK}")
  set(_exe "${ARG_WORK}/pkg_config_consumer")
  execute_process(
    COMMAND "${CXX}" -std=c++20 -O1 "${SOURCE_DIR}/tests/consumer/pkg_config/main.cpp" ${flags}
            "-Wl,-rpath,${libdir}" -o "${_exe}"
    RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "compiling with pkg-config's flags failed (${status}):\n${out}\n${err}")
  endif()
  execute_process(COMMAND "${_exe}" RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0 OR NOT out MATCHES "40 \\+ 2 = 42")
    message(FATAL_ERROR "the pkg-config consumer failed (${status}): ${out}${err}")
  endif()
endfunction()
