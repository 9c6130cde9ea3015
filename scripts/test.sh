#!/usr/bin/env bash
# The test command: installs what is missing, builds with -Werror, starts PostgreSQL on loopback,
# runs every ctest label, builds and checks the Debian packages (tests/packaging/deb_test.sh:
# apt-get install, quick start, lintian, removal), then builds again with AddressSanitizer +
# UndefinedBehaviorSanitizer and with ThreadSanitizer and runs the native suites there, runs each
# fuzz target briefly (when clang is there), and stops what it started. Each test starts its own
# emulator.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
jobs=$(nproc)

scripts/install-deps.sh bindings
if [ -x tests/conformance/install-prism.sh ]; then
    tests/conformance/install-prism.sh
fi

export ABC_PG_DIR=${ABC_PG_DIR:-/tmp/abc-postgres-$$}
trap 'scripts/postgres.sh stop' EXIT
# Assigned first so that a failure to start stops the run (set -e ignores it inside eval "$(...)").
postgres_environment=$(scripts/postgres.sh start)
eval "$postgres_environment"

echo "== build (warnings are errors)"
cmake -S . -B build/test -DABC_WERROR=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build/test -j"$jobs"
echo "== tests"
ctest --test-dir build/test --output-on-failure -j"$jobs" --timeout 600 2>&1 | tee build/test/ctest.log

echo "== Debian packages: build, apt-get install, quick start, lintian, remove"
bash tests/packaging/deb_test.sh "$root/build/deb" "$root/build/test"

echo "== build with AddressSanitizer + UndefinedBehaviorSanitizer"
# Bindings load the library into Go, Ruby and Mono runtimes, which cannot host ASan; the native
# suites are what the sanitizers instrument.
cmake -S . -B build/sanitize -DABC_WERROR=ON -DABC_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug \
    -DABC_BUILD_BENCH=OFF -DABC_BUILD_BINDINGS=OFF >/dev/null
cmake --build build/sanitize -j"$jobs"
echo "== tests under sanitizers"
# Conformance runs go through Node (Prism) and add nothing the sanitizers can see; consumer
# checks link plain programs against the library, which an instrumented library cannot serve.
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build/sanitize --output-on-failure -j"$jobs" --timeout 900 \
    -LE 'conformance|consumer' 2>&1 | tee build/sanitize/ctest.log
echo "== build with ThreadSanitizer"
# The threading contract (one workspace shared by many threads): the native unit and integration
# suites, including the 16-thread stress test (integration.stress.shared_workspace).
cmake -S . -B build/tsan -DABC_WERROR=ON -DABC_TSAN=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DABC_BUILD_BENCH=OFF -DABC_BUILD_BINDINGS=OFF -DABC_BUILD_EXAMPLES=OFF >/dev/null
cmake --build build/tsan -j"$jobs"
echo "== tests under ThreadSanitizer"
TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1:suppressions="$root/tests/tsan.supp" \
    ctest --test-dir build/tsan --output-on-failure -j"$jobs" --timeout 900 \
    -L 'unit|integration|emulator' -LE consumer 2>&1 | tee build/tsan/ctest.log
if command -v clang >/dev/null 2>&1; then
    echo "== fuzz targets (libFuzzer, clang), a few seconds each"
    CC=clang CXX=clang++ cmake -S . -B build/fuzz -DABC_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DABC_BUILD_BENCH=OFF -DABC_BUILD_BINDINGS=OFF -DABC_BUILD_EXAMPLES=OFF >/dev/null
    cmake --build build/fuzz -j"$jobs" --target $(cd tests/fuzz && ls fuzz_*.c* | sed 's/\.c.*$//')
    ctest --test-dir build/fuzz --output-on-failure -j"$jobs" -L fuzz 2>&1 | tee build/fuzz/ctest.log
fi
echo "== the demo, as README's first command runs it"
bash scripts/demo.sh
# Reached only when every stage passed (set -e, pipefail): the totals of both ctest runs.
count() { grep -oE 'tests failed out of [0-9]+' "$1" | tail -1 | grep -oE '[0-9]+$'; }
echo "== all tests passed ($root)"
total=$(($(count build/test/ctest.log) + $(count build/sanitize/ctest.log) + $(count build/tsan/ctest.log)))
[ -f build/fuzz/ctest.log ] && total=$((total + $(count build/fuzz/ctest.log)))
echo "ctest: $total passed, 0 failed"
