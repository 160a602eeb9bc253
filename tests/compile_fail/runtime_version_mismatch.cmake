# A generated header names its generator and refuses another runtime version. Run by ctest
# with -DORMC=... -DCXX=... -DSOURCE_DIR=... -DWORK_DIR=...: generates schemas/blog.orm, then
#  1. compiles runtime_version_mismatch.cpp against the runtime: it must compile;
#  2. compiles it with tests/compile_fail/other_runtime first on the include path (an
#     ormc/version.hpp of release 9.3.0): it must fail; its output is printed for the
#     test's PASS_REGULAR_EXPRESSION, which looks for the header's #error.
file(REMOVE_RECURSE "${WORK_DIR}")
execute_process(COMMAND "${ORMC}" generate --out "${WORK_DIR}" "${SOURCE_DIR}/schemas/blog.orm"
                RESULT_VARIABLE status ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "ormc generate failed (${status}):\n${err}")
endif()
set(compile "${CXX}" -std=c++20 -fsyntax-only -I "${WORK_DIR}")
set(source "${SOURCE_DIR}/tests/compile_fail/runtime_version_mismatch.cpp")

execute_process(COMMAND ${compile} -I "${SOURCE_DIR}/runtime/include" "${source}"
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "the control (the matching runtime) does not compile:\n${out}${err}")
endif()

execute_process(COMMAND ${compile} -I "${SOURCE_DIR}/tests/compile_fail/other_runtime"
                        -I "${SOURCE_DIR}/runtime/include" "${source}"
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(status EQUAL 0)
  message(FATAL_ERROR "the header compiled against the runtime of release 9.3.0")
endif()
message("${out}${err}")
