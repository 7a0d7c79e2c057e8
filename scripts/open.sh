#!/usr/bin/env bash
# Opens the app. On a desktop session it simply runs; on a headless machine (no DISPLAY) it runs under Xvfb
# with its own session bus and an unlocked throwaway keyring, and says so.
set -euo pipefail
bin=$1
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$bin"
fi
echo "No display found: starting Siyana under Xvfb (headless) with a temporary keyring." >&2
exec xvfb-run -a -s "-screen 0 1280x860x24" dbus-run-session -- "$(dirname "$0")/with-keyring.sh" "$bin"
