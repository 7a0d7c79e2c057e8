#!/usr/bin/env bash
# Installs what `make run` / `make test` need on Debian 12 / Ubuntu 24.04 and checks toolchain versions.
# Usage: scripts/bootstrap.sh [run|test|dist|wine]. Idempotent: installs only what is missing.
set -euo pipefail
want=${1:-run}

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

need_go="1.26"; need_node="20.19" # Go 1.26: go.mod (prometheus/client_golang v1.25.0 and the watch history's modernc sqlite need it)
vercmp_ge() { [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]; }

fail=0
if ! command -v go >/dev/null 2>&1; then
  echo "Go is missing: install Go >= $need_go from the official Go downloads (tarball into /usr/local/go) and add /usr/local/go/bin to PATH." >&2; fail=1
else
  gv=$(go env GOVERSION | sed 's/^go//')
  vercmp_ge "$gv" "$need_go" || { echo "Go $gv is too old: Siyana needs Go >= $need_go (Debian's golang package is older; use the official tarball)." >&2; fail=1; }
fi
if ! command -v node >/dev/null 2>&1; then
  echo "Node.js is missing: install Node.js >= $need_node (for example the NodeSource 20.x or 22.x packages)." >&2; fail=1
else
  nv=$(node --version | sed 's/^v//')
  vercmp_ge "$nv" "$need_node" || { echo "Node.js $nv is too old: Siyana needs Node.js >= $need_node (Vite 8)." >&2; fail=1; }
fi
[ "$fail" = 0 ] || exit 1

pkgs_build="build-essential pkg-config libgtk-3-dev libwebkit2gtk-4.1-dev"
pkgs_run="xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools"
# prometheus: Debian's Prometheus and promtool (siyanactl watch is scraped by a real one; the alert rules are
# checked and unit-tested with promtool). The package's own service is masked before the install (below).
pkgs_test="xvfb xauth dbus gnome-keyring libsecret-tools chromium curl imagemagick xdotool psmisc iproute2 fonts-dejavu-core desktop-file-utils appstream prometheus dbus-daemon dunst libnotify-bin"
# make dist: Debian's NSIS for the Windows installer (the Wails CLI calls makensis).
pkgs_dist="nsis"

pkgs="$pkgs_build"
case "$want" in
  run) pkgs="$pkgs $pkgs_run" ;;
  test) pkgs="$pkgs $pkgs_test" ;;
  dist) pkgs="$pkgs $pkgs_dist" ;;
  wine) pkgs="$pkgs $pkgs_dist wine64 xvfb xauth" ;; # make test-windows: the installer under Wine
esac

# One dpkg-query for every package (a warm run costs a few milliseconds); a package it does not know is missing.
installed=$(dpkg-query -W -f='${Package} ${Status}\n' $pkgs 2>/dev/null | awk '$NF == "installed" && $(NF-1) == "ok" { print $1 }' || true)
missing=""
for p in $pkgs; do
  printf '%s\n' "$installed" | grep -qx "$p" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "installing:$missing"
  # Debian starts the prometheus package's own service on install, listening on every interface (:9090).
  # The tests run their own Prometheus on loopback only, so on a machine with systemd the service is masked
  # before the install and never starts (`sudo systemctl unmask prometheus` undoes it).
  if printf '%s\n' $missing | grep -qx prometheus && [ -d /run/systemd/system ]; then
    echo "masking prometheus.service (the tests start their own Prometheus on 127.0.0.1)"
    $SUDO systemctl mask prometheus.service >/dev/null
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
