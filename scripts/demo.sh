#!/usr/bin/env bash
# The whole thing in one command, on a fresh Debian 12 machine:
#
#   scripts/demo.sh
#
# installs what is missing, builds the library, the emulator and the airbyte-cloud tool, starts a
# PostgreSQL server and airbyte-cloud-emulator on loopback, deploys a faker source -> Postgres
# destination connection, runs a sync with live progress, prints the job history and the first rows
# of each stream read back through the library, and stops everything it started. Run it as often as
# you like: every run has its own server, data directory and ports.
#
# Environment:
#   ABC_DEMO_BUILD_DIR=DIR  use the tools already built in DIR; skips installing and building
#                           (the ctest cli.demo runs the demo this way on the test build)
#   ABC_DEMO_ROWS=N         users the faker source generates (default 5000)
#   CI=true                 nothing changes: without a terminal the tool prints plain lines
#
# Exit status: 0 when every step worked; 77 when ABC_DEMO_BUILD_DIR is set and no PostgreSQL
# server is installed (a skipped test); otherwise the failing step's status.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

rows=${ABC_DEMO_ROWS:-5000}
step() { printf '\n==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
# "[ 42%] Building CXX object src/domain/CMakeFiles/abc_domain.dir/sync.cpp.o" -> "[ 42%] src/domain/sync.cpp"
build_progress() {
    sed -nu -E -e 's#CMakeFiles/[^/]+\.dir/##' \
        -e 's#^\[ *([0-9]+%)\] Building (C|CXX) object (.*)\.o$#    [\1] compiling \3#p' \
        -e 's#^\[ *([0-9]+%)\] Linking (C|CXX) [a-z ]+ (.*)$#    [\1] linking \3#p'
}

# ---- install and build ---------------------------------------------------------------------
build_dir=${ABC_DEMO_BUILD_DIR:-}
if [ -z "$build_dir" ]; then
    step "Installing the Debian packages that are missing (scripts/install-deps.sh)"
    scripts/install-deps.sh
    build_dir=$root/build/demo
    step "Building libairbyte_cloud, airbyte-cloud-emulator and airbyte-cloud into build/demo"
    cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DABC_BUILD_TESTS=OFF \
        -DABC_BUILD_BINDINGS=OFF -DABC_BUILD_BENCH=OFF -DABC_BUILD_EXAMPLES=OFF >/dev/null
    # One line per file compiled or linked (a first build takes a few minutes); the whole output
    # goes to build/demo/build.log, shown when the build fails.
    if ! cmake --build "$build_dir" -j"$(nproc)" --target airbyte-cloud airbyte-cloud-emulator 2>&1 |
        tee "$build_dir/build.log" | build_progress; then
        echo "demo.sh: the build failed; the end of build/demo/build.log:" >&2
        tail -40 "$build_dir/build.log" >&2
        exit 1
    fi
    note "built: build/demo/tools/cli/airbyte-cloud, build/demo/tools/emulator/airbyte-cloud-emulator"
else
    step "Using the tools already built in $build_dir"
fi
cli=$build_dir/tools/cli/airbyte-cloud
emulator=$build_dir/tools/emulator/airbyte-cloud-emulator
for binary in "$cli" "$emulator"; do
    if [ ! -x "$binary" ]; then
        echo "demo.sh: $binary is missing; build the targets airbyte-cloud and airbyte-cloud-emulator" >&2
        exit 1
    fi
done
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    if [ -n "${ABC_DEMO_BUILD_DIR:-}" ]; then
        echo "SKIP: no PostgreSQL server installed (scripts/install-deps.sh installs one)"
        exit 77
    fi
    echo "demo.sh: no PostgreSQL server found after installing; see scripts/install-deps.sh" >&2
    exit 1
fi

# ---- start PostgreSQL and the emulator; stop them whatever happens ----------------------------
work=$(mktemp -d /tmp/abc-demo-XXXXXX)
export ABC_PG_DIR=/tmp/abc-demo-postgres-$$
emulator_pid=""
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [ -n "$emulator_pid" ]; then
        kill "$emulator_pid" 2>/dev/null || true
        wait "$emulator_pid" 2>/dev/null || true
    fi
    scripts/postgres.sh stop >/dev/null 2>&1 || true
    rm -rf "$work"
    if [ "$status" -eq 0 ]; then
        printf '\n==> Done: the emulator and PostgreSQL are stopped, their files removed.\n'
    else
        printf '\n==> Failed (status %s); the emulator and PostgreSQL are stopped.\n' "$status" >&2
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

step "Starting PostgreSQL on loopback (scripts/postgres.sh, data in $ABC_PG_DIR)"
postgres_environment=$(scripts/postgres.sh start)  # assigned first: set -e stops on a failed start
eval "$postgres_environment"
note "postgresql://$ABC_TEST_PGUSER@$ABC_TEST_PGHOST:$ABC_TEST_PGPORT/$ABC_TEST_PGDATABASE"

step "Starting airbyte-cloud-emulator on loopback (a local Airbyte API)"
"$emulator" --host 127.0.0.1 --port 0 --ready-file "$work/ready.json" --job-duration-ms 4000 --quiet \
    >"$work/emulator.log" 2>&1 &
emulator_pid=$!
for _ in $(seq 1 100); do
    grep -q '}' "$work/ready.json" 2>/dev/null && break
    kill -0 "$emulator_pid" 2>/dev/null || { cat "$work/emulator.log" >&2; exit 1; }
    sleep 0.1
done
ready_field() { sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p" "$work/ready.json"; }
# The tool reads its settings from these variables; the API key is never printed.
export AIRBYTE_CLOUD_API_URL AIRBYTE_CLOUD_WORKSPACE_ID AIRBYTE_CLOUD_API_KEY
AIRBYTE_CLOUD_API_URL=$(ready_field apiUrl)
AIRBYTE_CLOUD_WORKSPACE_ID=$(ready_field workspaceId)
AIRBYTE_CLOUD_API_KEY=$(ready_field apiKey)
unset AIRBYTE_CLOUD_BEARER_TOKEN AIRBYTE_CLOUD_CLIENT_ID AIRBYTE_CLOUD_CLIENT_SECRET
[ -n "$AIRBYTE_CLOUD_API_URL" ] || { echo "demo.sh: the emulator did not get ready" >&2; exit 1; }
note "AIRBYTE_CLOUD_API_URL=$AIRBYTE_CLOUD_API_URL"
note "AIRBYTE_CLOUD_WORKSPACE_ID=$AIRBYTE_CLOUD_WORKSPACE_ID"
note "AIRBYTE_CLOUD_API_KEY=(set, not shown)"

# Shows each command as a user would type it, then runs it.
run() {
    printf '\n$ airbyte-cloud %s\n' "$*"
    "$cli" "$@"
}
# Runs a create command quietly with --json and prints the new id.
create_id() {
    local field=$1
    shift
    "$cli" "$@" --json | sed -n "s/^  \"$field\": \"\\([^\"]*\\)\".*/\\1/p"
}

run check

# ---- deploy ----------------------------------------------------------------------------------
step "Deploying a faker source -> Postgres destination connection"
printf '\n$ airbyte-cloud sources create demo-faker --type faker --config %s\n' "'{\"count\": $rows, \"seed\": 42}'"
source_id=$(create_id sourceId sources create demo-faker --type faker --config "{\"count\": $rows, \"seed\": 42}")
note "source $source_id"
# The configuration holds the password: it goes in through stdin, never on a command line.
postgres_config() {
    printf '{"host": "%s", "port": %s, "database": "%s", "schema": "demo",\n' \
        "$ABC_TEST_PGHOST" "$ABC_TEST_PGPORT" "$ABC_TEST_PGDATABASE"
    printf ' "username": "%s", "password": "%s", "ssl_mode": {"mode": "disable"}}\n' "$ABC_TEST_PGUSER" "$1"
}
printf '\n$ airbyte-cloud destinations create demo-postgres --type postgres --config-file - <<JSON\n'
postgres_config '(the password)'
printf 'JSON\n'
destination_id=$(postgres_config "$ABC_TEST_PGPASSWORD" |
    create_id destinationId destinations create demo-postgres --type postgres --config-file -)
note "destination $destination_id"
run streams "$source_id"
printf '\n$ airbyte-cloud connections create faker-to-postgres --source %s --destination %s --streams %s --prefix faker_\n' \
    "$source_id" "$destination_id" "users,products,purchases"
connection_id=$(create_id connectionId connections create faker-to-postgres --source "$source_id" \
    --destination "$destination_id" --streams users,products,purchases --prefix faker_)
note "connection $connection_id"
run connections show "$connection_id"

# ---- sync ------------------------------------------------------------------------------------
step "Running a sync (a live progress line on a terminal; plain lines in CI)"
run sync "$connection_id" --poll-interval 500

step "Job history"
run jobs list "$connection_id"

# ---- read the rows back ----------------------------------------------------------------------
step "The first rows of each stream, read back from PostgreSQL through the library"
export AIRBYTE_CLOUD_POSTGRES_PASSWORD=$ABC_TEST_PGPASSWORD
if "$cli" read --help >/dev/null 2>&1; then
    for stream in users products purchases; do
        run read "$connection_id" "$stream" --limit 3 --no-airbyte-columns
    done
else
    note "STAND-IN: this build's airbyte-cloud has no 'read' command yet (the library's datasets"
    note "API is not there), so psql shows the same tables instead."
    for stream in users products purchases; do
        printf '\n$ psql -c "SELECT * FROM demo.faker_%s LIMIT 3"   # stand-in for: airbyte-cloud read\n' "$stream"
        PGPASSWORD=$ABC_TEST_PGPASSWORD psql -X -h "$ABC_TEST_PGHOST" -p "$ABC_TEST_PGPORT" -U "$ABC_TEST_PGUSER" \
            -d "$ABC_TEST_PGDATABASE" -P pager=off -c "SELECT * FROM demo.faker_$stream LIMIT 3"
    done
fi
