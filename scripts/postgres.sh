#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL server on loopback for tests and the demo.
#   env=$(scripts/postgres.sh start) && eval "$env"   # prints export lines for ABC_TEST_PG*
#   scripts/postgres.sh stop
# The server runs as the postgres user (it refuses to run as root), on a free port, with
# password (SCRAM) authentication so the code paths that send a password are exercised.
set -euo pipefail

dir=${ABC_PG_DIR:-/tmp/abc-postgres}
action=${1:-}

pg_bin() {
    local candidate
    for candidate in /usr/lib/postgresql/*/bin; do
        [ -x "$candidate/initdb" ] && { echo "$candidate"; return; }
    done
    echo "postgres.sh: no PostgreSQL server found (apt-get install postgresql)" >&2
    exit 1
}

as_postgres() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

case "$action" in
start)
    bin=$(pg_bin)
    if [ -f "$dir/env" ] && as_postgres "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        cat "$dir/env"
        exit 0
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir"
    password="abc-test-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
    printf '%s\n' "$password" > "$dir/pwfile"
    [ "$(id -u)" = 0 ] && chown postgres: "$dir/pwfile"
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth=scram-sha-256 \
        --pwfile="$dir/pwfile" -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; exit 1; }
    # The port check can race another server starting, so a failed bind moves to the next port.
    port=${ABC_PG_PORT:-55432}
    started=""
    for attempt in $(seq 1 20); do
        while port_in_use "$port"; do port=$((port + 1)); done
        if as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null; then
            started=yes
            break
        fi
        port=$((port + 1))
    done
    [ -n "$started" ] || { echo "postgres.sh: the server did not start:" >&2; cat "$dir/server.log" >&2; exit 1; }
    cat > "$dir/env" <<ENV
export ABC_TEST_PGHOST=127.0.0.1
export ABC_TEST_PGPORT=$port
export ABC_TEST_PGUSER=postgres
export ABC_TEST_PGPASSWORD=$password
export ABC_TEST_PGDATABASE=postgres
ENV
    cat "$dir/env"
    ;;
stop)
    bin=$(pg_bin)
    if [ -d "$dir/data" ]; then
        as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start|stop" >&2
    exit 2
    ;;
esac
