#!/usr/bin/env bash
# Every test: peers, the workflows (actionlint, pinned actions), frontend checks and unit tests, go vet,
# go test -race (with a real keychain, Xvfb and the production binary), the .deb installed and purged on this
# machine, the dist tools, then the browser E2E against the dev bridge. Called by `make test` after deps.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1 GOFLAGS=${GOFLAGS:--buildvcs=false}
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "peers (FerretDB, soketi, Next.js fixture)"
make --no-print-directory peers

step "workflows and the integrations' example (actionlint, pinned in tools/actionlint)"
"$(scripts/gotool.sh actionlint)" .github/workflows/*.yml integrations/github-actions/*.yml
# Every action by full commit digest, with the release it is in a comment.
if grep -nE '^\s*(- )?uses:' .github/workflows/*.yml integrations/github-actions/*.yml | grep -vE 'uses: [^@ ]+@[0-9a-f]{40} # v[0-9]'; then
  echo "workflows: the actions above are not pinned by commit digest with a version comment" >&2; exit 1
fi

step "frontend: type check, unit tests, build"
(cd frontend && npm run --silent check && npm run --silent test && npm run --silent build)

step "go vet"
go vet ./...

step "binaries (production, dev bridge, sandbox peers)"
make --no-print-directory build csplockedbuild sandboxbuild >/dev/null
# The dev bridge carries a release version (no pre-release) so the update-notice E2E has one to compare.
make --no-print-directory devbuild VERSION=v0.0.1+e2e >/dev/null

export SIYANA_BINARY=$PWD/build/bin/siyana SIYANA_DEV_BINARY=$PWD/build/bin/siyana-dev
export SIYANA_CSP_LOCKED_BINARY=$PWD/build/bin/siyana-csp-locked
export SIYANA_PEERS_BINARY=$PWD/build/bin/siyana-sandbox
step "go test -race (real keychain under dbus-run-session, Xvfb for the binary test)"
# The leak sweep (TestLeakSweep) writes its summary here: go test shows nothing of a passing test.
export SIYANA_LEAK_REPORT=${TMPDIR:-/tmp}/siyana-leak-sweep.$$.txt
rm -f "$SIYANA_LEAK_REPORT"
status=0
xvfb-run -a -s "-screen 0 1280x860x24" dbus-run-session -- scripts/with-keyring.sh \
  go test -race -count=1 -timeout 20m ./... || status=$?
step "leak sweep"
if [ -s "$SIYANA_LEAK_REPORT" ]; then grep '^leak sweep' "$SIYANA_LEAK_REPORT"; else echo "the leak sweep did not run"; status=1; fi
rm -f "$SIYANA_LEAK_REPORT"
[ "$status" = 0 ] || exit "$status"

step "the .deb: build, apt-get install, window under Xvfb, validators, purge (tests/install)"
make --no-print-directory dist-linux >/dev/null
SIYANA_DEB=$(ls "$PWD"/dist/siyana_*_amd64.deb) SIYANA_REQUIRE_INSTALL=1 \
  xvfb-run -a -s "-screen 0 1280x860x24" dbus-run-session -- scripts/with-keyring.sh \
  go test -count=1 ./tests/install/

step "dist tools: versions, icons, PE metadata of the Windows artefacts when dist/ has them (tools/distkit)"
(cd tools/distkit && SIYANA_DIST_DIR=$PWD/../../dist go test -count=1 ./...)

step "the shipped route on Next 15 (the fixture rebuilt with next 15.5)"
bash scripts/peers/nextjs.sh next15
SIYANA_NEXTSITE_DIR=${SIYANA_TOOLS_DIR:-$PWD/.tools}/nextjs15/site \
  go test -count=1 -run 'NextSite|NextRoute' ./backend/testpeer/ ./backend/revalidate/

# The E2E asserts codes and catalog keys, so the same specs run in each language (set through the app's own
# switch before each spec, see frontend/e2e/words.ts).
for lang in ar en; do
  step "browser E2E in $lang (Chromium against the dev bridge)"
  SIYANA_E2E_LANG=$lang xvfb-run -a -s "-screen 0 1280x860x24" dbus-run-session -- scripts/with-keyring.sh \
    bash -c 'cd frontend && npm run --silent e2e'
done
