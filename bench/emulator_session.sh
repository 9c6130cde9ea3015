# Sourced by the benchmark scripts: starts airbyte-cloud-emulator and reads its ready file.
#   start_emulator EMULATOR WORK_DIR  sets emulator_pid, url, key, workspace (the caller stops it)
#   field NAME FILE                   a top-level JSON string or number member of FILE
#   post COLLECTION BODY              POST /v1/COLLECTION with the API key; the answer in $work/response
field() { sed -n "s/.*\"$1\":\"\\{0,1\\}\\([^\",}]*\\).*/\\1/p" "$2"; }

start_emulator() {
    work=$2
    "$1" --port 0 --quiet --ready-file "$work/ready" >/dev/null 2>&1 &
    emulator_pid=$!
    for _ in $(seq 1 500); do [ -s "$work/ready" ] && break; sleep 0.01; done
    [ -s "$work/ready" ] || { echo "run.sh: the emulator did not start" >&2; exit 1; }
    url=$(field url "$work/ready")
    key=$(field apiKey "$work/ready")
    workspace=$(field workspaceId "$work/ready")
}

post() {
    curl -sS -X POST -H "Authorization: Bearer $key" -H 'Content-Type: application/json' \
        -d "$2" "$url/v1/$1" >"$work/response"
}
