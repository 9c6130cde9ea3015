#!/usr/bin/env bash
# Runs the C# quick start of docs/BINDINGS.md as written: extracts the program between the
# csharp-quickstart markers, compiles it with the documented mcs line, and runs it with mono
# against a fresh emulator (environment settings, a connection made with plain HTTP).
# Usage: quickstart.sh DOC BINDING_BUILD_DIR EMULATOR
set -euo pipefail
doc=$1 build=$2 emulator=$3
work=$(mktemp -d)
. "$(dirname "$0")/../../../tests/support/emulator.sh"
trap 'emulator_stop; rm -rf "$work"' EXIT

doc_block "$doc" csharp-quickstart > "$work/QuickStart.cs"
[ -s "$work/QuickStart.cs" ] || { echo "no csharp-quickstart block in $doc"; exit 1; }
emulator_start "$emulator" "$work"
connection=$(emulator_connection qs)

cd "$work"
# The documented commands, with build/bindings/csharp as given by ctest.
mcs -r:"$build/AirbyteCloud.dll" -out:QuickStart.exe QuickStart.cs
cp "$build/AirbyteCloud.dll" .
export LD_LIBRARY_PATH=$build
mono QuickStart.exe "$connection" | tee output.txt
expect_quickstart_output output.txt
echo "quick start ran as written"
