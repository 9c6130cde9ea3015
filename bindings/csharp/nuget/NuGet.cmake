# The NuGet package of the C# binding, build/bindings/csharp/nuget/AirbyteCloud.<version>.nupkg
# (included by ../CMakeLists.txt, which defines _cs_* and builds AirbyteCloud.dll):
#   lib/net45/                    AirbyteCloud.dll, its XML docs, AirbyteCloud.dll.config (dllmap)
#   runtimes/linux-x64/native/    libairbyte_cloud_csharp.so, the SWIG glue, linked to
#                                 libairbyte_cloud.so.0 by soname (no rpath into this build)
#   build/AirbyteCloud.targets    copies the glue next to the program in msbuild projects
# The test bindings.csharp.nuget installs it with `nuget install` from that folder and runs the
# C# quick start of docs/BINDINGS.md with it.
find_program(ABC_NUGET nuget)
if(NOT ABC_NUGET)
    abc_binding_unavailable("C# NuGet package" csharp nuget)
    return()
endif()

set(_nu_dir ${_cs_out}/nuget)
set(_nu_stage ${_nu_dir}/stage)
set(_nu_src ${CMAKE_CURRENT_SOURCE_DIR}/nuget)
set(_nu_package ${_nu_dir}/AirbyteCloud.${PROJECT_VERSION}.nupkg)
configure_file(${_nu_src}/AirbyteCloud.nuspec.in ${_nu_stage}/AirbyteCloud.nuspec @ONLY)
separate_arguments(_nu_cflags UNIX_COMMAND "${_cs_cflags}")
add_custom_command(OUTPUT ${_nu_package}
    COMMAND ${CMAKE_C_COMPILER} ${_nu_cflags} -shared -o ${_nu_stage}/libairbyte_cloud_csharp.so
            ${_cs_gen}/airbyte_cloud_csharp_wrap.c -I${PROJECT_SOURCE_DIR}/include
            -L$<TARGET_FILE_DIR:airbyte_cloud> -lairbyte_cloud
    COMMAND ${CMAKE_COMMAND} -E copy ${_cs_out}/AirbyteCloud.dll ${_cs_out}/AirbyteCloud.xml
            ${_nu_src}/AirbyteCloud.dll.config ${_nu_src}/AirbyteCloud.targets ${_nu_stage}
    COMMAND ${CMAKE_COMMAND} -E env HOME=${_nu_dir} ${ABC_NUGET} pack ${_nu_stage}/AirbyteCloud.nuspec
            -OutputDirectory ${_nu_dir} -NoPackageAnalysis -NonInteractive -Verbosity quiet
    DEPENDS ${_cs_gen}/airbyte_cloud_csharp_wrap.c ${_cs_out}/AirbyteCloud.dll airbyte_cloud
            ${_nu_src}/AirbyteCloud.nuspec.in ${_nu_src}/AirbyteCloud.dll.config ${_nu_src}/AirbyteCloud.targets
    COMMENT "nuget pack: AirbyteCloud.${PROJECT_VERSION}.nupkg"
    VERBATIM)
add_custom_target(airbyte_cloud_nupkg ALL DEPENDS ${_nu_package})

if(TARGET airbyte-cloud-emulator AND EXISTS ${_cs_doc})
    add_test(NAME bindings.csharp.nuget
        COMMAND bash ${_nu_src}/package_test.sh ${_nu_dir} ${PROJECT_VERSION} ${_cs_doc}
                $<TARGET_FILE:airbyte-cloud-emulator> $<TARGET_FILE_DIR:airbyte_cloud>)
    set_tests_properties(bindings.csharp.nuget PROPERTIES LABELS bindings-csharp TIMEOUT 300)
endif()
