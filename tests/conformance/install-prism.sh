#!/usr/bin/env bash
# Installs the pinned Prism (package-lock.json) into tests/conformance/node_modules; CI runs this
# before ctest so the conformance test runs instead of skipping.
set -euo pipefail
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
