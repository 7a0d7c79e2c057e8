#!/usr/bin/env bash
# Regenerates frontend/wailsjs with the pinned Wails CLI (built once from tools/wails into .tools/).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .tools/wails ] || [ tools/wails/go.mod -nt .tools/wails ]; then
  (cd tools/wails && go build -o ../../.tools/wails github.com/wailsapp/wails/v2/cmd/wails)
fi
.tools/wails generate module
