#!/usr/bin/env bash
# Opens the app. On a desktop session it simply runs; on a headless machine (no DISPLAY) it runs under Xvfb
# with its own session bus and an unlocked throwaway keyring, and says so.
#
# `make sandbox` in another terminal cannot reach that throwaway keyring, so on the headless path a running
# sandbox's profile is imported into it first (`siyana-sandbox seed`, which reads <config dir>/sandbox.json
# and does nothing when no sandbox runs). On a desktop the sandbox has already seeded the real keychain.
set -euo pipefail
bin=$1
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$bin"
fi
echo "No display found: starting Siyana under Xvfb (headless) with a temporary keyring." >&2
sandbox="$(cd "$(dirname "$0")/.." && pwd)/build/bin/siyana-sandbox"
if [ ! -x "$sandbox" ]; then sandbox=""; fi
# The inner shell seeds (when a sandbox runs) and then becomes the app; a failed seed is reported, not fatal.
exec xvfb-run -a -s "-screen 0 1280x860x24" dbus-run-session -- "$(dirname "$0")/with-keyring.sh" \
  bash -c 'if [ -n "$1" ]; then "$1" seed || echo "sandbox profile not imported (see above)" >&2; fi; exec "$2"' \
  open.sh "$sandbox" "$bin"
