#!/usr/bin/env bash
# make sandbox: FerretDB, soketi and the fixture Next.js site on 127.0.0.1 plus a "Sandbox (local)"
# profile whose secrets go into the keychain `make run` uses. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
go build -o build/bin/siyana-sandbox ./cmd/sandbox
exec build/bin/siyana-sandbox --require-all
