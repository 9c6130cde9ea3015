#!/usr/bin/env bash
# The ABI gate: compares a built libairbyte_cloud.so against the committed baseline
# (abi/libairbyte_cloud.so.0.abi, made with abidw from the released library) and fails on any
# removed or changed function, variable or type, unless the SONAME's major version changed.
# Additions pass (libabigail also counts enumerators appended to an enum as harmless).
#   scripts/abi-check.sh LIBRARY [BASELINE]
#   scripts/abi-check.sh --baseline LIBRARY   writes the baseline from LIBRARY
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
headers="$root/include"

if [ "${1:-}" = --baseline ]; then
    abidw --headers-dir "$headers" --drop-private-types --exported-interfaces-only --no-corpus-path --out-file "$root/abi/libairbyte_cloud.so.0.abi" "$2"
    echo "baseline written: abi/libairbyte_cloud.so.0.abi"
    exit 0
fi
library=$1
baseline=${2:-$root/abi/libairbyte_cloud.so.0.abi}

soname_of_library=$(objdump -p "$library" | awk '$1 == "SONAME" {print $2}')
soname_of_baseline=$(sed -n "s/.*soname='\([^']*\)'.*/\1/p" "$baseline" | head -n1)
if [ "$soname_of_library" != "$soname_of_baseline" ]; then
    echo "SONAME $soname_of_baseline -> $soname_of_library: a new major version may break the ABI"
    exit 0
fi

set +e
report=$(abidiff --hd2 "$headers" --exported-interfaces-only "$baseline" "$library" 2>&1)
code=$?
set -e
echo "$report"
# abidiff's exit code is a bit field: 1 error, 2 usage error, 4 ABI change, 8 incompatible change.
if [ $((code & 3)) -ne 0 ]; then
    echo "abi-check: abidiff failed (exit $code)"
    exit 2
fi
# An ABI change is fine when it only adds: every "Removed" and "Changed" count must be 0.
broken=$(printf '%s\n' "$report" | grep -E 'changes summary' |
    grep -Eo '[1-9][0-9]* (Removed|Changed)' || true)
if [ $((code & 8)) -ne 0 ] || [ -n "$broken" ]; then
    echo "abi-check: FAILED: $soname_of_library removes or changes ABI (${broken//$'\n'/, });"
    echo "  keep every exported symbol and type as it was, or raise ABC_VERSION_MAJOR"
    exit 1
fi
echo "abi-check: OK: $soname_of_library keeps the ABI of the baseline (additions only)"
