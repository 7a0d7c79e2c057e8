#!/usr/bin/env bash
# Builds FerretDB (a MongoDB-wire server in pure Go, SQLite backend) into .tools/ferretdb/ferretdb for the
# database tests and `make sandbox`. Idempotent: a stamp records what was built, so a warm run is instant.
#
# Why not `go install`: the module zip lacks build/version/version.txt (generated upstream), and the binary
# panics at start without it. So we copy the module out of the module cache, write the version file, and
# build through a private copy of tools/ferretdb/go.mod that replaces the module with that copy. The
# committed tools module stays clean, and FerretDB's large dependency tree stays out of the app's go.mod.
set -euo pipefail

version=v1.24.2
root=$(cd "$(dirname "$0")/../.." && pwd)
tools=${SIYANA_TOOLS_DIR:-$root/.tools}
out=$tools/ferretdb
mod=$root/tools/ferretdb
bin=$out/ferretdb

command -v go >/dev/null 2>&1 || { echo "ferretdb.sh: Go is missing (run scripts/bootstrap.sh)" >&2; exit 1; }

stamp="$version $(cat "$mod/go.mod" "$mod/go.sum" | sha256sum | cut -d' ' -f1)"
if [ -x "$bin" ] && [ -f "$out/stamp" ] && [ "$(cat "$out/stamp")" = "$stamp" ]; then
  exit 0
fi

mkdir -p "$out"
cd "$mod"
go mod download github.com/FerretDB/FerretDB
cache=$(go list -m -f '{{.Dir}}' github.com/FerretDB/FerretDB)
[ -n "$cache" ] && [ -d "$cache" ] || { echo "ferretdb.sh: FerretDB $version not in the module cache" >&2; exit 1; }

# The module cache is read-only: work on a writable copy.
rm -rf "$out/src"
cp -R "$cache" "$out/src"
chmod -R u+w "$out/src"
printf '%s\n' "$version" > "$out/src/build/version/version.txt"

cp "$mod/go.mod" "$out/build.mod"
cp "$mod/go.sum" "$out/build.sum"
go mod edit -modfile="$out/build.mod" -replace "github.com/FerretDB/FerretDB=$out/src"

echo "ferretdb.sh: building FerretDB $version (about a minute the first time)"
CGO_ENABLED=0 go build -modfile="$out/build.mod" -trimpath -o "$bin.tmp" github.com/FerretDB/FerretDB/cmd/ferretdb
mv "$bin.tmp" "$bin"
"$bin" --version >/dev/null
printf '%s' "$stamp" > "$out/stamp"
echo "ferretdb.sh: $bin"
