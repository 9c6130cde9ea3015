# Shell helpers for tests that run a quick start against a fresh emulator (sourced, not run):
#   . tests/support/emulator.sh
#   emulator_start /path/to/airbyte-cloud-emulator "$work"   # sets EMULATOR_PID, and exports
#                  # AIRBYTE_CLOUD_API_URL, AIRBYTE_CLOUD_API_KEY, AIRBYTE_CLOUD_WORKSPACE_ID
#   connection=$(emulator_connection qs)                     # faker source -> duckdb destination
#   emulator_stop                                            # (put it in the caller's trap)

emulator_start() {
    local emulator=$1 work=$2
    "$emulator" --port 0 --quiet --job-duration-ms 200 --ready-file "$work/ready.json" >/dev/null &
    EMULATOR_PID=$!
    for _ in $(seq 100); do [ -s "$work/ready.json" ] && break; sleep 0.1; done
    [ -s "$work/ready.json" ] || { echo "the emulator did not start ($emulator)" >&2; return 1; }
    AIRBYTE_CLOUD_API_URL=$(_emulator_field apiUrl <"$work/ready.json")
    AIRBYTE_CLOUD_API_KEY=$(_emulator_field apiKey <"$work/ready.json")
    AIRBYTE_CLOUD_WORKSPACE_ID=$(_emulator_field workspaceId <"$work/ready.json")
    export AIRBYTE_CLOUD_API_URL AIRBYTE_CLOUD_API_KEY AIRBYTE_CLOUD_WORKSPACE_ID
}

emulator_stop() {
    [ -z "${EMULATOR_PID:-}" ] || kill "$EMULATOR_PID" 2>/dev/null || true
}

_emulator_field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }

_emulator_post() {
    curl -sf -H "Authorization: Bearer $AIRBYTE_CLOUD_API_KEY" -H 'Content-Type: application/json' \
        -d "$2" "$AIRBYTE_CLOUD_API_URL$1"
}

emulator_connection() {
    local name=$1 source destination
    source=$(_emulator_post /sources "{\"name\":\"$name-source\",\"workspaceId\":\"$AIRBYTE_CLOUD_WORKSPACE_ID\",\"configuration\":{\"sourceType\":\"faker\",\"count\":100}}" | _emulator_field sourceId)
    destination=$(_emulator_post /destinations "{\"name\":\"$name-destination\",\"workspaceId\":\"$AIRBYTE_CLOUD_WORKSPACE_ID\",\"configuration\":{\"destinationType\":\"duckdb\",\"destination_path\":\"/local/$name.duckdb\"}}" | _emulator_field destinationId)
    _emulator_post /connections "{\"name\":\"$name\",\"sourceId\":\"$source\",\"destinationId\":\"$destination\"}" | _emulator_field connectionId
}

# The fenced block of FILE between "<!-- MARKER:begin" and "<!-- MARKER:end" (without the fences).
doc_block() {
    local file=$1 marker=$2
    sed -n "/<!-- $marker:begin/,/<!-- $marker:end/p" "$file" | sed -n '/^```[a-z]*$/,/^```$/p' | sed '1d;$d'
}

# The quick start's promised line: "job N succeeded: R rows, B bytes" with R, B > 0.
expect_quickstart_output() {
    grep -Eq '^job [0-9]+ succeeded: [1-9][0-9]* rows, [1-9][0-9]* bytes$' "$1" ||
        { echo "FAIL: no succeeded job line in the quick start's output:"; cat "$1"; return 1; }
}
