#!/usr/bin/env bash
# Runs every benchmark of bench/ against airbyte-cloud-emulator on loopback and writes the results.
#
#   bench/run.sh [--build DIR] [--smoke] [--output FILE]
#
#   --build DIR    a configured and built tree (default: ./build); nothing is built here. It must
#                  hold the library, tools/emulator/airbyte-cloud-emulator and bench/core/bench_*:
#                  cmake --build DIR --target airbyte_cloud airbyte-cloud-emulator bench_calls \
#                      bench_completion bench_fanout bench_budget bench_listing bench_footprint bench_dlopen
#   --smoke        tiny sizes (a few hundred requests, 3 fan-out jobs, sub-second jobs), well under a
#                  minute; proves the script works, the figures mean nothing. Writes to a temporary
#                  file unless --output is given, never to bench/RESULTS.md.
#   --output FILE  where the Markdown goes (default: bench/RESULTS.md for a full run).
#
# One emulator serves every benchmark (state reset between them); it stops when this script ends,
# however it ends. A full run takes about 6 minutes on the project's 2-core machine.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
build=$repo/build
smoke=0
output=
while [ $# -gt 0 ]; do
    case $1 in
        --build) build=${2:?--build needs a directory}; shift 2 ;;
        --build=*) build=${1#--build=}; shift ;;
        --smoke) smoke=1; shift ;;
        --output) output=${2:?--output needs a file}; shift 2 ;;
        --output=*) output=${1#--output=}; shift ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
build=$(cd "$build" && pwd)

emulator=$build/tools/emulator/airbyte-cloud-emulator
bin=$build/bench/core
library=$(ls "$build"/src/libairbyte_cloud.so.*.*.* 2>/dev/null | head -n 1 || true)
for binary in "$emulator" "$bin/bench_calls" "$bin/bench_completion" "$bin/bench_fanout" "$bin/bench_budget" \
              "$bin/bench_listing" "$bin/bench_footprint" "$bin/bench_dlopen"; do
    [ -x "$binary" ] || { echo "run.sh: $binary is missing; build it first (see --help)" >&2; exit 2; }
done
[ -n "$library" ] || { echo "run.sh: no libairbyte_cloud.so.X.Y.Z in $build/src" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/abc-bench.XXXXXX")
if [ -z "$output" ]; then
    if [ $smoke = 1 ]; then output=$work/RESULTS.smoke.md; else output=$repo/bench/RESULTS.md; fi
fi
emulator_pid=
watchdog_pid=
cleanup() {
    if [ -n "$emulator_pid" ]; then
        kill "$emulator_pid" 2>/dev/null || true
        wait "$emulator_pid" 2>/dev/null || true
    fi
    if [ -n "$watchdog_pid" ]; then
        kill "$watchdog_pid" 2>/dev/null || true
        wait "$watchdog_pid" 2>/dev/null || true
    fi
    if [ $smoke = 1 ] && [ "$output" = "$work/RESULTS.smoke.md" ] && [ -f "$output" ]; then
        cat "$output"
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Sizes.
if [ $smoke = 1 ]; then
    calls_args=(300 100 2)
    completion_args=(300,1000 1 2 500)
    fanout_args=(3 1000)
    budget_args=(3 10 9 500)
    listing_args=(300)
    footprint_args=(1000 3)
    step_timeout=60
else
    calls_args=(20000 5000 5)
    completion_args=(1000,10000,60000 3 8 2000)
    fanout_args=(500 10000)
    budget_args=(20 10 9 5000)
    listing_args=(10000)
    footprint_args=(100000 11)
    step_timeout=400
fi

started=$(date +%s)
load_before=$(uptime)

# The emulator: loopback, a free port, 256 workers (each open keep-alive connection holds one; the
# completion benchmark keeps ~70 waits going at once). The watchdog stops it if this script is
# killed without running its EXIT trap.
"$emulator" --port 0 --quiet --threads 256 --ready-file "$work/ready" >/dev/null &
emulator_pid=$!
( while kill -0 $$ 2>/dev/null; do sleep 1; done; kill "$emulator_pid" 2>/dev/null ) &
watchdog_pid=$!
for _ in $(seq 1 1000); do [ -s "$work/ready" ] && break; sleep 0.01; done
[ -s "$work/ready" ] || { echo "run.sh: the emulator did not start" >&2; exit 1; }
field() { sed -n "s/.*\"$1\":\"\\{0,1\\}\\([^\",}]*\\).*/\\1/p" "$work/ready"; }
url=$(field url)
key=$(field apiKey)
workspace=$(field workspaceId)
[ -n "$url" ] && [ -n "$key" ] && [ -n "$workspace" ] || { echo "run.sh: bad ready file" >&2; exit 1; }

export BENCH_SUMMARY=$work/summary
: >"$BENCH_SUMMARY"
failures=0

# note_failure NAME STATUS WHO: counts a failure and appends it, with the end of $work/NAME.err, to
# $work/NAME.md ("WHO failed (exit status STATUS)").
note_failure() {
    failures=$((failures + 1))
    {
        echo
        echo "**$3 failed (exit status $2).** Its error output ended with:"
        echo
        echo '```'
        tail -n 20 "$work/$1.err"
        echo '```'
    } >>"$work/$1.md"
}

# step NAME PROGRAM ARGS...: resets the emulator, runs the program with the emulator's address,
# keeps its Markdown (stdout) in $work/NAME.md and how long it took in $work/NAME.seconds.
step() {
    local name=$1
    shift
    curl -fsS -X POST "$url/_emulator/reset" >/dev/null
    local t0 status=0
    t0=$(date +%s.%N)
    echo "run.sh: $name ..." >&2
    timeout --kill-after=10 "$step_timeout" "$@" "$url" "$key" "$workspace" "${step_args[@]}" \
        >"$work/$name.md" 2>"$work/$name.err" || status=$?
    awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }' >"$work/$name.seconds"
    if [ $status != 0 ]; then
        note_failure "$name" $status "This benchmark"
        echo "run.sh: $name failed (exit $status); see the results" >&2
    fi
}

step_args=("${calls_args[@]}");      step calls "$bin/bench_calls"
step_args=("${completion_args[@]}"); step completion "$bin/bench_completion"
step_args=("${fanout_args[@]}");     step fanout "$bin/bench_fanout"
step_args=("${budget_args[@]}");     step budget "$bin/bench_budget"
step_args=("${listing_args[@]}");    step listing "$bin/bench_listing"
step_args=("$library" "$bin/bench_dlopen" "${footprint_args[@]}"); step footprint "$bin/bench_footprint"

# 6. Reading: the datasets engineer's benchmark, when it exists.
datasets_script=$repo/bench/datasets/run.sh
if [ $smoke = 1 ]; then
    echo "Not run in smoke mode." >"$work/datasets.md"
elif [ -f "$datasets_script" ]; then
    echo "run.sh: datasets ..." >&2
    t0=$(date +%s.%N)
    status=0
    timeout --kill-after=10 600 bash "$datasets_script" "$build" >"$work/datasets.out" 2>"$work/datasets.err" || status=$?
    awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }' >"$work/datasets.seconds"
    {
        echo "\`bench/datasets/run.sh $build\` (the datasets engineer's script), its output as printed:"
        echo
        echo '```'
        cat "$work/datasets.out"
        echo '```'
    } >"$work/datasets.md"
    [ $status = 0 ] || note_failure datasets $status It
else
    echo "Not there yet: bench/datasets/run.sh does not exist at this commit (the datasets engineer is writing it). This script runs it as soon as it does." >"$work/datasets.md"
fi

# 7. The Python package against the PyAirbyte way (bench/bindings/python/bench.py), when the
# package is built; it starts its own emulator.
python_package=$build/bindings/python/package
python=$(command -v /usr/bin/python3 || command -v python3 || true)
if [ -n "$python" ] && [ -f "$python_package/airbyte_cloud/capi.py" ]; then
    echo "run.sh: python ..." >&2
    python_args=()
    [ $smoke = 1 ] && python_args=(--smoke)
    status=0
    t0=$(date +%s.%N)
    ABC_EMULATOR=$emulator PYTHONPATH=$python_package timeout --kill-after=10 600 \
        "$python" "$repo/bench/bindings/python/bench.py" "${python_args[@]}" \
        >"$work/python.md" 2>"$work/python.err" || status=$?
    awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }' >"$work/python.seconds"
    if [ $status != 0 ]; then
        failures=$((failures + 1))
        { echo; echo "bench.py failed (exit $status):"; echo '```'; tail -n 20 "$work/python.err"; echo '```'; } >>"$work/python.md"
    fi
