#!/usr/bin/env bash
# Datasets read benchmark (not a test): reads a ROWS-row Postgres table (default 1,000,000) through
# the library's record iterator (one JSON object per row) and reports rows/s and peak RSS next to
# `psql -c "\copy ... to stdout"` on the same table in the same run.
#
#   bench/datasets/run.sh BUILD_DIR [ROWS]
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
set -euo pipefail
build=$(cd "${1:?usage: run.sh BUILD_DIR [ROWS]}" && pwd)
rows=${2:-1000000}
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

echo "== library: abc_dataset_cursor_next + abc_dataset_cursor_record_json"
library=$("$bench" "$url/v1" "$key" "$workspace" "$connection" users ABC_BENCH_PG_PASSWORD 10000 50)
echo "$library"
value() { printf '%s\n' "$library" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

echo "== psql \\copy ... to stdout"
start=$(date +%s.%N)
psql -q -c "\\copy $schema.bench_users to stdout" >"$work/copy.tsv"
end=$(date +%s.%N)
copy_rows=$(wc -l <"$work/copy.tsv")
copy_mb=$(awk -v b="$(wc -c <"$work/copy.tsv")" 'BEGIN { printf "%.1f", b / 1e6 }')
copy_seconds=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')
copy_rate=$(awk -v r="$copy_rows" -v s="$copy_seconds" 'BEGIN { printf "%.0f", r / s }')
echo "rows=$copy_rows seconds=$copy_seconds rows_per_second=$copy_rate text_mb=$copy_mb"

cat <<REPORT

| reader | rows | seconds | rows/s | output | peak RSS |
|---|---|---|---|---|---|
| libairbyte_cloud record iterator (JSON per row, FETCH 10000) | $(value rows) | $(value seconds) | $(value rows_per_second) | $(value json_mb) MB JSON | $(value peak_rss_mb) MB |
| psql \\copy to stdout (text) | $copy_rows | $copy_seconds | $copy_rate | $copy_mb MB TSV | (psql) |

Table: $rows rows, $table_mb MB on disk; PostgreSQL $(psql -At -c 'SHOW server_version'); $(nproc) CPU(s).
Library RSS before the read: $(value rss_before_mb) MB.
REPORT
