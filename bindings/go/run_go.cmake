# Runs the go tool for the Go binding with a hermetic environment:
#   cmake -DGO=<go> -DGO_DIR=<module dir> -DGO_ARGS="build~./..." -DSTATE_DIR=<dir>
#         -DPKGCONFIG_DIR=<dir> -DSWIG=<swig> -DHASH_FILES="<a>~<b>" [-DWERROR=ON] -P run_go.cmake
# (lists are separated by "~": a ";" does not survive add_custom_target and add_test intact,
# and "|" is needed in -run patterns)
# - no module downloads (GOPROXY=off, GOFLAGS empty; the module has no dependencies);
# - GOCACHE and GOPATH in the build directory;
# - the build-tree pkg-config file for the library; the swig the project found on PATH (the go
#   tool runs "swig" itself for internal/capi/capi.swig);
# - CGO_CPPFLAGS carries a hash of the C header and the SWIG interface files: the go tool tracks
#   only the files inside a package's directory, so without it a changed header would leave the
#   cached, SWIG-generated wrapper stale.
foreach(var GO GO_DIR GO_ARGS STATE_DIR PKGCONFIG_DIR SWIG HASH_FILES)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "run_go.cmake: ${var} is not set")
    endif()
endforeach()

string(REPLACE "~" ";" GO_ARGS "${GO_ARGS}")
string(REPLACE "~" ";" HASH_FILES "${HASH_FILES}")
set(_text "")
foreach(file IN LISTS HASH_FILES)
    file(SHA256 "${file}" _sum)
    string(APPEND _text "${_sum}")
endforeach()
string(SHA256 _hash "${_text}")
string(SUBSTRING "${_hash}" 0 16 _hash)

get_filename_component(_swig_dir "${SWIG}" DIRECTORY)
set(ENV{PATH} "${_swig_dir}:$ENV{PATH}")
set(ENV{PKG_CONFIG_PATH} "${PKGCONFIG_DIR}")
set(ENV{CGO_ENABLED} 1)
set(ENV{GO111MODULE} on)
set(ENV{GOFLAGS} "")
set(ENV{GOPROXY} off)
set(ENV{GOSUMDB} off)
set(ENV{GOTOOLCHAIN} local)
set(ENV{GOCACHE} "${STATE_DIR}/gocache")
set(ENV{GOPATH} "${STATE_DIR}/gopath")
set(ENV{GOENV} off)
set(ENV{CGO_CPPFLAGS} "-DABC_GO_INTERFACE_HASH=${_hash}")
if(WERROR)
    set(ENV{CGO_CFLAGS} "-g -O2 -Werror") # -Wall trips over cgo's own generated prologue
endif()

execute_process(COMMAND "${GO}" ${GO_ARGS} WORKING_DIRECTORY "${GO_DIR}" RESULT_VARIABLE _result)
if(NOT _result EQUAL 0)
    message(FATAL_ERROR "go ${GO_ARGS} failed (${_result})")
endif()
