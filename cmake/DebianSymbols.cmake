# Writes the Debian symbols file of libairbyte_cloud (cmake/Packaging.cmake):
#   cmake -DLIBRARY=<.so> -DBASELINE=<committed symbols> -DPACKAGE=<name> -DVERSION=<x.y.z>
#         -DOUTPUT=<file> -P DebianSymbols.cmake
# Every dynamic symbol the library defines is listed with the version it first appeared in: the
# baseline's version when the baseline has it, else VERSION (a function new in this release).
# A baseline symbol the library no longer exports is an error: the ABI never loses a symbol.
cmake_minimum_required(VERSION 3.16) # policies for -P scripts (IN_LIST)
foreach(var LIBRARY BASELINE PACKAGE VERSION OUTPUT)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "DebianSymbols.cmake: ${var} is not set")
    endif()
endforeach()
execute_process(COMMAND nm -D --defined-only ${LIBRARY} OUTPUT_VARIABLE _nm RESULT_VARIABLE _result)
if(NOT _result EQUAL 0)
    message(FATAL_ERROR "nm -D ${LIBRARY} failed")
endif()
string(REGEX MATCHALL "[^\n]+" _lines "${_nm}")
set(_exported)
foreach(_line ${_lines})
    # "0000000000012345 T abc_job_id@@ABC_0" -> abc_job_id@ABC_0
    if(_line MATCHES " ([A-Za-z_][A-Za-z0-9_]*)@@?([A-Z0-9_]+)$")
        list(APPEND _exported "${CMAKE_MATCH_1}@${CMAKE_MATCH_2}")
    elseif(_line MATCHES " A ([A-Z0-9_]+)$") # the version node itself: "A ABC_0"
        list(APPEND _exported "${CMAKE_MATCH_1}@${CMAKE_MATCH_1}")
    endif()
endforeach()
list(SORT _exported)

file(STRINGS ${BASELINE} _baseline REGEX "^ ")
set(_known)
foreach(_entry ${_baseline})
    string(REGEX REPLACE "^ ([^ ]+) (.+)$" "\\1;\\2" _pair "${_entry}")
    list(GET _pair 0 _symbol)
    list(GET _pair 1 _since)
    set(_since_${_symbol} ${_since})
    list(APPEND _known ${_symbol})
    if(NOT _symbol IN_LIST _exported)
        message(FATAL_ERROR "${LIBRARY} no longer exports ${_symbol} (in ${BASELINE}); "
                            "exported symbols are never removed")
    endif()
endforeach()

get_filename_component(_library_name ${LIBRARY} NAME)
string(REGEX REPLACE "^(lib[^.]+\\.so\\.[0-9]+).*$" "\\1" _soname ${_library_name})
set(_text "${_soname} ${PACKAGE} #MINVER#\n")
foreach(_symbol ${_exported})
    if(DEFINED _since_${_symbol})
        string(APPEND _text " ${_symbol} ${_since_${_symbol}}\n")
    else()
        string(APPEND _text " ${_symbol} ${VERSION}\n")
    endif()
endforeach()
file(WRITE ${OUTPUT} "${_text}")
