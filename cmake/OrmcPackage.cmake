# `cmake --install` of ormc: the ormc executable, the runtime library and headers, and the
# package files find_package(ormc) reads (lib/cmake/ormc).
include(CMakePackageConfigHelpers)
set(ORMC_CMAKE_DIR lib/cmake/ormc)
install(EXPORT ormcTargets NAMESPACE ormc:: DESTINATION ${ORMC_CMAKE_DIR})
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
