#!/usr/bin/env bash
# The Go module as a Go user gets it: a new module (go mod init) takes the quick start of
# docs/BINDINGS.md as written, `go get`s the binding by its import path from the module proxy
# folder the build made (GOPROXY=file://..., no network), builds it (cgo finds the library through
# pkg-config; the go tool runs SWIG) and runs it against a fresh emulator.
# Usage: module_test.sh PROXY_DIR MODULE VERSION DOC EMULATOR PKG_CONFIG_DIR GOCACHE GO SWIG
set -euo pipefail
proxy=$1 module=$2 version=$3 doc=$4 emulator=$5 pkgconfig=$6 gocache=$7 go=$8 swig=$9
work=$(mktemp -d)
. "$(dirname "$0")/../../tests/support/emulator.sh"
trap 'emulator_stop; rm -rf "$work"' EXIT

export GOPROXY=file://$proxy GOSUMDB=off GOFLAGS=-modcacherw GOTOOLCHAIN=local GOENV=off \
    GOPATH=$work/gopath GOCACHE=$gocache PKG_CONFIG_PATH=$pkgconfig CGO_ENABLED=1 \
    PATH=$(dirname "$swig"):$PATH
mkdir "$work/app"
cd "$work/app"
doc_block "$doc" go-quickstart > main.go
grep -q "\"$module\"" main.go || { echo "the quick start does not import $module"; exit 1; }
"$go" mod init example.com/quickstart
"$go" get "$module@$version"
"$go" mod tidy
"$go" build -o quickstart .
grep "$module" go.mod

emulator_start "$emulator" "$work"
connection=$(emulator_connection gomodule)
./quickstart "$connection" | tee "$work/output.txt"
expect_quickstart_output "$work/output.txt"
echo "Go module $module@$version: fetched by import path, built with cgo + pkg-config, quick start ran"
