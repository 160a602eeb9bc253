# ormc_generate(TARGET app SCHEMAS a.orm [b.orm ...] [OUTPUT_DIR dir] [NAMESPACE ns]
#               [SOURCE_SHARDS n])
#
# Runs `ormc generate` at build time on SCHEMAS (one schema, with whatever they import),
# adds the generated headers and .cpp files to TARGET's sources (the .cpp files are
# compiled: they hold the DDL and the Session's per-model code) and OUTPUT_DIR to its
# include path, and links TARGET to the runtime. It re-runs when a schema, a file a schema
# imports (through ormc's depfile) or ormc itself changes; ormc rewrites a file only when
# its text changes, so an unchanged schema never recompiles the code that includes it.
#
# SCHEMAS form one schema, so their names are shared. For independent schemas that reuse
# names (two `model Customer`), call ormc_generate once per schema on the same TARGET.
# Only the .cpp files of SCHEMAS are compiled: list an imported file in SCHEMAS too when
# TARGET uses what it declares (its `schema` object is defined in its own .cpp).
#
# SOURCE_SHARDS n (n > 1) compiles each generated .cpp as n translation units, which a
# parallel build runs at once: the Session's code costs seconds of compile time per model
# (docs/perf.md), and shard k compiles the models whose place in the file is k modulo n.
# Each shard is a small .cpp in OUTPUT_DIR that includes the generated one.
#
# The ormc executable is the in-tree target `ormc` when there is one, else the imported
# `ormc::ormc` from find_package(ormc).
function(ormc_generate)
  cmake_parse_arguments(ARG "" "TARGET;OUTPUT_DIR;NAMESPACE;SOURCE_SHARDS" "SCHEMAS" ${ARGN})
  if(NOT ARG_TARGET OR NOT ARG_SCHEMAS)
    message(FATAL_ERROR "ormc_generate: TARGET and SCHEMAS are required")
  endif()
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "ormc_generate: unknown arguments: ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT ARG_OUTPUT_DIR)
    set(ARG_OUTPUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/ormc_generated/${ARG_TARGET}")
  endif()
  if(TARGET ormc)
    set(_ormc "$<TARGET_FILE:ormc>")
    set(_ormc_dep ormc)
  elseif(TARGET ormc::ormc)
    set(_ormc "$<TARGET_FILE:ormc::ormc>")
    set(_ormc_dep ormc::ormc)
  else()
    message(FATAL_ERROR "ormc_generate: no ormc executable (find_package(ormc) first)")
  endif()

  set(_schemas "")
  set(_headers "")
  set(_sources "")
  foreach(_schema IN LISTS ARG_SCHEMAS)
    get_filename_component(_abs "${_schema}" ABSOLUTE)
    list(APPEND _schemas "${_abs}")
    get_filename_component(_name "${_abs}" NAME)
    string(REGEX REPLACE "\\.orm$" "" _stem "${_name}")
    list(APPEND _headers "${ARG_OUTPUT_DIR}/${_stem}.orm.hpp")
    list(APPEND _sources "${ARG_OUTPUT_DIR}/${_stem}.orm.cpp")
  endforeach()
  set(_namespace_args "")
  if(ARG_NAMESPACE)
    set(_namespace_args --namespace "${ARG_NAMESPACE}")
  endif()

  # Each call on a target is a schema of its own, with its own stamp, depfile and target.
  get_property(_calls TARGET ${ARG_TARGET} PROPERTY ORMC_GENERATE_CALLS)
  if(NOT _calls)
    set(_calls 0)
  endif()
  math(EXPR _calls "${_calls} + 1")
  set_property(TARGET ${ARG_TARGET} PROPERTY ORMC_GENERATE_CALLS ${_calls})
  set(_suffix "")
  if(_calls GREATER 1)
    set(_suffix "_${_calls}")
  endif()

  set(_stamp "${ARG_OUTPUT_DIR}/.ormc_generate${_suffix}.stamp")
  set(_depfile "${ARG_OUTPUT_DIR}/.ormc_generate${_suffix}.d")
  add_custom_command(
    OUTPUT "${_stamp}"
    BYPRODUCTS ${_headers} ${_sources}
    COMMAND "${_ormc}" generate --out "${ARG_OUTPUT_DIR}" --depfile "${_depfile}"
            --depfile-target "${_stamp}" ${_namespace_args} ${_schemas}
    COMMAND "${CMAKE_COMMAND}" -E touch "${_stamp}"
    DEPENDS ${_schemas} ${_ormc_dep}
    DEPFILE "${_depfile}"
    COMMENT "ormc: generating C++ for ${ARG_SCHEMAS}"
    VERBATIM)
  add_custom_target(${ARG_TARGET}_ormc_generate${_suffix} DEPENDS "${_stamp}")
  add_dependencies(${ARG_TARGET} ${ARG_TARGET}_ormc_generate${_suffix})
  target_sources(${ARG_TARGET} PRIVATE ${_headers} ${_sources})
  set_source_files_properties(${_headers} PROPERTIES GENERATED TRUE HEADER_FILE_ONLY TRUE)
  set_source_files_properties(${_sources} PROPERTIES GENERATED TRUE)
  if(ARG_SOURCE_SHARDS AND ARG_SOURCE_SHARDS GREATER 1)
    # The generated .cpp files are then only included, by the shards.
    set_source_files_properties(${_sources} PROPERTIES HEADER_FILE_ONLY TRUE)
    math(EXPR _last "${ARG_SOURCE_SHARDS} - 1")
    foreach(_source IN LISTS _sources)
      get_filename_component(_source_name "${_source}" NAME)
      string(REGEX REPLACE "\\.cpp$" "" _source_stem "${_source_name}")
      foreach(_shard RANGE ${_last})
        set(_shard_file "${ARG_OUTPUT_DIR}/${_source_stem}.${_shard}.cpp")
        file(CONFIGURE OUTPUT "${_shard_file}" CONTENT
             "// Shard ${_shard} of ${ARG_SOURCE_SHARDS} of ${_source_name} (ormc_generate's SOURCE_SHARDS).
#define ORMC_SOURCE_SHARDS ${ARG_SOURCE_SHARDS}
#define ORMC_SOURCE_SHARD ${_shard}
#include \"${_source_name}\"
")
        target_sources(${ARG_TARGET} PRIVATE "${_shard_file}")
      endforeach()
    endforeach()
  endif()
  target_include_directories(${ARG_TARGET} PRIVATE "${ARG_OUTPUT_DIR}")
  if(TARGET ormc::runtime)
    target_link_libraries(${ARG_TARGET} PRIVATE ormc::runtime)
  endif()
endfunction()
