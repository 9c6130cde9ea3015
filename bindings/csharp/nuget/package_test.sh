#!/usr/bin/env bash
# The NuGet package as a C# user gets it: `nuget install` from the folder the build put it in,
# the quick start of docs/BINDINGS.md compiled against the installed package's assembly, the
# files laid out as build/AirbyteCloud.targets does for msbuild (assembly, dllmap and native glue
# next to the program), run with mono against a fresh emulator.
# Usage: package_test.sh NUPKG_DIR VERSION DOC EMULATOR LIBDIR
#   LIBDIR: where libairbyte_cloud.so.0 is (the build tree); "" when it is installed system-wide.
set -euo pipefail
source_dir=$1 version=$2 doc=$3 emulator=$4 libdir=$5
work=$(mktemp -d)
. "$(dirname "$0")/../../../tests/support/emulator.sh"
trap 'emulator_stop; rm -rf "$work"' EXIT

HOME=$work nuget install AirbyteCloud -Version "$version" -Source "$source_dir" \
    -OutputDirectory "$work/packages" -NonInteractive -Verbosity quiet
package=$work/packages/AirbyteCloud.$version
ls "$package/lib/net45" "$package/runtimes/linux-x64/native"

mkdir "$work/app"
doc_block "$doc" csharp-quickstart > "$work/QuickStart.cs"
mcs -r:"$package/lib/net45/AirbyteCloud.dll" -out:"$work/app/QuickStart.exe" "$work/QuickStart.cs"
cp "$package"/lib/net45/* "$package"/runtimes/linux-x64/native/* "$work/app/"

emulator_start "$emulator" "$work"
connection=$(emulator_connection nuget)
if [ -n "$libdir" ]; then export LD_LIBRARY_PATH=$libdir; fi
mono "$work/app/QuickStart.exe" "$connection" | tee "$work/output.txt"
expect_quickstart_output "$work/output.txt"
echo "NuGet package AirbyteCloud $version: installed, quick start ran"
