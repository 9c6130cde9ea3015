#!/usr/bin/env bash
# Installs the Debian 12 packages the build, the tests and the demo need (only the missing ones).
#   scripts/install-deps.sh            core: build, tests, emulator, PostgreSQL
#   (clang + libclang-rt: the libFuzzer targets; abigail-tools: the ABI check)
#   scripts/install-deps.sh bindings   also SWIG, Go, Ruby, Mono, NuGet, zip (Go module), Python 3 with
#                                      what the Python package's build and tests use (dev headers,
#                                      venv, pytest, SQLAlchemy + psycopg2, pandas, mypy, requests)
set -euo pipefail

packages=(build-essential cmake pkg-config libcurl4-openssl-dev libcjson-dev libcmocka-dev
          libcpp-httplib-dev libpq-dev libssl-dev postgresql curl ca-certificates
          dpkg-dev file lintian man-db groff-base   # Debian packages, man pages
          clang libclang-rt-14-dev abigail-tools)   # fuzzing (libFuzzer), the ABI gate
if [ "${1:-}" = bindings ]; then
    packages+=(swig golang-go ruby ruby-dev mono-mcs mono-runtime python3 python3-dev python3-venv
               python3-pytest python3-sqlalchemy python3-psycopg2 python3-pandas
               python3-mypy python3-requests
               nuget zip)
fi
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
        missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
echo "installing: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
