# The add_subdirectory consumer test, run by ctest with -DSOURCE_DIR=... -DWORK_DIR=...
# -DORMC_EXE=<the in-tree ormc> -DCXX=<C++ compiler> -DMAKE_PROGRAM=<ninja> [-DLAUNCHER=ccache]:
#  1. `ormc generate` writes the shop schema's header (the project ships it pre-generated);
#  2. configure tests/consumer_subdir/project, which add_subdirectory()s ormc runtime-only
#     and without PostgreSQL, as a shared library, with doctest, fmt, ANTLR's runtime,
#     libpq and Java made unfindable (find_package disabled; /usr/bin and /bin, where the
#     antlr4 tool and java live, ignored by find_program), so the configure proves it needs
#     none of them; build it and run the program (a Session on SQLite; postgresql:// URLs
#     refused with the error that says why);
#  3. libormc.so carries the SONAME libormc.so.<major>.<minor> and the program needs it;
#  4. install it and build a program with nothing but `pkg-config --cflags --libs ormc`.
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "failed (${status}): ${ARGN}\n${out}\n${err}")
  endif()
  set(last_output "${out}${err}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
set(generated "${WORK_DIR}/generated")
set(build "${WORK_DIR}/build")
set(prefix "${WORK_DIR}/prefix")

run("${ORMC_EXE}" generate --out "${generated}" "${SOURCE_DIR}/tests/consumer/project/shop.orm")

set(launcher "")
if(LAUNCHER)
  set(launcher "-DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER}")
endif()
run(${CMAKE_COMMAND} -S "${SOURCE_DIR}/tests/consumer_subdir/project" -B "${build}" -G Ninja
    "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}" "-DCMAKE_CXX_COMPILER=${CXX}" ${launcher}
    -DCMAKE_BUILD_TYPE=Release "-DORMC_SOURCE_DIR=${SOURCE_DIR}" "-DORMC_GENERATED_DIR=${generated}"
    -DBUILD_SHARED_LIBS=ON -DORMC_INSTALL=ON "-DCMAKE_INSTALL_PREFIX=${prefix}"
    -DCMAKE_DISABLE_FIND_PACKAGE_doctest=ON -DCMAKE_DISABLE_FIND_PACKAGE_fmt=ON
    -DCMAKE_DISABLE_FIND_PACKAGE_antlr4-runtime=ON -DCMAKE_DISABLE_FIND_PACKAGE_PostgreSQL=ON
    -DCMAKE_DISABLE_FIND_PACKAGE_Java=ON "-DCMAKE_IGNORE_PATH=/usr/bin;/bin")
run(${CMAKE_COMMAND} --build "${build}")
run("${build}/subdir_consumer")
if(NOT last_output MATCHES "pen costs 1.50")
  message(FATAL_ERROR "the subdir consumer printed: ${last_output}")
endif()
foreach(url IN ITEMS "postgresql://localhost/app" "postgresql://localhost/app\\?sslmode=require")
  if(NOT last_output MATCHES "${url} refused: [^\n]*built without PostgreSQL \\(ORMC_WITH_POSTGRESQL=OFF\\)")
    message(FATAL_ERROR "${url} was not refused as it should be: ${last_output}")
  endif()
endforeach()

file(READ "${SOURCE_DIR}/CMakeLists.txt" top)
string(REGEX MATCH "project\\(ormc VERSION ([0-9]+)\\.([0-9]+)\\.([0-9]+)" _ "${top}")
set(soname "libormc.so.${CMAKE_MATCH_1}.${CMAKE_MATCH_2}")
file(GLOB_RECURSE library "${build}/ormc/libormc.so.${CMAKE_MATCH_1}.${CMAKE_MATCH_2}.${CMAKE_MATCH_3}")
if(NOT library)
  message(FATAL_ERROR "no shared libormc (libormc.so.${CMAKE_MATCH_1}.${CMAKE_MATCH_2}.${CMAKE_MATCH_3}) under ${build}/ormc")
endif()
run(objdump -p "${library}")
if(NOT last_output MATCHES "SONAME +${soname}\n")
  message(FATAL_ERROR "libormc's SONAME is not ${soname}:\n${last_output}")
endif()
if(last_output MATCHES "NEEDED +libpq")
  message(FATAL_ERROR "a libormc built without PostgreSQL needs libpq:\n${last_output}")
endif()
run(objdump -p "${build}/subdir_consumer")
if(NOT last_output MATCHES "NEEDED +${soname}\n")
  message(FATAL_ERROR "the program does not link the shared libormc (${soname}):\n${last_output}")
endif()

run(${CMAKE_COMMAND} --install "${build}")
file(READ "${prefix}/include/ormc/config.hpp" config)
if(NOT config MATCHES "#define ORMC_WITH_POSTGRESQL 0")
  message(FATAL_ERROR "the installed ormc/config.hpp does not say PostgreSQL is out:\n${config}")
endif()
file(GLOB_RECURSE pc "${prefix}/ormc.pc")
file(READ "${pc}" pc_text)
if(NOT pc_text MATCHES "\nRequires.private: sqlite3\n")
  message(FATAL_ERROR "the shared, PostgreSQL-less ormc.pc should require sqlite3 privately:\n${pc_text}")
endif()
include("${SOURCE_DIR}/tests/consumer/pkg_config.cmake")
ormc_pkg_config_build(PREFIX "${prefix}" WORK "${WORK_DIR}/pkg_config")
message(STATUS "consumer-subdir: runtime-only shared build, no doctest/fmt/ANTLR/libpq, works")
