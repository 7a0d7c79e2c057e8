#!/usr/bin/env bash
# make bench: the Go benchmarks (each against its raw baseline) plus the desktop figures (binary and JS size,
# idle memory, first paint, each against the hello-world Wails app in bench/hello), all in one run, written
# to bench/REPORT.md. The Makefile has built build/bin/siyana and build/bin/siyana-hello with the same tags
# and flags before calling this. Raw outputs (and the first-paint frames) stay in bench/out/ (gitignored).
#
# Env: BENCHTIME (go test -benchtime, default 2s), BENCH_RUNS (launches per app, default 7), BENCH_IDLE
# (wait after first paint before reading memory, default 5s).
set -euo pipefail
cd "$(dirname "$0")/.."
export GOFLAGS=${GOFLAGS:--buildvcs=false} NEXT_TELEMETRY_DISABLED=1
out=bench/out
mkdir -p "$out"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
load=$(cut -d' ' -f1-3 /proc/loadavg)

for b in build/bin/siyana build/bin/siyana-hello; do
  [ -x "$b" ] || { echo "bench: $b is missing; run \`make bench\` (it builds both binaries first)" >&2; exit 1; }
done

# Every package with a benchmark, found by content, so a benchmark added later is measured and reported
# without editing this script.
mapfile -t pkgs < <({ grep -lE '^func Benchmark' ./*_test.go; grep -rlE --include='*_test.go' '^func Benchmark' backend cmd; } 2>/dev/null |
  xargs -r -n1 dirname | sort -u | sed 's|^\./||; s|^|./|; s|^\./\.$|.|')
step "Go benchmarks: ${pkgs[*]}"
# A failing benchmark must not hide the others: the report lists it under "Skipped or failed".
go test -run '^$' -bench . -benchtime "${BENCHTIME:-2s}" -count 1 -timeout 20m -json "${pkgs[@]}" >"$out/go.json" ||
  echo "bench: some benchmarks failed; see the report" >&2

step "desktop: idle memory and first paint under Xvfb (siyana vs hello-world, ${BENCH_RUNS:-7} launches each)"
go build -o "$out/desktop" ./bench/desktop
fbdir=$(mktemp -d "${TMPDIR:-/tmp}/siyana-bench-fb.XXXXXX")
trap 'rm -rf -- "$fbdir"' EXIT
# dbus-run-session + with-keyring: the same environment `make run` gives the app on a headless box (and no
# stray a11y/keyring daemons outliving the run). Session-bus chatter is filtered out of the terminal.
xvfb-run -a -s "-screen 0 1280x860x24 -fbdir $fbdir" dbus-run-session -- scripts/with-keyring.sh \
  "$out/desktop" -fb "$fbdir/Xvfb_screen0" -runs "${BENCH_RUNS:-7}" -idle "${BENCH_IDLE:-5s}" -snap "$out" \
  -tuned hello-tuned -out "$out/desktop.json" siyana=build/bin/siyana hello=build/bin/siyana-hello hello-tuned=build/bin/siyana-hello \
  2>&1 | grep -v --line-buffered -e '^dbus-daemon' -e 'SpiRegistry' >&2

step "report"
go run ./bench/report -bench "$out/go.json" -desktop "$out/desktop.json" -bin build/bin/siyana \
  -hello build/bin/siyana-hello -dist frontend/dist -load "$load" -o bench/REPORT.md
sed -n '/^## Targets/,/^## Every/p' bench/REPORT.md | sed '$d'
