#!/usr/bin/env bash
# Captures seed inputs for the fuzz targets from the emulator's real responses (a workspace, a
# source, a destination, a connection, jobs one by one and as a page, stream catalogs, problem
# bodies of 400/404/409; the Config API's attempts with and without failures, attempt logs,
# state, configured catalog and connector checks) and writes them, prefixed with each target's selector byte, under
# tests/fuzz/corpus/. Warehouse pages and Postgres values come from the shapes the dataset tests
# serve. Run from a built tree:  scripts/fuzz-seeds.sh [BUILD_DIR]   (default build/dev)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/dev}
emulator="$build/tools/emulator/airbyte-cloud-emulator"
corpus="$root/tests/fuzz/corpus"
port=$((20000 + RANDOM % 20000))
key=seed-key
workspace=9f5cdd2a-1d6e-4c3b-9a57-3d0c5b6e7f80
"$emulator" --port "$port" --api-key "$key" --workspace "$workspace" --job-duration-ms 50 --quiet >/dev/null &
emulator_pid=$!
trap 'kill $emulator_pid 2>/dev/null || true' EXIT
api="http://127.0.0.1:$port/v1"
for _ in $(seq 50); do curl -sf "$api/health" >/dev/null && break; sleep 0.1; done
call() { curl -s -H "Authorization: Bearer $key" -H 'Content-Type: application/json' "$@"; }

# seed TARGET NAME SELECTOR(octal, "" for none) < body
seed() {
    mkdir -p "$corpus/$1"
    { [ -n "$3" ] && printf "\\$3"; cat; } >"$corpus/$1/$2"
}

source=$(call "$api/sources" -d '{"name":"faker","workspaceId":"'$workspace'","configuration":{"sourceType":"faker","count":10,"seed":1}}')
source_id=$(jq -r .sourceId <<<"$source")
destination=$(call "$api/destinations" -d '{"name":"lake","workspaceId":"'$workspace'","configuration":{"destinationType":"duckdb","destination_path":"/local/x.duckdb"}}')
destination_id=$(jq -r .destinationId <<<"$destination")
connection=$(call "$api/connections" -d '{"sourceId":"'$source_id'","destinationId":"'$destination_id'"}')
connection_id=$(jq -r .connectionId <<<"$connection")
job=$(call "$api/jobs" -d '{"connectionId":"'$connection_id'","jobType":"sync"}')
sleep 0.3
job_done=$(call "$api/jobs/$(jq .jobId <<<"$job")")
call "$api/jobs" -d '{"connectionId":"'$connection_id'","jobType":"sync"}' >/dev/null
sleep 0.3
page=$(call "$api/jobs?connectionId=$connection_id&orderBy=createdAt%7CDESC&limit=5")

seed fuzz_api_responses job_started 000 <<<"$job"
seed fuzz_api_responses job_finished 000 <<<"$job_done"
seed fuzz_api_responses connection 001 <<<"$connection"
seed fuzz_api_responses workspace 002 < <(call "$api/workspaces/$workspace")
seed fuzz_api_responses source 003 <<<"$source"
seed fuzz_api_responses destination 004 <<<"$destination"
seed fuzz_api_responses workspace_details 005 < <(call "$api/workspaces/$workspace")
seed fuzz_api_responses streams 006 < <(call "$api/streams?sourceId=$source_id" | jq -c '{streams: .}')
seed fuzz_api_responses jobs_page 007 <<<"$page"

# The Config API (its own root, every operation a POST): selector = parser (see the target).
config_api="http://127.0.0.1:$port/api/v1"
config() { call "$config_api/$1" -d "$2"; }
config_seed() { seed fuzz_config_api_responses "$1" "$2" < <(config "$3" "$4"); }
config_seed attempts_succeeded 000 jobs/get_without_logs '{"id":'"$(jq .jobId <<<"$job")"'}'
call "http://127.0.0.1:$port/_emulator/connections/$connection_id/behaviour" \
    -d '{"outcome":"failed","failureOrigin":"source","failureMessage":"The source refused the credentials."}' >/dev/null
