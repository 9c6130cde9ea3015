#!/usr/bin/env bash
# Runs every libFuzzer target for a given time, all at once (one process each), over a scratch
# copy of its committed seeds; prints each target's executions, coverage and features, and exits
# non-zero when any target found a crash (the reproducer is left in build/fuzz/findings/).
#   scripts/fuzz.sh [SECONDS] [TARGET...]   default 60 s, every target; builds build/fuzz with
#                                           clang first
set -euo pipefail
seconds=${1:-60}
shift $(($# > 0 ? 1 : 0))
root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build/fuzz"
cd "$root"
if [ ! -f "$build/CMakeCache.txt" ]; then
    CC=clang CXX=clang++ cmake -S . -B "$build" -DABC_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
        -DABC_BUILD_BENCH=OFF -DABC_BUILD_BINDINGS=OFF -DABC_BUILD_EXAMPLES=OFF >/dev/null
fi
targets=${*:-$(cd tests/fuzz && ls fuzz_*.c* | sed 's/\.c.*$//')}
for target in $targets; do
    ls tests/fuzz/"$target".c* >/dev/null 2>&1 || { echo "fuzz.sh: no fuzz target '$target' in tests/fuzz" >&2; exit 2; }
done
cmake --build "$build" -j"$(nproc)" --target $targets >/dev/null

mkdir -p "$build/findings" "$build/logs"
pids=()
for target in $targets; do
    [ -x "$build/tests/fuzz/$target" ] || { echo "$target: not built (reader switched off?)"; continue; }
    corpus="$build/corpus/$target"
    mkdir -p "$corpus"
    cp -r "tests/fuzz/corpus/$target/." "$corpus/" 2>/dev/null || true
    "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -close_fd_mask=3 -print_final_stats=1 -artifact_prefix="$build/findings/$target-" "$corpus" \
        >"$build/logs/$target.log" 2>&1 &
    pids+=($!)
done
status=0
for pid in "${pids[@]}"; do wait "$pid" || status=1; done

printf '%-26s %12s %8s %8s %8s  %s\n' target execs exec/s cov ft result
for target in $targets; do
    log="$build/logs/$target.log"
    [ -f "$log" ] || continue
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
    last=$(grep -E '^#[0-9]+' "$log" | tail -n1 || true)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    result=ok
    grep -qE 'ERROR: (libFuzzer|AddressSanitizer|UndefinedBehaviorSanitizer)|runtime error' "$log" && result=CRASH
    printf '%-26s %12s %8s %8s %8s  %s\n' "$target" "${execs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "$result"
    [ "$result" = ok ] || status=1
done
exit $status
