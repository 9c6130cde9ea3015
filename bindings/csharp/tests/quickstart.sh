#!/usr/bin/env bash
# Runs the C# quick start of docs/BINDINGS.md as written: extracts the program between the
# csharp-quickstart markers, compiles it with the documented mcs line, and runs it with mono
# against a fresh emulator (environment settings, a connection made with plain HTTP).
# Usage: quickstart.sh DOC BINDING_BUILD_DIR EMULATOR
set -euo pipefail
doc=$1 build=$2 emulator=$3
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$work"' EXIT

sed -n '/<!-- csharp-quickstart:begin/,/<!-- csharp-quickstart:end/p' "$doc" |
    sed -n '/^```csharp$/,/^```$/p' | sed '1d;$d' > "$work/QuickStart.cs"
[ -s "$work/QuickStart.cs" ] || { echo "no csharp-quickstart block in $doc"; exit 1; }

"$emulator" --port 0 --quiet --job-duration-ms 200 --ready-file "$work/ready.json" >/dev/null &
pid=$!
for _ in $(seq 100); do [ -s "$work/ready.json" ] && break; sleep 0.1; done
field() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" "$work/ready.json"; }
api=$(field apiUrl) key=$(field apiKey) workspace=$(field workspaceId)
post() { curl -sf -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "$2" "$api$1"; }
id() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }
source=$(post /sources "{\"name\":\"qs-source\",\"workspaceId\":\"$workspace\",\"configuration\":{\"sourceType\":\"faker\",\"count\":100}}" | id sourceId)
destination=$(post /destinations "{\"name\":\"qs-destination\",\"workspaceId\":\"$workspace\",\"configuration\":{\"destinationType\":\"duckdb\",\"destination_path\":\"/local/qs.duckdb\"}}" | id destinationId)
connection=$(post /connections "{\"name\":\"qs\",\"sourceId\":\"$source\",\"destinationId\":\"$destination\"}" | id connectionId)

cd "$work"
# The documented commands, with build/bindings/csharp as given by ctest.
mcs -r:"$build/AirbyteCloud.dll" -out:QuickStart.exe QuickStart.cs
cp "$build/AirbyteCloud.dll" .
export LD_LIBRARY_PATH=$build
AIRBYTE_CLOUD_WORKSPACE_ID=$workspace AIRBYTE_CLOUD_API_URL=$api AIRBYTE_CLOUD_API_KEY=$key \
    mono QuickStart.exe "$connection" | tee output.txt
grep -Eq '^job [0-9]+ succeeded: [1-9][0-9]* rows, [1-9][0-9]* bytes$' output.txt
echo "quick start ran as written"
