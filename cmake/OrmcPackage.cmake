# `cmake --install` of ormc (when ORMC_INSTALL): the package files find_package(ormc) reads
# (<libdir>/cmake/ormc) and ormc.pc for pkg-config (<libdir>/pkgconfig). The targets
# install themselves (runtime/, generator/CMakeLists.txt); every destination is GNUInstallDirs'.
include(CMakePackageConfigHelpers)
set(ORMC_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/ormc)
install(EXPORT ormcTargets NAMESPACE ormc:: DESTINATION ${ORMC_CMAKE_DIR})

# What ormcConfig.cmake must find for the imported targets: a static libormc's link
# interface names SQLite::SQLite3 and PostgreSQL::PostgreSQL; a shared one hides them.
get_target_property(_ormc_runtime_type ormc_runtime TYPE)
set(ORMC_FIND_DEPENDENCIES "")
if(_ormc_runtime_type STREQUAL "STATIC_LIBRARY")
  string(APPEND ORMC_FIND_DEPENDENCIES "find_dependency(SQLite3)\n")
  if(ORMC_WITH_POSTGRESQL)
    string(APPEND ORMC_FIND_DEPENDENCIES "find_dependency(PostgreSQL)\n")
  endif()
endif()
configure_package_config_file(
  "${CMAKE_CURRENT_LIST_DIR}/ormcConfig.cmake.in"
  "${CMAKE_CURRENT_BINARY_DIR}/ormcConfig.cmake"
  INSTALL_DESTINATION ${ORMC_CMAKE_DIR})
write_basic_package_version_file(
  "${CMAKE_CURRENT_BINARY_DIR}/ormcConfigVersion.cmake"
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES
  "${CMAKE_CURRENT_BINARY_DIR}/ormcConfig.cmake"
  "${CMAKE_CURRENT_BINARY_DIR}/ormcConfigVersion.cmake"
  "${CMAKE_CURRENT_LIST_DIR}/OrmcGenerate.cmake"
  DESTINATION ${ORMC_CMAKE_DIR})

# ormc.pc. Where sqlite3 and libpq go depends on what libormc is. A shared libormc links
# them itself: Requires.private (only a fully static link, --static, needs them). A static
# libormc is an archive whose users must link them, so `pkg-config --libs ormc` has to name
# them: Requires. (Requires.private plus --static would not do: --static also asks for
# libpq's own private libraries, libpgcommon and libpgport, which Debian does not ship.)
# The prefix is the one of the install (cmake --install --prefix P), so ormc.pc is
# written then.
set(_ormc_pc_requires "sqlite3")
if(ORMC_WITH_POSTGRESQL)
  string(APPEND _ormc_pc_requires " libpq")
endif()
if(_ormc_runtime_type STREQUAL "STATIC_LIBRARY")
  set(ORMC_PC_REQUIRES "Requires: ${_ormc_pc_requires}")
else()
  set(ORMC_PC_REQUIRES "Requires.private: ${_ormc_pc_requires}")
endif()
foreach(_dir IN ITEMS LIBDIR INCLUDEDIR)
  if(IS_ABSOLUTE "${CMAKE_INSTALL_${_dir}}")
    set(ORMC_PC_${_dir} "${CMAKE_INSTALL_${_dir}}")
  else()
    set(ORMC_PC_${_dir} "\${prefix}/${CMAKE_INSTALL_${_dir}}")
  endif()
endforeach()
set(ORMC_PC_PREFIX "@ORMC_PC_PREFIX@")  # filled at install time
configure_file("${CMAKE_CURRENT_LIST_DIR}/ormc.pc.in" "${CMAKE_CURRENT_BINARY_DIR}/ormc.pc.in" @ONLY)
install(CODE "
  set(ORMC_PC_PREFIX \"\${CMAKE_INSTALL_PREFIX}\")
  configure_file(\"${CMAKE_CURRENT_BINARY_DIR}/ormc.pc.in\" \"${CMAKE_CURRENT_BINARY_DIR}/ormc.pc\" @ONLY)
  file(INSTALL DESTINATION \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig\"
       TYPE FILE FILES \"${CMAKE_CURRENT_BINARY_DIR}/ormc.pc\")
")
