# AddressSanitizer + UndefinedBehaviorSanitizer build variant: applies to every target
# (library, emulator, tests) so a report can come from either side of the wire.
option(ABC_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)

if(ABC_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
    add_link_options(-fsanitize=address,undefined)
endif()

# ThreadSanitizer variant (not combinable with the one above): checks the threading contract
# (one workspace shared by many threads) in the native suites and the stress test.
option(ABC_TSAN "Build with ThreadSanitizer" OFF)
if(ABC_TSAN)
    if(ABC_SANITIZE)
        message(FATAL_ERROR "ABC_TSAN and ABC_SANITIZE exclude each other: use two build folders")
    endif()
    add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
    add_link_options(-fsanitize=thread)
endif()

# libFuzzer targets under tests/fuzz (clang only). Everything is built with coverage
# instrumentation plus ASan/UBSan so the fuzzers see into the library; only the fuzz targets
# link the libFuzzer driver.
option(ABC_FUZZ "Build the libFuzzer targets (needs clang: CC=clang CXX=clang++)" OFF)
if(ABC_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang" OR NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
        message(FATAL_ERROR "ABC_FUZZ needs clang: configure with -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++")
    endif()
    add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                        -fno-sanitize-recover=all)
    add_link_options(-fsanitize=address,undefined)
endif()
