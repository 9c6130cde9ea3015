# Installs the library, headers, pkg-config file and a CMake package so consumers can use either
#   pkg-config --cflags --libs airbyte_cloud        or        find_package(airbyte_cloud)
# Install components (one Debian package each, cmake/Packaging.cmake):
#   runtime  libairbyte_cloud.so.0                          -> libairbyte-cloud0
#   dev      headers, .so link, .a, pkg-config, CMake files -> libairbyte-cloud-dev
#   cli      airbyte-cloud (tools/cli)                      -> airbyte-cloud
#   emulator airbyte-cloud-emulator (tools/emulator)        -> airbyte-cloud-emulator
include(CMakePackageConfigHelpers)

install(TARGETS airbyte_cloud EXPORT airbyte_cloud_targets
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT runtime NAMELINK_COMPONENT dev
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime
    INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS airbyte_cloud_static EXPORT airbyte_cloud_targets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev)
# The umbrella header and the area headers it includes.
install(FILES ${PROJECT_SOURCE_DIR}/include/airbyte_cloud.h DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
    COMPONENT dev)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/airbyte_cloud DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
    COMPONENT dev FILES_MATCHING PATTERN "*.h")

# pkg-config: the shared library needs nothing else; `--static` adds what libairbyte_cloud.a
# needs (Libs.private): curl, cJSON, the dataset readers' libpq and libcrypto, the C++ runtime,
# libm and threads. They are named with -l, not as Requires.private modules, on purpose:
# pkg-config adds a Requires.private module's Cflags to every consumer's --cflags (libpq's
# -I/usr/include/postgresql, which no public header needs), and its --static libs (Debian's
# libcurl.pc lists a dozen libraries a shared libcurl does not need at link time).
# The modules' own -l flags (the dataset readers' modules as src/datasets configured them).
separate_arguments(_abc_pc_modules UNIX_COMMAND "libcurl libcjson ${ABC_DATASETS_PC_REQUIRES}")
execute_process(COMMAND ${PKG_CONFIG_EXECUTABLE} --libs-only-l ${_abc_pc_modules}
    OUTPUT_VARIABLE _abc_pc_module_libs OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
set(ABC_PC_LIBS_PRIVATE "${_abc_pc_module_libs} -l${ABC_CXX_RUNTIME} -lm -pthread")
file(RELATIVE_PATH ABC_PC_RELATIVE_PREFIX "${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig" "${CMAKE_INSTALL_PREFIX}")
configure_file(${PROJECT_SOURCE_DIR}/pkgconfig/airbyte_cloud.pc.in
    ${PROJECT_BINARY_DIR}/airbyte_cloud.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/airbyte_cloud.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig
    COMPONENT dev)

set(ABC_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/airbyte_cloud)
install(EXPORT airbyte_cloud_targets NAMESPACE airbyte_cloud:: DESTINATION ${ABC_CMAKE_INSTALL_DIR}
    COMPONENT dev)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/airbyte_cloudConfig.cmake.in
    ${PROJECT_BINARY_DIR}/airbyte_cloudConfig.cmake INSTALL_DESTINATION ${ABC_CMAKE_INSTALL_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/airbyte_cloudConfigVersion.cmake
    VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/airbyte_cloudConfig.cmake
    ${PROJECT_BINARY_DIR}/airbyte_cloudConfigVersion.cmake DESTINATION ${ABC_CMAKE_INSTALL_DIR}
    COMPONENT dev)

# Library path. A system prefix (/usr, /usr/local: directories in ld.so's configuration) needs
# the loader's cache refreshed after a plain `cmake --install` (the Debian package does it with
# an ldconfig trigger; under DESTDIR, as packaging does, nothing runs). Any other prefix is found
# by the installed tools through their rpath ($ORIGIN/../lib) and by other programs through
# LD_LIBRARY_PATH (README "Install").
if(ABC_LIBDIR_IS_SYSTEM)
    install(CODE "
        if(\"\$ENV{DESTDIR}\" STREQUAL \"\")
            execute_process(COMMAND ldconfig RESULT_VARIABLE _abc_ldconfig ERROR_QUIET)
            if(NOT _abc_ldconfig STREQUAL \"0\")
                message(STATUS \"Run ldconfig as root so programs find libairbyte_cloud.so.${PROJECT_VERSION_MAJOR}\")
            endif()
        endif()" COMPONENT runtime)
endif()
