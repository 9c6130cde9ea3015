#!/usr/bin/env bash
# Measures airbyte-cloud-emulator serving GET /v1/jobs/{id} over one keep-alive connection.
#   bench/emulator/run.sh BUILD_DIR [REQUESTS]
# Builds nothing: BUILD_DIR must hold tools/emulator/airbyte-cloud-emulator and
# bench/emulator/bench_emulator_jobs (cmake --build BUILD_DIR --target airbyte-cloud-emulator bench_emulator_jobs).
set -euo pipefail
build=${1:?usage: run.sh BUILD_DIR [REQUESTS]}
requests=${2:-50000}
emulator="$build/tools/emulator/airbyte-cloud-emulator"
bench="$build/bench/emulator/bench_emulator_jobs"
for binary in "$emulator" "$bench"; do
    [ -x "$binary" ] || { echo "run.sh: $binary is missing; build it first" >&2; exit 2; }
done

work=$(mktemp -d)
emulator_pid=
cleanup() {
    [ -n "$emulator_pid" ] && kill "$emulator_pid" 2>/dev/null && wait "$emulator_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
. "$(dirname "$0")/../emulator_session.sh"
start_emulator "$emulator" "$work"

post sources "{\"name\":\"bench\",\"workspaceId\":\"$workspace\",\"configuration\":{\"sourceType\":\"faker\",\"count\":100,\"seed\":1}}"
source=$(field sourceId "$work/response")
post destinations "{\"name\":\"bench\",\"workspaceId\":\"$workspace\",\"configuration\":{\"destinationType\":\"dev-null\",\"test_destination\":{\"test_destination_type\":\"SILENT\"}}}"
destination=$(field destinationId "$work/response")
post connections "{\"sourceId\":\"$source\",\"destinationId\":\"$destination\"}"
connection=$(field connectionId "$work/response")
post jobs "{\"connectionId\":\"$connection\",\"jobType\":\"sync\"}"
job=$(field jobId "$work/response")
[ -n "$job" ] || { echo "run.sh: could not start a job: $(cat "$work/response")" >&2; exit 1; }

echo "emulator $url, job $job, $(nproc) CPU(s)"
"$bench" "$url" "$key" "$job" "$requests"
