#!/usr/bin/env bash
# Installs soketi 1.6.1 (a Pusher-protocol server, the real peer for backend/realtime tests) into
# $SIYANA_TOOLS_DIR/soketi or <repo>/.tools/soketi from the committed lockfile in tools/soketi.
# Idempotent: a stamp records the lockfile hash and the Node major version (the native uWebSockets build is
# tied to it), so a warm run only hashes one file.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
tools=${SIYANA_TOOLS_DIR:-$root/.tools}
dest=$tools/soketi
src=$root/tools/soketi

for tool in node npm; do
  command -v "$tool" >/dev/null 2>&1 || { echo "soketi: $tool is required: install Node.js 20 (scripts/bootstrap.sh)" >&2; exit 1; }
done
node_major=$(node -p 'process.versions.node.split(".")[0]')
want="$(sha256sum "$src/package-lock.json" | cut -d' ' -f1) node$node_major"

if [ -f "$dest/.stamp" ] && [ "$(cat "$dest/.stamp")" = "$want" ] \
   && [ -f "$dest/node_modules/@soketi/soketi/bin/server.js" ]; then
  exit 0
fi

echo "soketi: installing into $dest"
mkdir -p "$dest"
rm -f "$dest/.stamp"
cp "$src/package.json" "$src/package-lock.json" "$dest/"
# Install scripts are not needed: the overridden uWebSockets build ships its binaries, and the optional
# native helpers (bufferutil, utf-8-validate) fall back to JavaScript.
(cd "$dest" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
test -f "$dest/node_modules/@soketi/soketi/bin/server.js"
echo "$want" > "$dest/.stamp"
echo "soketi: ready"
