#!/usr/bin/env bash
# Builds the Go tool of module tools/NAME into .tools/NAME and prints the binary's path: the pinned tool of
# its `tool` line (wails, nfpm, actionlint) or, without one, the module's own command (distkit). Rebuilt only
# when a file of that module is newer than the binary. Usage: scripts/gotool.sh NAME
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1
mod=tools/$name/go.mod
pkg=$(sed -n 's/^tool //p' "$mod" | head -n1)
pkg=${pkg:-.}
bin=.tools/$name
if [ ! -x "$bin" ] || [ -n "$(find "tools/$name" -newer "$bin" -type f -print -quit)" ]; then
  mkdir -p .tools
  (cd "tools/$name" && go build -trimpath -o "../../$bin" "$pkg")
fi
echo "$PWD/$bin"