failed=$(call "$api/jobs" -d '{"connectionId":'"$(jq .connectionId <<<"$connection")"',"jobType":"sync"}')
sleep 0.3
config_seed attempts_failed 000 jobs/get_without_logs '{"id":'"$(jq .jobId <<<"$failed")"'}'
config_seed state 001 state/get '{"connectionId":"'$connection_id'"}'
config_seed state_saved 001 state/create_or_update '{"connectionId":"'$connection_id'","connectionState":{"stateType":"global","connectionId":"'$connection_id'","globalState":{"shared_state":{"cdc":"lsn-1"},"streamStates":[{"streamDescriptor":{"name":"users"},"streamState":{"cursor":"2026-01-01"}}]}}}'
config_seed catalog 002 web_backend/connections/get '{"connectionId":"'$connection_id'"}'
config_seed check_succeeded 003 sources/check_connection '{"sourceId":"'$source_id'"}'
config_seed check_failed 003 destinations/check_connection '{"destinationId":"'$destination_id'"}'
config_seed log 004 attempt/get_for_job '{"jobId":'"$(jq .jobId <<<"$failed")"',"attemptNumber":0}'
printf '{"attempt":{"id":0},"logs":{"events":[{"message":"one"},{"message":"two"}]}}' |
    seed fuzz_config_api_responses log_events 011

# Problem bodies: status - 100 (2 bytes little-endian), attempts, then Location '\n' body.
problem() { seed fuzz_problem_bodies "$1" "" < <(printf "$2"; printf '\n'; cat); }
problem not_found '\060\001\001' < <(call "$api/connections/00000000-0000-0000-0000-000000000000")
problem bad_request '\054\001\001' < <(call "$api/jobs" -d '{"jobType":"sync"}')
call "$api/jobs" -d '{"connectionId":"'$connection_id'","jobType":"sync"}' >/dev/null
problem conflict '\065\001\001' < <(call "$api/jobs" -d '{"connectionId":"'$connection_id'","jobType":"sync"}')
problem rate_limited '\111\001\004' <<<'{"message": "You are being rate limited."}'
printf '\312\000\001https://user:secret@elsewhere.example/v1\n' | seed fuzz_problem_bodies redirect ""
printf '\222\001\004<html><body>502 Bad Gateway</body></html>' | seed fuzz_problem_bodies html_502 ""

# Warehouse pages, in the shapes the readers receive.
seed fuzz_warehouse_pages snowflake 000 <<'JSON'
{"resultSetMetaData":{"numRows":2,"rowType":[{"name":"ID","type":"fixed","scale":0},{"name":"PRICE","type":"fixed","scale":2},{"name":"AT","type":"timestamp_tz","scale":9},{"name":"DOC","type":"variant"},{"name":"BIN","type":"binary"},{"name":"D","type":"date"}]},"data":[["1","12.50","1706284800.000000000 1440","{\"a\":1}","0aff","19745"],[null,null,null,null,null,null]]}
JSON
seed fuzz_warehouse_pages bigquery 001 <<'JSON'
{"schema":{"fields":[{"name":"id","type":"INTEGER","mode":"REQUIRED"},{"name":"at","type":"TIMESTAMP"},{"name":"tags","type":"STRING","mode":"REPEATED"},{"name":"r","type":"RECORD","fields":[{"name":"x","type":"FLOAT"},{"name":"b","type":"BYTES"}]}]},"rows":[{"f":[{"v":"1"},{"v":"1706284800000000"},{"v":[{"v":"a"},{"v":"b"}]},{"v":{"f":[{"v":"1.5"},{"v":"AAE="}]}}]},{"f":[{"v":"2"},{"v":null},{"v":[]},{"v":null}]}]}
JSON

# Postgres values: OID (4 bytes little-endian) then the text value.
pg() { printf "$1%s" "$2" | seed fuzz_postgres_values "$3" ""; }
pg '\020\000\000\000' t boolean
pg '\021\000\000\000' '\x00ff10' bytea
pg '\240\004\000\000' '2024-01-31 12:34:56.5+05' timestamptz
pg '\132\004\000\000' '2024-01-31 12:34:56' timestamp
pg '\332\016\000\000' '{"a": [1, 2]}' jsonb

# Text helpers and the CLI: ids, URLs, Retry-After and timestamps; argv NUL-separated.
printf '\003id-with\r\nCRLF-%0300d' 0 | seed fuzz_text long_id ""
printf '\002http://user:secret@host:8006/v1' | seed fuzz_text masked_url ""
printf '\005Wed, 21 Oct 2015 07:28:00 GMT' | seed fuzz_text retry_after ""
printf '\0042026-11-24T22:29:17Z' | seed fuzz_text uuid_or_time ""
printf 'sync\0004a98d4eb-498c-45ad-8df5-c5df2230c38c\000--timeout\0005m\000--cancel-on-interrupt' | seed fuzz_cli_args sync ""
printf -- '--api-url\000http://user:pw@host:99999/v1\000check\000--json' | seed fuzz_cli_args check ""
printf 'jobs\000list\000--limit\00010\000--workspace-id\000x' | seed fuzz_cli_args jobs ""
echo "seeds written under tests/fuzz/corpus/"
