#!/usr/bin/env bash
# Datasets read benchmark (not a test): reads a ROWS-row Postgres table (default 1,000,000) through
# the library's cursor twice per round, once through the typed accessors (every column) and once
# as one JSON record per row, and reports rows/s and peak RSS next to
# `psql -c "\copy ... to stdout"` on the same table in the same run (medians of ROUNDS rounds,
# default 3). Run it under `nice -n 10` on a shared machine.
#
#   bench/datasets/run.sh BUILD_DIR [ROWS] [ROUNDS]
#
# Builds nothing: BUILD_DIR must hold src/libairbyte_cloud.so, tools/emulator/airbyte-cloud-emulator
# and bench/datasets/bench_datasets_read
#   (cmake --build BUILD_DIR --target airbyte-cloud-emulator bench_datasets_read).
# PostgreSQL: the server named by ABC_TEST_PG* when set (eval "$(scripts/postgres.sh start)"),
# otherwise a throw-away one started here with scripts/postgres.sh and stopped afterwards.
# The table is a users stream as Airbyte's Postgres destination lays it out (the four _airbyte_*
# columns, then typed columns: bigint, timestamptz, varchar, decimal, jsonb), made with
# generate_series; the emulator only holds the connection and destination the library reads.
# Fails when the library's peak RSS reaches 50 MB or it reads a different row count.
# The 1.0x (typed) and 0.8x (JSON) goals of issue 18 are reported, not enforced: timing is noisy.
set -euo pipefail
build=$(cd "${1:?usage: run.sh BUILD_DIR [ROWS]}" && pwd)
rows=${2:-1000000}
rounds=${3:-3}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
emulator=$build/tools/emulator/airbyte-cloud-emulator
bench=$build/bench/datasets/bench_datasets_read
for binary in "$emulator" "$bench"; do
    [ -x "$binary" ] || { echo "run.sh: $binary is missing; build it first (see the header)" >&2; exit 2; }
done
command -v psql >/dev/null || { echo "run.sh: psql is not installed" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/abc-bench-datasets.XXXXXX")
emulator_pid=
started_pg=0
schema=abc_bench_datasets
cleanup() {
    if [ -n "$emulator_pid" ]; then kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true; fi
    if [ -n "${PGHOST:-}" ]; then psql -q -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true; fi
    if [ $started_pg = 1 ]; then ABC_PG_DIR=$work/pg "$repo/scripts/postgres.sh" stop >/dev/null 2>&1 || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${ABC_TEST_PGHOST:-}" ]; then
    [ "$(id -u)" = 0 ] && { mkdir -p "$work/pg"; chown postgres: "$work" "$work/pg" 2>/dev/null || true; }
    eval "$(ABC_PG_DIR=$work/pg "$repo/scripts/postgres.sh" start)"
    started_pg=1
fi
export PGHOST=$ABC_TEST_PGHOST PGPORT=$ABC_TEST_PGPORT PGUSER=$ABC_TEST_PGUSER PGPASSWORD=$ABC_TEST_PGPASSWORD \
       PGDATABASE=$ABC_TEST_PGDATABASE PGOPTIONS='-c client_min_messages=warning'
export ABC_BENCH_PG_PASSWORD=$PGPASSWORD

echo "== table: $rows rows in $schema.bench_users"
psql -q -v ON_ERROR_STOP=1 <<SQL
DROP SCHEMA IF EXISTS $schema CASCADE;
CREATE SCHEMA $schema;
CREATE TABLE $schema.bench_users AS
SELECT gen_random_uuid() AS _airbyte_raw_id,
       timestamptz '2026-01-01 00:00:00+00' + g * interval '1 millisecond' AS _airbyte_extracted_at,
       jsonb_build_object('changes', jsonb_build_array(), 'sync_id', 1) AS _airbyte_meta,
       1::bigint AS _airbyte_generation_id,
       g::bigint AS id,
       timestamptz '2020-01-01 00:00:00+00' + (g % 94608000) * interval '1 second' AS created_at,
       timestamptz '2021-01-01 00:00:00+00' + (g % 31536000) * interval '1 second' AS updated_at,
       ('User ' || g)::varchar AS name,
       (18 + g % 67)::bigint AS age,
       ('user' || g || '@example.com')::varchar AS email,
       (1 + (g % 100) / 100.0)::decimal(38, 9) AS height,
       jsonb_build_object('city', 'City ' || (g % 1000), 'postal_code', lpad((g % 99999)::text, 5, '0'),
                          'country_code', 'US') AS address
FROM generate_series(1, $rows) AS g;
ANALYZE $schema.bench_users;
SQL
table_mb=$(psql -At -c "SELECT round(pg_total_relation_size('$schema.bench_users') / 1048576.0)")

. "$here/../emulator_session.sh"
start_emulator "$emulator" "$work"
post sources "{\"name\":\"bench\",\"workspaceId\":\"$workspace\",\"configuration\":{\"sourceType\":\"faker\",\"count\":1}}"
source=$(field sourceId "$work/response")
post destinations "{\"name\":\"bench-pg\",\"workspaceId\":\"$workspace\",\"configuration\":{\"destinationType\":\"postgres\",
    \"host\":\"$PGHOST\",\"port\":$PGPORT,\"database\":\"$PGDATABASE\",\"schema\":\"$schema\",\"username\":\"$PGUSER\",
    \"password\":\"$PGPASSWORD\"}}"
destination=$(field destinationId "$work/response")
post connections "{\"name\":\"bench\",\"sourceId\":\"$source\",\"destinationId\":\"$destination\",\"prefix\":\"bench_\",
    \"configurations\":{\"streams\":[{\"name\":\"users\"}]}}"
connection=$(field connectionId "$work/response")
[ -n "$connection" ] || { echo "run.sh: could not create the connection: $(cat "$work/response")" >&2; exit 1; }

# Warm the table into the page cache first, so both readers start from the same state.
psql -q -c "\\copy $schema.bench_users to stdout" >/dev/null

# ROUNDS rounds of four reads: typed, JSON, psql \copy to a file and to /dev/null (the library
# writes nothing either: psql's upper bound). The order turns round by round so that no reader
# always gets the same slot; the medians are reported (the machine is shared, so single runs are
# noisy). cpu_seconds is the reader's own user + system time (psql's, not the server's).
echo "== load before: $(uptime)"
median() { sort -n | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
value() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
read_library() {
    "$bench" "$url/v1" "$key" "$workspace" "$connection" users ABC_BENCH_PG_PASSWORD 10000 50 "$1"
}
read_psql() {  # $1: where the text goes
    local TIMEFORMAT='%R %U %S' timing seconds cpu bytes=0
    timing=$( { time psql -q -c "\\copy $schema.bench_users to stdout" >"$1"; } 2>&1 )
    seconds=$(echo "$timing" | awk '{ print $1 }')
    cpu=$(echo "$timing" | awk '{ print $2 + $3 }')
    [ "$1" = /dev/null ] || bytes=$(wc -c <"$1")
    echo "rows=$rows seconds=$seconds rows_per_second=$(awk -v r="$rows" -v s="$seconds" 'BEGIN { printf "%.0f", r / s }')" \
         "cpu_seconds=$cpu text_mb=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }')"
}
: >"$work/typed" >"$work/json" >"$work/copy" >"$work/null"
for round in $(seq 1 "$rounds"); do
    order="typed json copy null"
    [ $((round % 2)) = 0 ] && order="null copy json typed"
    for reader in $order; do
        case $reader in
            typed | json) line=$(read_library "$reader") ;;
            copy) line="mode=psql $(read_psql "$work/copy.tsv")"
                  [ "$(wc -l <"$work/copy.tsv")" = "$rows" ] || { echo "run.sh: psql wrote a different row count" >&2; exit 1; } ;;
            null) line="mode=psql-null $(read_psql /dev/null)" ;;
        esac
        echo "round $round: $line"
        printf '%s\n' "$line" >>"$work/$reader"
    done
