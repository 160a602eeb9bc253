# The consumer test, run by ctest with -DBUILD_DIR=... -DSOURCE_DIR=... -DWORK_DIR=...
# -DCXX=<C++ compiler>:
#  1. cmake --install the ormc build into a scratch prefix; build and run a program with
#     nothing but `pkg-config --cflags --libs ormc` against it;
#  2. configure and build tests/consumer/project against it (find_package(ormc)), run it;
#  3. rebuild with nothing changed: nothing is rebuilt;
#  4. touch the schema: ormc runs again, but the header's text is unchanged, so the
#     program is not recompiled; 5. change the schema: the header and program are rebuilt.
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "failed (${status}): ${ARGN}\n${out}\n${err}")
  endif()
  set(last_output "${out}${err}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")
set(project "${WORK_DIR}/project")
set(build "${WORK_DIR}/build")
file(COPY "${SOURCE_DIR}/tests/consumer/project/" DESTINATION "${project}")

run(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${prefix}")
include("${SOURCE_DIR}/tests/consumer/pkg_config.cmake")
ormc_pkg_config_build(PREFIX "${prefix}" WORK "${WORK_DIR}/pkg_config")
run(${CMAKE_COMMAND} -S "${project}" -B "${build}" -G Ninja "-DCMAKE_PREFIX_PATH=${prefix}"
    -DCMAKE_BUILD_TYPE=Release)
run(${CMAKE_COMMAND} --build "${build}")
run("${build}/consumer")
if(NOT last_output MATCHES "pen costs 1.50")
  message(FATAL_ERROR "the consumer printed: ${last_output}")
endif()

run(${CMAKE_COMMAND} --build "${build}" -- -d explain)
if(NOT last_output MATCHES "no work to do")
  message(FATAL_ERROR "a rebuild with nothing changed did work:\n${last_output}")
endif()

file(TOUCH "${project}/shop.orm")
run(${CMAKE_COMMAND} --build "${build}")
if(NOT last_output MATCHES "ormc: generating")
  message(FATAL_ERROR "touching the schema did not re-run ormc:\n${last_output}")
endif()
if(last_output MATCHES "main.cpp")
  message(FATAL_ERROR "an unchanged header recompiled the program:\n${last_output}")
endif()

# The build just touched its stamp; a file written in the same tick of the kernel's coarse
# file clock would look no newer than it to Ninja (seen: "ninja: no work to do").
execute_process(COMMAND "${CMAKE_COMMAND}" -E sleep 1)
file(APPEND "${project}/shop.orm" "\nmodel Tag { id int64 primary auto; }\n")
run(${CMAKE_COMMAND} --build "${build}")
if(NOT last_output MATCHES "main.cpp")
  message(FATAL_ERROR "a changed schema did not recompile the program:\n${last_output}")
endif()
file(READ "${build}/ormc_generated/consumer/shop.orm.hpp" header)
if(NOT header MATCHES "struct Tag")
  message(FATAL_ERROR "the regenerated header lacks the new model")
endif()
message(STATUS "consumer: installed package, pkg-config, build, run and rebuild rules all work")
