#!/usr/bin/env bash
# Screenshots of the production binary (WebKitGTK, the real window) under Xvfb, on the sandbox's peers:
# docs/screens/binary-<width>-<theme>.png. The theme is the saved preference (theme.json in a fresh config
# dir); "check all" is clicked where the dashboard puts it, so the cards show real results. Needs
# build/bin/siyana and build/bin/siyana-sandbox (make build sandboxbuild) and the peers (SIYANA_TOOLS_DIR).
# Usage: scripts/screens-binary.sh [out dir] ["<width> <theme> <click x from the right> <click y>" ...]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screens}
shift || true
[ $# -gt 0 ] || set -- "1920 dark 75 99" "1280 light 75 99" "760 dark 75 170"
mkdir -p "$out"
out=$(cd "$out" && pwd)
for spec in "$@"; do
  read -r width theme fromRight clickY <<<"$spec"
  cfg=$(mktemp -d "${TMPDIR:-/tmp}/siyana-screens.XXXXXX")
  printf '{"theme":"%s"}\n' "$theme" >"$cfg/theme.json"
  SIYANA_CONFIG_DIR=$cfg xvfb-run -a -s "-screen 0 ${width}x1080x24" dbus-run-session -- scripts/with-keyring.sh \
    bash -c '
      set -euo pipefail
      width=$1 fromRight=$2 clickY=$3 shot=$4 log=$SIYANA_CONFIG_DIR/sandbox.log
      setsid build/bin/siyana-sandbox >"$log" 2>&1 & sandbox=$!
      trap "kill -- -$sandbox 2>/dev/null || true" EXIT
      for _ in $(seq 300); do grep -q "is ready in" "$log" && break; sleep 0.2; done
      grep -q "is ready in" "$log" || { cat "$log" >&2; exit 1; }
      build/bin/siyana >/dev/null 2>&1 & app=$!
      win=$(xdotool search --sync --pid "$app" --onlyvisible | head -n1)
      xdotool windowmove "$win" 0 0 windowsize "$win" "$width" 1080
      sleep 4
      xdotool mousemove $((width - fromRight)) "$clickY" click 1
      sleep 6
      xdotool mousemove $((width - 1)) 1079
      import -window root "$shot"
      kill "$app"; wait "$app" 2>/dev/null || true
    ' screens "$width" "$fromRight" "$clickY" "$out/binary-$width-$theme.png"
  rm -rf -- "$cfg"
  echo "$out/binary-$width-$theme.png"
done
