#!/usr/bin/env bash
# Runs a command against a real, unlocked, throw-away Secret Service keychain (gnome-keyring) with no desktop.
#
# Usage: dbus-run-session -- scripts/with-keyring.sh <command> [args...]
#
# Why each step (facts in shared/notes/keychain.md):
# - dbus-run-session gives the command its own session bus and stops the bus when the command ends; the
#   keyring daemon exits with its bus, so nothing outlives the run.
# - A fresh XDG_DATA_HOME gives an empty keyring each run, without touching the user's own keyrings (changing
#   HOME would also work but makes Go re-download modules).
# - The daemon registers org.freedesktop.secrets a little after --unlock returns; without waiting for the
#   name a client can autostart a second daemon that sometimes outlives the run. So we poll, bounded.
# - SIYANA_KEYRING_IT=1 turns on the keychain integration tests (they fail under CI=true without it).
set -euo pipefail

if [[ $# -eq 0 ]]; then
	echo "usage: dbus-run-session -- $0 <command> [args...]" >&2
	exit 2
fi
if [[ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]]; then
	echo "with-keyring: no session bus; run me as: dbus-run-session -- $0 $*" >&2
	exit 2
fi
for tool in gnome-keyring-daemon dbus-send; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "with-keyring: $tool not found (Debian: apt-get install gnome-keyring dbus libsecret-tools)" >&2
		exit 2
	fi
done

data_home="$(mktemp -d "${TMPDIR:-/tmp}/siyana-keyring.XXXXXX")"
export XDG_DATA_HOME="$data_home"
# The temp dir holds only the throw-away keyring; remove it when the bus session (and we) are gone. exec
# below replaces this shell, so a background watcher removes it once our process (the command) has exited.
(
	trap '' HUP INT TERM
	while kill -0 "$$" 2>/dev/null; do sleep 0.2; done
	rm -rf -- "$data_home"
) </dev/null >/dev/null 2>&1 &
disown

# A throw-away password: the keyring is deleted with the temp dir, so it protects nothing lasting.
password="siyana-test-$RANDOM$RANDOM"
eval "$(printf %s "$password" | gnome-keyring-daemon --unlock --components=secrets)"
export GNOME_KEYRING_CONTROL

deadline=$((SECONDS + ${SIYANA_KEYRING_WAIT_S:-10}))
until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
	org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; do
	if ((SECONDS >= deadline)); then
		echo "with-keyring: org.freedesktop.secrets did not appear on the session bus within ${SIYANA_KEYRING_WAIT_S:-10} s" >&2
		exit 1
	fi
	sleep 0.05
done

export SIYANA_KEYRING_IT=1
exec "$@"
