# One place that decides the warning set, so every target in the tree gets the same one.
option(ABC_WERROR "Treat warnings as errors (on in CI)" OFF)

function(abc_target_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra)
    if(ABC_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()
