#!/usr/bin/env bash
# `make dist`: the release artefacts, built on Linux, into dist/:
#   linux    siyana_<deb version>_amd64.deb (nfpm) and siyana-<version>-linux-amd64.tar.gz
#   windows  siyana-<version>-windows-amd64-installer.exe (NSIS through the Wails CLI) and
#            siyana-<version>-windows-amd64.zip (the portable siyana.exe)
#   ctl      siyanactl-<version>-{linux-amd64,linux-arm64,windows-amd64.exe,darwin-arm64} (no cgo)
# then SHA256SUMS over every artefact in dist/. Usage: scripts/dist.sh linux|windows|ctl|all
# VERSION and LDFLAGS come from the Makefile (git describe); the frontend must be built (make frontend).
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
: "${VERSION:?set by the Makefile}" "${LDFLAGS:?set by the Makefile}"
export GOFLAGS=${GOFLAGS:--buildvcs=false}
say() { printf '== dist: %s\n' "$*"; }

distkit=$(scripts/gotool.sh distkit)
# The four numbers Windows needs and the Debian version, from git describe (tools/distkit/version.go;
# before the first version tag: 0.1.0 and the commit count).
commits=$(git rev-list --count HEAD 2>/dev/null || echo 0)
versions=$("$distkit" version "$VERSION" "$commits")
eval "$versions"
# The project's home, from the one constant the update notice also reads.
repo=$(sed -n 's/^const DefaultRepo = "\([^"]*\)"$/\1/p' backend/update/feed.go)
[ -n "$repo" ] || { echo "dist: no DefaultRepo in backend/update/feed.go" >&2; exit 1; }
homepage=https://github.com/$repo
product=$(sed -n 's/^ *"productName": *"\([^"]*\)".*/\1/p' wails.json)
# Archive entries and metadata dates follow the commit, not the clock.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
mkdir -p dist
say "version $VERSION (deb $DEB, windows $NUMERIC)"

tarball() { # tarball OUT DIR: a reproducible .tar.gz of DIR's contents under DIR's base name
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    -C "$(dirname "$2")" -cf - "$(basename "$2")" | gzip -n > "$1"
}

linux() {
  local stage=dist/.stage/linux nfpm
  nfpm=$(scripts/gotool.sh nfpm)
  rm -rf "$stage" dist/siyana_*_amd64.deb dist/siyana-*-linux-amd64.tar.gz
  mkdir -p "$stage"
  say "linux binary"
  go build -tags desktop,production,webkit2_41 -trimpath -ldflags "-w -s $LDFLAGS" -o "$stage/siyana" .
  "$distkit" icons build/appicon.png "$stage/icons"
  sed -e "s#@HOMEPAGE@#$homepage#g" -e "s#@VERSION@#$DEB#g" \
    -e "s#@DATE@#$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%d)#g" \
    build/linux/app.siyana.Siyana.metainfo.xml > "$stage/app.siyana.Siyana.metainfo.xml"
  printf 'Siyana (%s)\nCopyright: Siyana maintainers\nSource: %s\n' "$VERSION" "$homepage" > "$stage/copyright"

  say "deb"
  SIYANA_DEB_VERSION=$DEB SIYANA_HOMEPAGE=$homepage SIYANA_STAGE=$stage \
    "$nfpm" package --config build/linux/nfpm.yaml --packager deb --target "dist/siyana_${DEB}_amd64.deb" >/dev/null

  say "tarball"
  local root=$stage/siyana-$VERSION
  mkdir -p "$root/bin" "$root/share/applications" "$root/share/metainfo"
  cp "$stage/siyana" "$root/bin/"
  cp build/linux/app.siyana.Siyana.desktop "$root/share/applications/"
  cp "$stage/app.siyana.Siyana.metainfo.xml" "$root/share/metainfo/"
  for d in "$stage"/icons/*/; do
    mkdir -p "$root/share/icons/hicolor/$(basename "$d")/apps"
    cp "$d/siyana.png" "$root/share/icons/hicolor/$(basename "$d")/apps/"
  done
  tarball "dist/siyana-$VERSION-linux-amd64.tar.gz" "$root"
}

windows() {
  local stage=dist/.stage/windows wails
  command -v makensis >/dev/null || { echo "dist: makensis is missing: run scripts/bootstrap.sh dist (Debian's nsis)" >&2; exit 1; }
  wails=$(scripts/gotool.sh wails)
  rm -rf "$stage" dist/siyana-*-windows-amd64*
  mkdir -p "$stage"
  # Wails writes into the project it builds (the resolved wails_tools.nsh, a .syso, build/bin): build a
  # copy with the version stamped into its wails.json, so the tree stays clean.
  tar -cf - --exclude=build/bin ./*.go go.mod go.sum wails.json backend internal build frontend/dist frontend/package.json \
    | tar -xf - -C "$stage"
  sed -i -E "s/(\"productVersion\": *\")[^\"]*\"/\1$NUMERIC\"/" "$stage/wails.json"
  grep -q "\"productVersion\": \"$NUMERIC\"" "$stage/wails.json" || { echo "dist: could not stamp wails.json" >&2; exit 1; }
  say "windows exe and NSIS installer (Wails CLI)"
  (cd "$stage" && CGO_ENABLED=0 "$wails" build -platform windows/amd64 -nsis -s -skipbindings -m -nosyncgomod \
    -trimpath -ldflags "$LDFLAGS" -o siyana.exe -v 1 >wails-build.log 2>&1) || { cat "$stage/wails-build.log" >&2; exit 1; }
  local exe=$stage/build/bin/siyana.exe installer=$stage/build/bin/siyana-amd64-installer.exe
  # Wails skips the installer with only a warning when makensis fails to start: check it is there.
  [ -s "$installer" ] || { cat "$stage/wails-build.log" >&2; echo "dist: no installer was built" >&2; exit 1; }
  say "PE metadata"
  "$distkit" pe "$exe" "$NUMERIC" "$product" >/dev/null
  "$distkit" pe "$installer" "$NUMERIC" "$product" >/dev/null
  cp "$installer" "dist/siyana-$VERSION-windows-amd64-installer.exe"
  touch -d "@$SOURCE_DATE_EPOCH" "$exe"
  "$distkit" zip "dist/siyana-$VERSION-windows-amd64.zip" "$exe"
}

# siyanactl: pure Go without cgo, so all four platforms build here (cmd/siyanactl, README "From a terminal or CI").
ctl() {
  rm -f dist/siyanactl-*
  local target os arch ext
  for target in linux/amd64 linux/arm64 windows/amd64 darwin/arm64; do
    os=${target%/*} arch=${target#*/} ext=
    [ "$os" = windows ] && ext=.exe
    say "siyanactl $os/$arch"
    CGO_ENABLED=0 GOOS=$os GOARCH=$arch go build -trimpath -ldflags "-w -s $LDFLAGS" \
      -o "dist/siyanactl-$VERSION-$os-$arch$ext" ./cmd/siyanactl
  done
}

case "$what" in
  linux) linux ;;
  windows) windows ;;
  ctl) ctl ;;
  all) rm -f dist/siyana* dist/SHA256SUMS; linux; windows; ctl ;; # one version in dist/ and in SHA256SUMS
  *) echo "usage: $0 linux|windows|ctl|all" >&2; exit 2 ;;
esac

(cd dist && find . -maxdepth 1 -type f -name 'siyana*' -printf '%f\n' | sort | xargs sha256sum > SHA256SUMS)
say "artefacts:"
(cd dist && ls -l --time-style=+ siyana* SHA256SUMS | awk '{printf "   %10d  %s\n", $5, $NF}')
