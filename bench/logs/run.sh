#!/usr/bin/env bash
# Attempt-log read benchmark (not a test): the emulator runs a job whose attempt log has LINES
# filler lines (default 1,000,000; about 100 MB of JSON), and the library reads that log through
# abc_job_logs_read (Config API /v1/attempt/get_for_job, streamed). Reports lines/s and the
# reader's peak RSS; fails when the RSS reaches 32 MB or a line is missing.
#
#   bench/logs/run.sh BUILD_DIR [LINES]
#
# Builds nothing: BUILD_DIR must hold src/libairbyte_cloud.so, tools/emulator/airbyte-cloud-emulator
# and bench/logs/bench_logs_read (cmake --build BUILD_DIR --target airbyte-cloud-emulator bench_logs_read).
set -euo pipefail
build=$(cd "${1:?usage: run.sh BUILD_DIR [LINES]}" && pwd)
lines=${2:-1000000}
emulator=$build/tools/emulator/airbyte-cloud-emulator
bench=$build/bench/logs/bench_logs_read
for binary in "$emulator" "$bench"; do
    [ -x "$binary" ] || { echo "run.sh: $binary is missing; build it first (see the header)" >&2; exit 2; }
done
work=$(mktemp -d "${TMPDIR:-/tmp}/abc-bench-logs.XXXXXX")
emulator_pid=
cleanup() {
    if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

"$emulator" --port 0 --quiet --job-duration-ms 200 --ready-file "$work/ready" >/dev/null 2>&1 &
emulator_pid=$!
for _ in $(seq 1 500); do [ -s "$work/ready" ] && break; sleep 0.01; done
[ -s "$work/ready" ] || { echo "run.sh: the emulator did not start" >&2; exit 1; }
field() { sed -n "s/.*\"$1\":\"\\{0,1\\}\\([^\",}]*\\).*/\\1/p" "$2"; }
url=$(field url "$work/ready")
key=$(field apiKey "$work/ready")
workspace=$(field workspaceId "$work/ready")
api() { curl -sf -H "Authorization: Bearer $key" -H 'Content-Type: application/json' "$url$1" -d "$2"; }
id_of() { sed -n "s/.*\"$1\":\"\\{0,1\\}\\([^\",}]*\\).*/\\1/p"; }

source=$(api /v1/sources '{"name":"faker","workspaceId":"'"$workspace"'","configuration":{"sourceType":"faker","count":10}}' | id_of sourceId)
destination=$(api /v1/destinations '{"name":"lake","workspaceId":"'"$workspace"'","configuration":{"destinationType":"duckdb","destination_path":"/local/bench.duckdb"}}' | id_of destinationId)
connection=$(api /v1/connections '{"sourceId":"'"$source"'","destinationId":"'"$destination"'"}' | id_of connectionId)
curl -sf "$url/_emulator/connections/$connection/behaviour" -d '{"outcome":"succeeded","durationMs":200,"logLines":'"$lines"'}'
job=$(api /v1/jobs '{"connectionId":"'"$connection"'","jobType":"sync"}' | id_of jobId)
for _ in $(seq 1 100); do
    curl -sf -H "Authorization: Bearer $key" "$url/v1/jobs/$job" | grep -q '"status":"succeeded"' && break
    sleep 0.1
done

# The log: 3 lines before the filler, 1 after it (the job succeeded).
echo "== reading the $((lines + 4))-line log of job $job through the library"
"$bench" "$url/v1" "$key" "$workspace" "$job" $((lines + 4)) 32