else
    echo "Not run: the Python package is not built in $build (bindings/python)." >"$work/python.md"
fi

# Context: the emulator's own throughput on its hottest call (bench/emulator, another engineer's),
# when built; it starts its own emulator.
if [ $smoke = 0 ] && [ -x "$build/bench/emulator/bench_emulator_jobs" ] && [ -f "$repo/bench/emulator/run.sh" ]; then
    echo "run.sh: emulator throughput ..." >&2
    status=0
    timeout --kill-after=10 120 bash "$repo/bench/emulator/run.sh" "$build" 20000 >"$work/emulator.out" 2>&1 || status=$?
    {
        echo "\`bench/emulator/run.sh $build 20000\` (GET /v1/jobs/{id} over one keep-alive connection, the floor's"
        echo "server side)$([ $status != 0 ] && echo ", **failed (exit status $status)**"):"
        echo
        echo '```'
        cat "$work/emulator.out"
        echo '```'
    } >"$work/emulator.md"
fi

finished=$(date +%s)
load_after=$(uptime)
seconds() { cat "$work/$1.seconds" 2>/dev/null || echo "–"; }

# ---------------------------------------------------------------------------------------------
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
commit_date=$(git -C "$repo" log -1 --format=%cI 2>/dev/null || echo unknown)
dirty=$(git -C "$repo" status --porcelain --untracked-files=no 2>/dev/null | grep -vc ' bench/' || true)
cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
memory=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
load1_before=$(echo "$load_before" | sed 's/.*load average: \([0-9.]*\).*/\1/')
load1_after=$(echo "$load_after" | sed 's/.*load average: \([0-9.]*\).*/\1/')
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null)
compiler=$(sed -n 's/^CMAKE_C_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt" 2>/dev/null)

{
    echo "# Benchmarks"
    echo
    if [ $smoke = 1 ]; then
        echo "**Smoke run (tiny sizes): these figures prove the script works and mean nothing.**"
        echo
    fi
    echo "Written by \`bench/run.sh\` (issue 8): the library against the wire's floor and against PyAirbyte's way"
    echo "of working, measured side by side in one run against \`airbyte-cloud-emulator\` on loopback."
    echo
    echo "| | |"
    echo "|---|---|"
    echo "| date | $(date -u -d "@$started" '+%Y-%m-%d %H:%M UTC') |"
    echo "| commit | \`$commit\` ($commit_date)$([ "${dirty:-0}" != 0 ] && echo "; the shared working tree, which the build used, also held $dirty uncommitted change(s) of other engineers outside bench/") |"
    echo "| machine | $(nproc) CPU(s), $cpu_model, $memory RAM, $(uname -sr) |"
    echo "| build | ${build_type:-?}, $(basename "${compiler:-cc}") $("${compiler:-cc}" -dumpversion 2>/dev/null), libcurl $(curl-config --version 2>/dev/null | sed 's/libcurl //') |"
    echo "| load (uptime) before | \`$(echo "$load_before" | sed 's/^ *//')\` |"
    echo "| load (uptime) after | \`$(echo "$load_after" | sed 's/^ *//')\` |"
    echo "| whole run | $((finished - started)) s |"
    echo
    if awk -v a="$load1_before" -v b="$load1_after" -v n="$(nproc)" 'BEGIN { exit !(a > n || b > n) }'; then
        echo "**The machine was shared and busy:** a 1-minute load average of $load1_before before and $load1_after"
        echo "after, on $(nproc) CPUs: other engineers were compiling and running test suites at the same time. Absolute"
        echo "times are inflated and noisy; the ratios are measured side by side (interleaved, medians of rounds) for"
        echo "that reason, and request counts, memory and sizes do not depend on load."
        echo
    fi
    echo "## Summary"
    echo
    echo "| figure | value | target | verdict |"
    echo "|---|---|---|---|"
    cat "$BENCH_SUMMARY"
    echo
    echo "## 1. Per-call overhead ($(seconds calls) s)"
    echo
    cat "$work/calls.md"
    echo
    echo "## 2. Completion detection ($(seconds completion) s)"
    echo
    cat "$work/completion.md"
    echo
    echo "## 3. Fan-out ($(seconds fanout) s)"
    echo
    cat "$work/fanout.md"
    echo
    echo "## 8. Request budget ($(seconds budget) s)"
    echo
    cat "$work/budget.md"
    echo
    echo "## 4. Listing ($(seconds listing) s)"
    echo
    cat "$work/listing.md"
    echo
    echo "## 5. Footprint ($(seconds footprint) s)"
    echo
    cat "$work/footprint.md"
    echo
    echo "## 6. Reading (datasets)"
    echo
    cat "$work/datasets.md"
    echo
    echo "## 7. Python: the package against the PyAirbyte way ($(seconds python) s)"
    echo
    cat "$work/python.md"
    if [ -f "$work/emulator.md" ]; then
        echo
        echo "## Context: the emulator's throughput"
        echo
        cat "$work/emulator.md"
    fi
    if [ -f "$here/core/ANALYSIS.md" ] && [ $smoke = 0 ]; then
        echo
        cat "$here/core/ANALYSIS.md"
    fi
} >"$output"

echo "run.sh: wrote $output in $((finished - started)) s ($failures failure(s))" >&2
[ $failures = 0 ]
