# Debian packages made by the build (CPack's DEB generator, one package per install component):
#   libairbyte-cloud0         the shared library (shlibs, symbols, ldconfig trigger)
#   libairbyte-cloud-dev      headers, static library, .so link, pkg-config and CMake files
#   airbyte-cloud             the command-line tool, its man page and shell completions
#   airbyte-cloud-emulator    the local Airbyte API server and its man page
# Build them from a build configured for /usr (GNUInstallDirs then picks the multiarch libdir and
# the tools get no rpath), e.g. as tests/packaging/deb_test.sh does:
#   cmake -S . -B build/deb -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_BUILD_TYPE=RelWithDebInfo
#   cmake --build build/deb --target package
# Depends come from dpkg-shlibdeps; the copyright, changelog and the symbols baseline live in
# packaging/debian/.
set(_abc_pkg ${PROJECT_BINARY_DIR}/packaging)
set(_abc_debian ${PROJECT_SOURCE_DIR}/packaging/debian)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME airbyte-cloud)
set(CPACK_PACKAGE_VENDOR "libairbyte_cloud contributors")
set(CPACK_PACKAGE_CONTACT "libairbyte_cloud maintainers <libairbyte-cloud@users.noreply.github.com>")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_OUTPUT_FILE_PREFIX ${PROJECT_BINARY_DIR}/packages)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime dev)
if(TARGET airbyte-cloud)
    list(APPEND CPACK_COMPONENTS_ALL cli)
endif()
if(TARGET airbyte-cloud-emulator)
    list(APPEND CPACK_COMPONENTS_ALL emulator)
endif()

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_HOMEPAGE ${PROJECT_HOMEPAGE_URL})
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The tools link libairbyte_cloud.so.0 from this build: dpkg-shlibdeps reads its shlibs from here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS_PRIVATE_DIRS ${PROJECT_BINARY_DIR}/src)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS_POLICY ">=")
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)

set(_abc_summary_runtime "Airbyte API client library (shared library)")
set(_abc_summary_dev "Airbyte API client library (development files)")
set(_abc_summary_cli "command-line tool to run and watch Airbyte syncs")
set(_abc_summary_emulator "local Airbyte API server for tests and demos")
# Descriptions: the summary line, then plain lines under 80 columns (CPack indents them; an
# empty line becomes a paragraph break).
set(_abc_about "libairbyte_cloud is a native client for the Airbyte API (Airbyte Cloud and
self-managed Airbyte) with a stable C ABI: run a sync and wait for it, inspect
jobs and their history, manage sources, destinations and connections, and read
synced data back, with retries, timeouts and pooled connections.")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME libairbyte-cloud${PROJECT_VERSION_MAJOR})
set(CPACK_DEBIAN_DEV_PACKAGE_NAME libairbyte-cloud-dev)
set(CPACK_DEBIAN_CLI_PACKAGE_NAME airbyte-cloud)
set(CPACK_DEBIAN_EMULATOR_PACKAGE_NAME airbyte-cloud-emulator)
set(CPACK_COMPONENT_RUNTIME_DESCRIPTION "${_abc_summary_runtime}
${_abc_about}

This package has the shared library.")
set(CPACK_COMPONENT_DEV_DESCRIPTION "${_abc_summary_dev}
${_abc_about}

This package has the C headers, the static library, and the pkg-config and
CMake package files (airbyte_cloud.pc, find_package(airbyte_cloud)).")
set(CPACK_COMPONENT_CLI_DESCRIPTION "${_abc_summary_cli}
airbyte-cloud runs a sync on an Airbyte connection and waits for it with live
progress, lists jobs, workspaces, sources, destinations and connections, and
reads synced rows back, from a shell, cron or CI. Built on libairbyte_cloud.")
set(CPACK_COMPONENT_EMULATOR_DESCRIPTION "${_abc_summary_emulator}
airbyte-cloud-emulator serves the Airbyte public API on loopback: jobs in
simulated time, faults on demand, rows written to a real PostgreSQL
destination. For tests, demos and CI of programs using the Airbyte API.")
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_DEBIAN_CLI_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_EMULATOR_PACKAGE_SECTION devel)
set(CPACK_COMPONENT_DEV_DEPENDS runtime)
set(CPACK_COMPONENT_CLI_DEPENDS runtime)
# The pkg-config file's Requires.private and the CMake package's find_dependency calls need these
# modules' own development files (and the static library links them).
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS
    "libcurl4-openssl-dev | libcurl-dev, libcjson-dev, libpq-dev, libssl-dev, pkg-config")
# ldconfig runs through the trigger; the postinst/postrm given here replace the ones CPack would
# write, which call ldconfig directly (lintian: maintscript-calls-ldconfig).
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA ${_abc_pkg}/runtime/symbols ${_abc_debian}/triggers
    ${_abc_debian}/postinst ${_abc_debian}/postrm)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# The symbols file: the committed baseline (packaging/debian/libairbyte-cloud0.symbols, the
# version each symbol first appeared in) plus any newer abc_* export at this version. A baseline
# symbol missing from the library fails the build: exported symbols are never removed.
add_custom_command(OUTPUT ${_abc_pkg}/runtime/symbols
    COMMAND ${CMAKE_COMMAND} -DLIBRARY=$<TARGET_FILE:airbyte_cloud> -DBASELINE=${_abc_debian}/libairbyte-cloud0.symbols
            -DPACKAGE=${CPACK_DEBIAN_RUNTIME_PACKAGE_NAME} -DVERSION=${PROJECT_VERSION}
            -DOUTPUT=${_abc_pkg}/runtime/symbols -P ${PROJECT_SOURCE_DIR}/cmake/DebianSymbols.cmake
    DEPENDS airbyte_cloud ${_abc_debian}/libairbyte-cloud0.symbols ${PROJECT_SOURCE_DIR}/cmake/DebianSymbols.cmake
    COMMENT "Debian symbols file for libairbyte_cloud.so.${PROJECT_VERSION_MAJOR}"
    VERBATIM)

# Per package: /usr/share/doc/<package>/{copyright,changelog.gz} (lintian wants both).
find_program(ABC_GZIP gzip REQUIRED)
add_custom_command(OUTPUT ${_abc_pkg}/changelog.gz
    COMMAND ${CMAKE_COMMAND} -E make_directory ${_abc_pkg}
    COMMAND sh -c "\"$0\" -9nc \"$1\" > \"$2\"" ${ABC_GZIP} ${_abc_debian}/changelog ${_abc_pkg}/changelog.gz
    DEPENDS ${_abc_debian}/changelog
    VERBATIM)
add_custom_target(abc_package_files ALL DEPENDS ${_abc_pkg}/changelog.gz ${_abc_pkg}/runtime/symbols)
foreach(_component ${CPACK_COMPONENTS_ALL})
    string(TOUPPER ${_component} _upper)
    install(FILES ${_abc_debian}/copyright ${_abc_pkg}/changelog.gz
        DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${CPACK_DEBIAN_${_upper}_PACKAGE_NAME}
        COMPONENT ${_component} EXCLUDE_FROM_ALL)
endforeach()
install(FILES ${_abc_debian}/libairbyte-cloud0.lintian-overrides
    DESTINATION ${CMAKE_INSTALL_DATADIR}/lintian/overrides RENAME ${CPACK_DEBIAN_RUNTIME_PACKAGE_NAME}
    COMPONENT runtime EXCLUDE_FROM_ALL)

include(CPack)
