#!/usr/bin/env bash
# Opens the app. On a desktop session it simply runs; on a headless machine (no DISPLAY / WAYLAND_DISPLAY)
# it runs under Xvfb with its own session bus and an unlocked throwaway keyring, and says where the window
# is and how to take a screenshot of it.
#
# `make sandbox` in another terminal cannot reach that throwaway keyring, so on the headless path a running
# sandbox's profile is imported into it first (`siyana-sandbox seed`, which reads <config dir>/sandbox.json
# and does nothing when no sandbox runs). On a desktop the sandbox has already seeded the real keychain.
#
# Known harmless lines of the headless session are dropped, each by its exact text (scripts/run-noise.txt:
# the session bus' fd limit, the accessibility bus starting, WebKit's JavaScriptCore taking signal 10);
# everything else the app, the bus or the keyring prints still shows.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin=$1
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$bin"
fi
sandbox="$here/../build/bin/siyana-sandbox"
if [ ! -x "$sandbox" ]; then sandbox=""; fi
noise="$here/run-noise.txt"
quiet() { grep --line-buffered -v -E -f "$noise" || true; }

# The inner shell (under Xvfb, the bus and the keyring) says where the window is, seeds when a sandbox
# runs (a failed seed is reported, not fatal), then becomes the app: Ctrl+C or `kill PID` closes it cleanly.
inner='
shot="siyana-$(date +%H%M%S).png"
cat >&2 <<MSG
No display found: Siyana runs under Xvfb (a virtual screen, 1280x860) with a temporary keyring.
  window:     on display $DISPLAY (nothing appears on this screen)
  screenshot: DISPLAY=$DISPLAY XAUTHORITY=$XAUTHORITY import -window root $shot
              (ImageMagick; from another terminal while this one runs)
  stop:       Ctrl+C here, or kill $$
MSG
command -v import >/dev/null || echo "  (import not found: apt-get install imagemagick)" >&2
if [ -n "$1" ]; then "$1" seed || echo "sandbox profile not imported (see above)" >&2; fi
exec "$2"'
xvfb-run -a -s "-screen 0 1280x860x24" dbus-run-session -- "$here/with-keyring.sh" \
  bash -c "$inner" open.sh "$sandbox" "$bin" \
  > >(quiet) 2> >(quiet >&2)
