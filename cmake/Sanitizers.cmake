# AddressSanitizer + UndefinedBehaviorSanitizer build variant: applies to every target
# (library, emulator, tests) so a report can come from either side of the wire.
option(ABC_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)

if(ABC_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
    add_link_options(-fsanitize=address,undefined)
endif()
