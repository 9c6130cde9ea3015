# The Go module as the go tool fetches it: a module proxy folder (GOPROXY=file://...) holding
# github.com/airbyte-cloud/libairbyte_cloud/bindings/go at v<version>, in
# build/bindings/go/goproxy (included by CMakeLists.txt). The module zip is this folder plus a
# copy of the shared SWIG interface bindings/airbyte_cloud.i at its root (a module cannot reach
# outside its folder; internal/capi/cgo.go finds it there). The test bindings.go.module fetches
# it with `go get` into a new module and runs the quick start of docs/BINDINGS.md.
find_program(ABC_ZIP zip)
if(NOT ABC_ZIP)
    abc_binding_unavailable("Go module archive" go zip)
    return()
endif()
set(_gm_module github.com/airbyte-cloud/libairbyte_cloud/bindings/go)
set(_gm_version v${PROJECT_VERSION})
set(_gm_proxy ${CMAKE_CURRENT_BINARY_DIR}/goproxy)
set(_gm_at ${_gm_proxy}/${_gm_module}/@v)
set(_gm_stage ${CMAKE_CURRENT_BINARY_DIR}/module-stage)
file(GLOB_RECURSE _gm_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*)
string(TIMESTAMP _gm_time "%Y-%m-%dT%H:%M:%SZ" UTC)
file(WRITE ${_gm_stage}/v.info "{\"Version\":\"${_gm_version}\",\"Time\":\"${_gm_time}\"}\n")
file(WRITE ${_gm_stage}/list "${_gm_version}\n")
add_custom_command(OUTPUT ${_gm_at}/${_gm_version}.zip
    COMMAND ${CMAKE_COMMAND} -E rm -rf ${_gm_stage}/tree ${_gm_at}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${_gm_stage}/tree/${_gm_module}@${_gm_version} ${_gm_at}
    COMMAND ${CMAKE_COMMAND} -E copy_directory ${CMAKE_CURRENT_SOURCE_DIR} ${_gm_stage}/tree/${_gm_module}@${_gm_version}
    COMMAND ${CMAKE_COMMAND} -E copy ${ABC_BINDINGS_INTERFACE} ${_gm_stage}/tree/${_gm_module}@${_gm_version}/
    COMMAND ${CMAKE_COMMAND} -E chdir ${_gm_stage}/tree ${ABC_ZIP} -qrD -X ${_gm_at}/${_gm_version}.zip .
    COMMAND ${CMAKE_COMMAND} -E copy ${CMAKE_CURRENT_SOURCE_DIR}/go.mod ${_gm_at}/${_gm_version}.mod
    COMMAND ${CMAKE_COMMAND} -E copy ${_gm_stage}/v.info ${_gm_at}/${_gm_version}.info
    COMMAND ${CMAKE_COMMAND} -E copy ${_gm_stage}/list ${_gm_at}/list
    DEPENDS ${_gm_sources} ${ABC_BINDINGS_INTERFACE}
    COMMENT "Go module ${_gm_module}@${_gm_version} (module proxy folder)"
    VERBATIM)
add_custom_target(bindings_go_module ALL DEPENDS ${_gm_at}/${_gm_version}.zip)

if(TARGET airbyte-cloud-emulator)
    add_test(NAME bindings.go.module
        COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/module_test.sh ${_gm_proxy} ${_gm_module} ${_gm_version}
                ${PROJECT_SOURCE_DIR}/docs/BINDINGS.md $<TARGET_FILE:airbyte-cloud-emulator>
                ${ABC_BUILD_PKGCONFIG_DIR} ${CMAKE_CURRENT_BINARY_DIR}/gocache ${ABC_GO} ${ABC_SWIG})
    set_tests_properties(bindings.go.module PROPERTIES LABELS bindings-go TIMEOUT 900)
endif()
