# Where installed programs find libairbyte_cloud.so.0 (README "Install"):
# - a libdir the dynamic loader searches (/usr/lib/<triplet>, /usr/local/lib: the toolchain's
#   directories and /etc/ld.so.conf.d): `cmake --install` runs ldconfig there (as root; the Debian
#   package has an ldconfig trigger). Sets ABC_LIBDIR_IS_SYSTEM.
# - the tools carry the relative rpath $ORIGIN/../<libdir>, so they find the library in any
#   prefix, also one given later with `cmake --install --prefix` or a moved tree; except when the
#   libdir is the toolchain's own (/usr: the Debian packages), where an rpath is redundant and
#   Debian policy forbids it. Other programs use LD_LIBRARY_PATH or an rpath of their own.
function(_abc_in_dirs result dir)
    get_filename_component(dir "${dir}" ABSOLUTE)
    set(${result} OFF PARENT_SCOPE)
    foreach(candidate ${ARGN})
        get_filename_component(candidate "${candidate}" ABSOLUTE)
        if(candidate STREQUAL dir)
            set(${result} ON PARENT_SCOPE)
        endif()
    endforeach()
endfunction()

set(_abc_toolchain_dirs ${CMAKE_PLATFORM_IMPLICIT_LINK_DIRECTORIES} ${CMAKE_C_IMPLICIT_LINK_DIRECTORIES})
set(_abc_loader_dirs ${_abc_toolchain_dirs})
file(GLOB _abc_ld_conf /etc/ld.so.conf.d/*.conf)
foreach(_conf ${_abc_ld_conf})
    file(STRINGS ${_conf} _lines REGEX "^/")
    list(APPEND _abc_loader_dirs ${_lines})
endforeach()
_abc_in_dirs(ABC_LIBDIR_IS_SYSTEM "${CMAKE_INSTALL_FULL_LIBDIR}" ${_abc_loader_dirs})
_abc_in_dirs(_abc_libdir_is_toolchain "${CMAKE_INSTALL_FULL_LIBDIR}" ${_abc_toolchain_dirs})
if(NOT _abc_libdir_is_toolchain)
    set(CMAKE_INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR}")
endif()
