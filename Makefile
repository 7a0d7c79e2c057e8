# Siyana: `make run` opens the app, `make test` runs every test. Both install what is missing first.
SHELL := /bin/bash
export PATH := /usr/local/go/bin:$(PATH)

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo 0.1.0-dev)
COMMIT  ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
DATE    ?= $(shell date -u +%Y-%m-%dT%H:%M:%SZ)
LDFLAGS := -X siyana/backend/buildinfo.Version=$(VERSION) -X siyana/backend/buildinfo.Commit=$(COMMIT) -X siyana/backend/buildinfo.Date=$(DATE)
TAGS    := desktop,production,webkit2_41
BIN     := build/bin/siyana
DEVBIN  := build/bin/siyana-dev

.PHONY: run test deps-run deps-test deps-dist frontend build devbuild csplockedbuild sandboxbuild bindings peers check-go test-go test-frontend test-e2e test-binary bench sandbox dist dist-linux dist-windows dist-ctl ctl test-windows clean

run: deps-run build
	scripts/open.sh $(BIN)

test: deps-test
	scripts/test.sh

deps-run:
	scripts/bootstrap.sh run
	scripts/npm-ci.sh frontend

deps-test:
	scripts/bootstrap.sh test
	scripts/npm-ci.sh frontend

deps-dist:
	scripts/bootstrap.sh dist
	scripts/npm-ci.sh frontend

frontend:
	cd frontend && npm run --silent build

build: frontend
	go build -tags $(TAGS) -trimpath -ldflags "-w -s $(LDFLAGS)" -o $(BIN) .

# The dev bridge the browser E2E drives (real Go methods over a loopback websocket).
devbuild: frontend
	go build -tags dev,webkit2_41 -ldflags "$(LDFLAGS)" -o $(DEVBIN) .

# The production binary linked with a policy that forbids every script: tests/binary proves WebKit enforces
# the Content-Security-Policy header with it (the splash paints, the app never mounts). Tests only.
csplockedbuild: frontend
	go build -tags $(TAGS) -trimpath -ldflags "-w -s \"-X=siyana/internal/desktop.contentSecurityPolicy=default-src 'self'; script-src 'none'\"" -o build/bin/siyana-csp-locked .

# The sandbox command: starts FerretDB, soketi and the fixture site on loopback (make sandbox, browser E2E).
sandboxbuild:
	go build -o build/bin/siyana-sandbox ./cmd/sandbox

# Regenerate the committed TypeScript bindings after changing bound methods.
bindings:
	scripts/bindings.sh

peers:
	@for s in scripts/peers/*.sh; do [ -e "$$s" ] || continue; echo "== $$s"; bash "$$s" || exit 1; done

# Benchmarks + bench/REPORT.md. The hello-world baseline is built exactly like the production binary above.
bench: deps-test peers build
	go build -tags $(TAGS) -trimpath -ldflags "-w -s $(LDFLAGS)" -o build/bin/siyana-hello ./bench/hello
	scripts/bench.sh

# Release artefacts into dist/ (scripts/dist.sh): the .deb and tarball, the Windows installer and zip,
# SHA256SUMS. dist-linux alone is what the install test in `make test` builds.
dist: deps-dist frontend
	VERSION="$(VERSION)" LDFLAGS="$(LDFLAGS)" scripts/dist.sh all

dist-linux: frontend
	VERSION="$(VERSION)" LDFLAGS="$(LDFLAGS)" scripts/dist.sh linux

# The four siyanactl binaries (linux/amd64, linux/arm64, windows/amd64, darwin/arm64) into dist/.
dist-ctl:
	VERSION="$(VERSION)" LDFLAGS="$(LDFLAGS)" scripts/dist.sh ctl

# siyanactl for this machine (build/bin/siyanactl); no frontend, no Wails, no cgo.
ctl:
	CGO_ENABLED=0 go build -trimpath -ldflags "-w -s $(LDFLAGS)" -o build/bin/siyanactl ./cmd/siyanactl

dist-windows: deps-dist frontend
	VERSION="$(VERSION)" LDFLAGS="$(LDFLAGS)" scripts/dist.sh windows

# The Windows artefacts end to end on Linux: build them, check their PE metadata, install and uninstall the
# NSIS installer silently under Debian's wine64 (tools/distkit). Not in make test: ~40 s warm, minutes cold.
test-windows: dist-windows
	scripts/bootstrap.sh wine
	cd tools/distkit && SIYANA_WINE_TEST=1 SIYANA_DIST_DIR=$(CURDIR)/dist xvfb-run -a go test -count=1 -run 'Windows|Wine' ./...

sandbox: deps-test peers
	scripts/sandbox.sh

clean:
	rm -rf build/bin frontend/node_modules .tools dist
