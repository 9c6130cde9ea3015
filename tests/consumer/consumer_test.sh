#!/usr/bin/env bash
# Consumer checks against an *installed* copy of the build:
#   install      cmake --install into a scratch prefix
#   pkg-config   a C program built with `pkg-config --cflags --libs airbyte_cloud` runs; the
#                Cflags do not carry libpq's include path
#   pkg-config-static  a C program linked with libairbyte_cloud.a and `pkg-config --static --libs`
#                (the C++ runtime, curl, cJSON, libpq, libcrypto, libm, threads) runs, and does not
#                need libairbyte_cloud.so
#   find-package a C-only CMake project using find_package(airbyte_cloud) builds (shared and
#                static target) and runs
#   rpath        the installed airbyte-cloud runs from a non-system prefix without LD_LIBRARY_PATH
#   symbols      nm -D shows only abc_* symbols defined in libairbyte_cloud.so
#   header       the umbrella header and each area header compile alone as strict C99 and as C++17
set -euo pipefail
check=$1 build=$2 source=$3
prefix="$build/consumer-install"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

install_once() {
    cmake --install "$build" --prefix "$prefix" >/dev/null
}

case "$check" in
pkg-config)
    install_once
    export PKG_CONFIG_PATH="$prefix/lib/pkgconfig:$prefix/lib/x86_64-linux-gnu/pkgconfig"
    flags=$(pkg-config --cflags --libs airbyte_cloud)
    echo "pkg-config: $flags"
    # The public headers include no dependency's header: libpq's include path stays out.
    if grep -q postgresql <<<"$(pkg-config --cflags airbyte_cloud)"; then
        echo "Cflags carry libpq's include path: $(pkg-config --cflags airbyte_cloud)"; exit 1
    fi
    cc -std=c99 -Wall -Wextra -Werror "$source/tests/consumer/consumer.c" $flags -o "$scratch/consumer"
    libdir=$(pkg-config --variable=libdir airbyte_cloud)
    LD_LIBRARY_PATH="$libdir" "$scratch/consumer"
    [ "$(pkg-config --modversion airbyte_cloud)" = "$(grep -m1 ABC_VERSION_STRING "$prefix/include/airbyte_cloud/common.h" | cut -d'"' -f2)" ]
    ;;
pkg-config-static)
    install_once
    export PKG_CONFIG_PATH="$prefix/lib/pkgconfig:$prefix/lib/x86_64-linux-gnu/pkgconfig"
    static_libs=$(pkg-config --static --libs airbyte_cloud)
    echo "pkg-config --static --libs: $static_libs"
    # The archive by -Bstatic (the .so sits beside it); everything else from pkg-config --static.
    cc -std=c99 -Wall -Wextra -Werror "$source/tests/consumer/consumer.c" $(pkg-config --cflags airbyte_cloud) \
        -Wl,--as-needed -Wl,-Bstatic -lairbyte_cloud -Wl,-Bdynamic $static_libs -o "$scratch/consumer_static"
    if grep -q 'NEEDED.*libairbyte_cloud' <<<"$(readelf -d "$scratch/consumer_static")"; then
        echo "the static program needs libairbyte_cloud.so"; exit 1
    fi
    "$scratch/consumer_static"
    ;;
rpath)
    install_once
    tool="$prefix/bin/airbyte-cloud"
    [ -x "$tool" ] || { echo "SKIP: airbyte-cloud not built"; exit 0; }
    readelf -d "$tool" | grep -E 'R(UN)?PATH'
    env -u LD_LIBRARY_PATH "$tool" --version
    ;;
find-package)
    install_once
    cmake -S "$source/tests/consumer/find_package" -B "$scratch/build" -DCMAKE_PREFIX_PATH="$prefix" >/dev/null
    cmake --build "$scratch/build" >/dev/null
    libdir=$(dirname "$(find "$prefix" -name 'libairbyte_cloud.so' | head -1)")
    LD_LIBRARY_PATH="$libdir" "$scratch/build/consumer_shared"
    "$scratch/build/consumer_static"
    if grep -q 'NEEDED.*libairbyte_cloud' <<<"$(readelf -d "$scratch/build/consumer_static")"; then
        echo "consumer_static needs libairbyte_cloud.so"; exit 1
    fi
    ;;
symbols)
    library=$(find "$build/src" -maxdepth 1 -name 'libairbyte_cloud.so.*.*' | head -1)
    [ -n "$library" ] || { echo "no libairbyte_cloud.so in $build/src"; exit 1; }
    readelf -d "$library" | grep -q "SONAME.*libairbyte_cloud.so.0" || { echo "SONAME missing"; exit 1; }
    exported=$(nm -D --defined-only "$library" | awk '{print $3}')
    count=$(echo "$exported" | grep -c '^abc_')
    foreign=$(echo "$exported" | grep -v '^abc_' | grep -v '^ABC_0$' || true)
    if [ -n "$foreign" ]; then
        echo "symbols exported that do not start with abc_:"; echo "$foreign" | head -20; exit 1
    fi
    header_count=$(cat "$source"/include/airbyte_cloud/*.h | grep -oE '\babc_[a-z0-9_]+\('  | sort -u | wc -l)
    echo "$count abc_ symbols exported, $header_count functions declared in the header"
    [ "$count" -eq "$header_count" ] || { echo "exported and declared functions differ:";
        diff <(echo "$exported" | sort) <(cat "$source"/include/airbyte_cloud/*.h | grep -oE '\babc_[a-z0-9_]+\('  | tr -d '(' | sort -u); exit 1; }
    ;;
header)
    # The umbrella and every area header, each as the only include of a translation unit.
    headers=(airbyte_cloud.h)
    for area in "$source"/include/airbyte_cloud/*.h; do headers+=("airbyte_cloud/$(basename "$area")"); done
    for header in "${headers[@]}"; do
        printf '#include <%s>\nint main(void) { return abc_version_number() == 0; }\n' "$header" > "$scratch/h.c"
        cc -std=c99 -Wall -Wextra -pedantic -Werror -I"$source/include" -c "$scratch/h.c" -o "$scratch/c.o"
        c++ -x c++ -std=c++17 -Wall -Wextra -pedantic -Werror -I"$source/include" -c "$scratch/h.c" -o "$scratch/cpp.o"
        c++ -x c++ -std=c++11 -Wall -Wextra -pedantic -Werror -I"$source/include" -c "$scratch/h.c" -o "$scratch/cpp.o"
        echo "$header compiles alone as C99, C++11 and C++17"
    done
    # No header grows past a page a reader can hold: split an area before it does.
    oversized=$(wc -l "$source"/include/airbyte_cloud.h "$source"/include/airbyte_cloud/*.h | awk '$2 != "total" && $1 > 450')
    [ -z "$oversized" ] || { echo "headers over 450 lines: $oversized"; exit 1; }
    ;;
*)
    echo "usage: $0 pkg-config|pkg-config-static|find-package|rpath|symbols|header BUILD SOURCE" >&2; exit 2 ;;
esac
