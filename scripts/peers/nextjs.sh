#!/usr/bin/env bash
# Builds the fixture Next.js site (integrations/nextjs/fixture, which compiles the shipped revalidate route)
# into .tools/nextjs/site, a standalone server that testpeer.StartNextSite copies per instance.
# Idempotent: `npm ci` only when the lockfile changed, `next build` only when a source changed (hash stamp),
# so a warm run only hashes a handful of files.
#
# `nextjs.sh next15` builds the same fixture with Next 15 (webpack, ~3 min cold) into .tools/nextjs15/site;
# run the tests on it with SIYANA_NEXTSITE_DIR=.tools/nextjs15/site go test ./backend/testpeer/.
set -euo pipefail
variant=${1:-}

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
fixture="$repo/integrations/nextjs/fixture"
tools="${SIYANA_TOOLS_DIR:-$repo/.tools}/nextjs${variant#next}"
export NEXT_TELEMETRY_DISABLED=1

command -v node >/dev/null || { echo "nextjs peer: Node.js is missing (run scripts/bootstrap.sh test)" >&2; exit 1; }
mkdir -p "$tools"

# One build at a time: several `make test` runs may start together.
exec 9>"$tools/.lock"
flock 9

# Sources that change the build. The route is a symlink to the shipped file; sha256sum follows it, so an
# edit of integrations/nextjs/app/api/revalidate/route.ts triggers a rebuild.
src_hash() {
  cd "$fixture"
  {
    node --version
    sha256sum < "$repo/scripts/peers/nextjs.sh"
    sha256sum package.json package-lock.json next.config.ts tsconfig.json
    find -L app lib -type f | LC_ALL=C sort | xargs sha256sum
  } | sha256sum | cut -d' ' -f1
}
lock_hash() { { node --version; sha256sum "$fixture/package-lock.json"; } | sha256sum | cut -d' ' -f1; }

want=$(src_hash)
if [ -f "$tools/site/server.js" ] && [ "$(cat "$tools/stamp" 2>/dev/null)" = "$want" ]; then
  exit 0
fi

if [ "$variant" = next15 ]; then
  # A copy of the fixture with the route file itself (no symlink: webpack resolves it to its real path,
  # where no node_modules exists) and no lockfile: this is a compatibility check, not the main peer.
  rm -rf "$tools/src" && mkdir -p "$tools/src"
  (cd "$fixture" && cp -rL app lib next.config.ts tsconfig.json package.json "$tools/src/")
  sed -i 's/"next": "[^"]*"/"next": "15.5.29"/' "$tools/src/package.json"
  sed -i 's/^const root = .*/const root = __dirname;/' "$tools/src/next.config.ts"
  fixture="$tools/src"
  cd "$fixture"
  npm install --no-audit --no-fund --loglevel=error >&2
  deps=$(lock_hash)
  echo "$deps" > node_modules/.siyana-lock-hash
elif [ -n "$variant" ]; then
  echo "usage: $0 [next15]" >&2; exit 2
fi

cd "$fixture"
deps=$(lock_hash)
if [ "$(cat node_modules/.siyana-lock-hash 2>/dev/null)" != "$deps" ]; then
  echo "nextjs peer: npm ci" >&2
  t0=$(date +%s)
  npm ci --no-audit --no-fund --loglevel=error >&2
  echo "$deps" > node_modules/.siyana-lock-hash
  echo "nextjs peer: npm ci took $(( $(date +%s) - t0 )) s" >&2
fi

echo "nextjs peer: next build" >&2
t0=$(date +%s)
# A stale .next keeps cached data across builds; always start clean.
rm -rf .next
./node_modules/.bin/next build >"$tools/build.log" 2>&1 || { cat "$tools/build.log" >&2; exit 1; }
echo "nextjs peer: next build took $(( $(date +%s) - t0 )) s" >&2

# outputFileTracingRoot is integrations/nextjs, so the standalone server sits under fixture/ (directly in
# standalone/ for the next15 copy, whose root is its own directory).
standalone=.next/standalone/fixture
[ -f "$standalone/server.js" ] || standalone=.next/standalone
rm -rf "$tools/site.tmp"
cp -a "$standalone" "$tools/site.tmp"
cp -a .next/static "$tools/site.tmp/.next/static"
# The build's data cache (unstable_cache entries) ships too, as with `next start` in a built project: without
# it the first re-render after any revalidation would re-read every tag, hiding which tags were revalidated.
mkdir -p "$tools/site.tmp/.next/cache"
cp -a .next/cache/fetch-cache "$tools/site.tmp/.next/cache/fetch-cache"
rm -rf "$tools/site"
mv "$tools/site.tmp" "$tools/site"
echo "$want" > "$tools/stamp"