done
echo "== load after: $(uptime)"
# The median of field $2 over the lines of file $1.
med() { while read -r line; do value "$line" "$2"; done <"$work/$1" | median; }
most() { while read -r line; do value "$line" "$2"; done <"$work/$1" | sort -n | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
typed_rate=$(med typed rows_per_second); json_rate=$(med json rows_per_second); copy_rate=$(med copy rows_per_second)
null_rate=$(med null rows_per_second)

cat <<REPORT

Medians of $rounds rounds (rows/s; seconds; peak RSS is the largest of the rounds):

| reader | rows | seconds | rows/s | × psql | × psql to /dev/null | reader CPU s | output | peak RSS (sampled max) |
|---|---|---|---|---|---|---|---|---|
| typed accessors (every column, binary COPY) | $(med typed rows) | $(med typed seconds) | $typed_rate | $(ratio "$typed_rate" "$copy_rate") | $(ratio "$typed_rate" "$null_rate") | $(med typed cpu_seconds) | typed values | $(most typed peak_rss_mb) MB ($(most typed rss_sampled_max_mb) MB) |
| record JSON per row (binary COPY) | $(med json rows) | $(med json seconds) | $json_rate | $(ratio "$json_rate" "$copy_rate") | $(ratio "$json_rate" "$null_rate") | $(med json cpu_seconds) | $(med json json_mb) MB JSON | $(most json peak_rss_mb) MB ($(most json rss_sampled_max_mb) MB) |
| psql \\copy to stdout (text, to a file) | $(med copy rows) | $(med copy seconds) | $copy_rate | 1.00 | $(ratio "$copy_rate" "$null_rate") | $(med copy cpu_seconds) | $(med copy text_mb) MB TSV | (psql) |
| psql \\copy to stdout (text, to /dev/null) | $(med null rows) | $(med null seconds) | $null_rate | $(ratio "$null_rate" "$copy_rate") | 1.00 | $(med null cpu_seconds) | – | (psql) |

Table: $rows rows, $table_mb MB on disk; PostgreSQL $(psql -At -c 'SHOW server_version'); $(nproc) CPU(s).
Library RSS before the read: $(med json rss_before_mb) MB.
REPORT
