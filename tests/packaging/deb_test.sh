#!/usr/bin/env bash
# The Debian packages as a user gets them: builds them (CPack, a build configured for /usr),
# installs them with `apt-get install ./*.deb`, then with nothing else set up (no
# LD_LIBRARY_PATH, no PKG_CONFIG_PATH):
#   - compiles README's C quick start with pkg-config and with find_package (shared, and the
#     static target from a C-only project) and runs each against the installed emulator;
#   - checks the installed CLI, its man page (man-db), bash completion and the emulator's man page;
#   - runs lintian on the packages: any error or warning fails (the two accepted warnings are
#     overridden, with the reason, in packaging/debian/libairbyte-cloud0.lintian-overrides).
# Removes the packages again on exit. Needs root (or sudo) and a machine where these packages are
# not installed already (CI: a fresh Debian 12). Called by scripts/test.sh; runs alone as
#   bash tests/packaging/deb_test.sh [BUILD_DIR [BINDINGS_BUILD_DIR]]     (default build/deb)
# With BINDINGS_BUILD_DIR (a build with bindings, e.g. build/test), the Go module, the gem and the
# NuGet package made there are installed and run their quick starts on the installed library.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
build=$(realpath -m "${1:-$root/build/deb}") # absolute: apt-get takes ./x.deb or /x.deb, not x/y.deb
packages=(libairbyte-cloud0 libairbyte-cloud-dev airbyte-cloud airbyte-cloud-emulator)
sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
unset LD_LIBRARY_PATH PKG_CONFIG_PATH CMAKE_PREFIX_PATH

for package in "${packages[@]}"; do
    if [ "$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null)" = "install ok installed" ]; then
        echo "deb_test.sh: $package is installed already; remove it first (this test removes what it installs)" >&2
        exit 1
    fi
done

echo "== build the packages ($build)"
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$build" -DCMAKE_INSTALL_PREFIX=/usr -DCMAKE_BUILD_TYPE=RelWithDebInfo -DABC_WERROR=ON \
    -DABC_BUILD_TESTS=OFF -DABC_BUILD_BINDINGS=OFF -DABC_BUILD_BENCH=OFF -DABC_BUILD_EXAMPLES=OFF \
    "${launcher[@]}" >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
rm -rf "$build/packages"
(cd "$build" && cpack >/dev/null)
debs=("$build"/packages/*.deb)
printf '  %s\n' "${debs[@]##*/}"

work=$(mktemp -d)
. tests/support/emulator.sh
cleanup() {
    emulator_stop
    rm -rf "$work"
    echo "== remove the packages"
    $sudo apt-get purge -y -qq "${packages[@]}" >/dev/null 2>&1 || true
}
trap cleanup EXIT

echo "== apt-get install ./*.deb"
$sudo apt-get install -y -qq "${debs[@]}" >/dev/null
dpkg-query -W "${packages[@]}"

echo "== lintian"
lintian --fail-on error,warning "${debs[@]}"
echo "lintian: no errors, no warnings"

echo "== the C quick start against the installed packages"
doc_block README.md quickstart > "$work/quickstart.c"
emulator_start /usr/bin/airbyte-cloud-emulator "$work"
connection=$(emulator_connection deb)
run_quickstart() { # NAME BINARY
    "$2" "$connection" | tee "$work/$1.txt"
    expect_quickstart_output "$work/$1.txt"
    echo "  $1: ran with no LD_LIBRARY_PATH"
}
cc -std=c99 -Wall -Werror "$work/quickstart.c" $(pkg-config --cflags --libs airbyte_cloud) -o "$work/qs-pkg-config"
run_quickstart pkg-config "$work/qs-pkg-config"
cmake -S tests/consumer/find_package -B "$work/find_package" -DCONSUMER_SOURCE="$work/quickstart.c" >/dev/null
cmake --build "$work/find_package" >/dev/null
run_quickstart find_package-shared "$work/find_package/consumer_shared"
run_quickstart find_package-static-C "$work/find_package/consumer_static"

echo "== the tools"
airbyte-cloud --version
airbyte-cloud jobs list "$connection" >/dev/null
man -P cat airbyte-cloud > "$work/man.txt" 2>/dev/null
head -5 "$work/man.txt"
grep -q "airbyte-cloud sync" "$work/man.txt" || { echo "FAIL: man airbyte-cloud has no sync command"; exit 1; }
man -P cat airbyte-cloud-emulator > "$work/man-emulator.txt" 2>/dev/null
grep -q -- "--port" "$work/man-emulator.txt" ||
    { echo "FAIL: man airbyte-cloud-emulator does not render"; exit 1; }
bash -c '. /usr/share/bash-completion/completions/airbyte-cloud
    COMP_WORDS=(airbyte-cloud jo); COMP_CWORD=1; _airbyte_cloud
    [ "${COMPREPLY[*]}" = jobs ]' || { echo "FAIL: installed bash completion does not complete jo -> jobs"; exit 1; }
echo "man pages render; bash completion completes"

# The bindings' own packages on top of the installed library, when a build with bindings made
# them (scripts/test.sh passes its build): no PKG_CONFIG_PATH, no LD_LIBRARY_PATH.
bindings_build=${2:+$(realpath -m "$2")}
if [ -n "$bindings_build" ]; then
    echo "== the bindings' packages against the installed library ($bindings_build)"
    version=$(dpkg-query -W -f='${Version}' libairbyte-cloud0)
    proxy=$bindings_build/bindings/go/goproxy
    if [ -d "$proxy" ]; then
        bash bindings/go/module_test.sh "$proxy" github.com/airbyte-cloud/libairbyte_cloud/bindings/go \
            "v$version" "$root/docs/BINDINGS.md" /usr/bin/airbyte-cloud-emulator "" "$work/gocache" \
            "$(command -v go)" "$(command -v swig)" | tail -1
    fi
    gem=$bindings_build/bindings/ruby/gem/airbyte_cloud-$version.gem
    if [ -f "$gem" ]; then
        ABC_EMULATOR=/usr/bin/airbyte-cloud-emulator ruby bindings/ruby/test/quickstart.rb \
            "$root/docs/BINDINGS.md" "" "$gem" | tail -1
    fi
    nupkg_dir=$bindings_build/bindings/csharp/nuget
    if [ -f "$nupkg_dir/AirbyteCloud.$version.nupkg" ]; then
        bash bindings/csharp/nuget/package_test.sh "$nupkg_dir" "$version" "$root/docs/BINDINGS.md" \
            /usr/bin/airbyte-cloud-emulator "" | tail -1
    fi
fi
echo "== Debian packages: OK"
