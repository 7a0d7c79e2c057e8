#!/usr/bin/env bash
# Regenerates frontend/wailsjs with the pinned Wails CLI (built once from tools/wails into .tools/).
set -euo pipefail
cd "$(dirname "$0")/.."
wails=$(scripts/gotool.sh wails)
"$wails" generate module
