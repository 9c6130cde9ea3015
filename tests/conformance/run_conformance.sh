#!/usr/bin/env bash
# ctest entry point: skips (exit 77, with a visible reason) when the vendor specs or Prism are
# missing, otherwise runs conformance.mjs. Usage: run_conformance.sh EMULATOR SPECS_DIR
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
emulator=${1:?emulator binary}
specs=${2:?specs folder}
prism="$here/node_modules/.bin/prism"

if [ ! -f "$specs/airbyte/api_sdk.yaml" ] || [ ! -f "$specs/airbyte/server-api.yaml" ]; then
    echo "SKIP: vendor specs not found at $specs (../shared/specs is absent)"
    exit 77
fi
if ! command -v node >/dev/null 2>&1; then
    echo "SKIP: node is not installed"
    exit 77
fi
if [ ! -x "$prism" ]; then
    echo "SKIP: Prism is not installed; run tests/conformance/install-prism.sh (npm ci)"
    exit 77
fi
exec node "$here/conformance.mjs" "$emulator" "$specs" "$prism"
