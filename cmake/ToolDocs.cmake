# Man pages and shell completions of the tools, generated at build time from their own help text
# (so they never drift from --help) and installed with the tool's component:
#   abc_tool_man_page(<target> <component> CLI)           the CLI prints its page: `<tool> manpage`
#   abc_tool_man_page(<target> <component> HELP "<what>") the page is made from `<tool> --help`
#   abc_tool_completions(<target> <component>)            `<tool> completion bash|zsh|fish` files
find_program(ABC_GZIP gzip REQUIRED)
set(ABC_TOOL_DOCS_DIR ${PROJECT_BINARY_DIR}/tool-docs)
# The tool runs at build time; in a sanitizer build a leak report must not fail the build.
set(ABC_TOOL_RUN ${CMAKE_COMMAND} -E env ASAN_OPTIONS=detect_leaks=0)

function(abc_tool_man_page target component kind)
    set(page ${ABC_TOOL_DOCS_DIR}/${target}.1)
    if(kind STREQUAL CLI)
        set(make_page ${ABC_TOOL_RUN} sh -c "\"$0\" manpage > \"$1\"" $<TARGET_FILE:${target}> ${page})
    else()
        set(make_page ${ABC_TOOL_RUN} ${CMAKE_COMMAND} -DPROGRAM=$<TARGET_FILE:${target}> -DNAME=${target}
            "-DSUMMARY=${ARGN}" -DVERSION=${PROJECT_VERSION} -DOUTPUT=${page}
            -P ${PROJECT_SOURCE_DIR}/cmake/HelpToMan.cmake)
    endif()
    add_custom_command(OUTPUT ${page}.gz
        COMMAND ${CMAKE_COMMAND} -E make_directory ${ABC_TOOL_DOCS_DIR}
        COMMAND ${make_page}
        COMMAND ${ABC_GZIP} -9nf ${page}
        DEPENDS ${target} ${PROJECT_SOURCE_DIR}/cmake/HelpToMan.cmake
        COMMENT "man page ${target}.1"
        VERBATIM)
    add_custom_target(${target}_man ALL DEPENDS ${page}.gz)
    install(FILES ${page}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT ${component})
endfunction()

function(abc_tool_completions target component)
    set(dir ${ABC_TOOL_DOCS_DIR}/completions)
    set(outputs)
    foreach(shell bash zsh fish)
        add_custom_command(OUTPUT ${dir}/${target}.${shell}
            COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
            COMMAND ${ABC_TOOL_RUN} sh -c "\"$0\" completion ${shell} > \"$1\"" $<TARGET_FILE:${target}> ${dir}/${target}.${shell}
            DEPENDS ${target}
            COMMENT "${shell} completion for ${target}"
            VERBATIM)
        list(APPEND outputs ${dir}/${target}.${shell})
    endforeach()
    add_custom_target(${target}_completions ALL DEPENDS ${outputs})
    install(FILES ${dir}/${target}.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME ${target} COMPONENT ${component})
    install(FILES ${dir}/${target}.zsh DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions
        RENAME _${target} COMPONENT ${component})
    install(FILES ${dir}/${target}.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d
        RENAME ${target}.fish COMPONENT ${component})
endfunction()
