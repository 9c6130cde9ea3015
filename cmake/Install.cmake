# Installs the library, header, pkg-config file and a CMake package so consumers can use either
#   pkg-config --cflags --libs airbyte_cloud        or        find_package(airbyte_cloud)
include(CMakePackageConfigHelpers)

install(TARGETS airbyte_cloud airbyte_cloud_static
    EXPORT airbyte_cloud_targets
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
    INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# The umbrella header and the area headers it includes.
install(FILES ${PROJECT_SOURCE_DIR}/include/airbyte_cloud.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/airbyte_cloud DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
    FILES_MATCHING PATTERN "*.h")

file(RELATIVE_PATH ABC_PC_RELATIVE_PREFIX "${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig" "${CMAKE_INSTALL_PREFIX}")
configure_file(${PROJECT_SOURCE_DIR}/pkgconfig/airbyte_cloud.pc.in
    ${PROJECT_BINARY_DIR}/airbyte_cloud.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/airbyte_cloud.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

set(ABC_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/airbyte_cloud)
install(EXPORT airbyte_cloud_targets NAMESPACE airbyte_cloud:: DESTINATION ${ABC_CMAKE_INSTALL_DIR})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/airbyte_cloudConfig.cmake.in
    ${PROJECT_BINARY_DIR}/airbyte_cloudConfig.cmake INSTALL_DESTINATION ${ABC_CMAKE_INSTALL_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/airbyte_cloudConfigVersion.cmake
    VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/airbyte_cloudConfig.cmake
    ${PROJECT_BINARY_DIR}/airbyte_cloudConfigVersion.cmake DESTINATION ${ABC_CMAKE_INSTALL_DIR})
