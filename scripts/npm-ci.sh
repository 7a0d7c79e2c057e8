#!/usr/bin/env bash
# npm ci in DIR only when its package-lock.json changed since the last install (warm runs: instant).
set -euo pipefail
dir=$1
stamp="$dir/node_modules/.siyana-lock-sha"
want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then exit 0; fi
(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
echo "$want" > "$stamp"
