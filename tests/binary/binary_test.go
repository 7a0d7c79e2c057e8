// Package binary tests the production binary as an admin runs it: a real WebKit window under Xvfb that
// renders the shell, and no network port opened by the app or its WebKit helpers.
package binary

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"siyana/backend/testpeer"
	"siyana/tests/xwindow"
)

// needBinary returns the build named by $name (SIYANA_BINARY, SIYANA_DEV_BINARY, SIYANA_CSP_LOCKED_BINARY);
// without it or without an X display the test skips, and fails under CI (scripts/test.sh sets them all and
// runs this under Xvfb).
func needBinary(t *testing.T, name string) string {
	t.Helper()
	bin := os.Getenv(name)
	if bin == "" || os.Getenv("DISPLAY") == "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s and DISPLAY must be set in CI (scripts/test.sh runs this under Xvfb)", name)
		}
		t.Skipf("needs %s and an X display; run `make test`", name)
	}
	return bin
}

// startApp launches the binary with an isolated config dir in its own process group.
func startApp(t *testing.T, bin string, args ...string) *exec.Cmd {
	t.Helper()
	return startAppEnv(t, bin, []string{"SIYANA_CONFIG_DIR=" + t.TempDir()}, args...)
}

// startAppEnv launches the binary with env added to the test's environment, in its own process group.
func startAppEnv(t *testing.T, bin string, env []string, args ...string) *exec.Cmd {
	t.Helper()
	return xwindow.Start(t, appEnv(t, env), bin, args...)
}

// appEnv is env over a temp XDG_CONFIG_HOME (env may set its own): Wails' notification service creates
// <config dir>/<binary name> at start, which must not land in the home of whoever runs the tests.
func appEnv(t *testing.T, env []string) []string {
	return append([]string{"XDG_CONFIG_HOME=" + t.TempDir()}, env...)
}

// belowHeader is where the mounted app draws its cards or settings; the static splash of index.html is a
// header bar only, with flat background below it.
const belowHeader = 0.25

// waitForScreen polls screenshots until done says so or 30 s pass, and returns the last one.
func waitForScreen(t *testing.T, done func(shot []byte) bool) []byte {
	t.Helper()
	var shot []byte
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		time.Sleep(500 * time.Millisecond)
		if shot = xwindow.Screenshot(t, "root"); done(shot) {
			break
		}
	}
	return shot
}

func saveShot(t *testing.T, shot []byte, name string) string {
	t.Helper()
	out := os.Getenv("SIYANA_SCREENSHOT_OUT")
	if out == "" || name != "siyana.png" {
		out = filepath.Join(t.TempDir(), name)
	}
	if err := os.WriteFile(out, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestProductionWindowRenders: the real WebKit window paints, and the app itself mounted under its
// Content-Security-Policy (the splash alone would pass a "not blank" check: the area below the header
// must show the app's cards or settings too).
func TestProductionWindowRenders(t *testing.T) {
	bin := needBinary(t, "SIYANA_BINARY")
	startApp(t, bin)

	// Poll rather than sleep: first paint takes 0.3-0.9 s here.
	shot := waitForScreen(t, func(shot []byte) bool {
		return xwindow.Rendered(xwindow.InkStatsFrom(t, shot, 0)) && xwindow.Rendered(xwindow.InkStatsFrom(t, shot, belowHeader))
	})
	out := saveShot(t, shot, "siyana.png")
	colours, ink := xwindow.InkStatsFrom(t, shot, 0)
	lowColours, lowInk := xwindow.InkStatsFrom(t, shot, belowHeader)
	t.Logf("screenshot %s: %d colours, %.1f%% ink; below the header %d colours, %.1f%% ink", out, colours, ink*100, lowColours, lowInk*100)
	if !xwindow.Rendered(colours, ink) {
		t.Fatalf("window looks blank: %d colours, %.2f%% non-background pixels", colours, ink*100)
	}
	if !xwindow.Rendered(lowColours, lowInk) {
		t.Fatalf("only the splash painted, the app did not mount: %d colours below the header", lowColours)
	}
	if w, h := xwindow.ImageSize(shot); w < 700 {
		t.Fatalf("unexpected screen size %dx%d", w, h)
	}
}

// TestProductionWindowEnforcesCSP proves WebKit applies the policy header in the production window: the
// same binary linked with "script-src 'none'" (SIYANA_CSP_LOCKED_BINARY, built by scripts/test.sh) paints
// the splash, styled from the bundle's stylesheet, and never mounts the app. Without the header (the
// AssetServer middleware removed) the app would mount and this test fails.
func TestProductionWindowEnforcesCSP(t *testing.T) {
	bin := needBinary(t, "SIYANA_CSP_LOCKED_BINARY")
	startApp(t, bin)
	shot := waitForScreen(t, func(shot []byte) bool { return xwindow.Rendered(xwindow.InkStatsFrom(t, shot, 0)) })
	if !xwindow.Rendered(xwindow.InkStatsFrom(t, shot, 0)) {
		t.Fatal("the splash did not paint: the policy must still allow the app's own stylesheet")
	}
	// The app mounts within a second when scripts run; give it three.
	time.Sleep(3 * time.Second)
	shot = xwindow.Screenshot(t, "root")
	out := saveShot(t, shot, "siyana-csp-locked.png")
	lowColours, lowInk := xwindow.InkStatsFrom(t, shot, belowHeader)
	t.Logf("screenshot %s: below the header %d colours, %.1f%% ink", out, lowColours, lowInk*100)
	if xwindow.Rendered(lowColours, lowInk) {
		t.Fatal("the app mounted although its policy forbids every script: the header is not enforced")
	}
}

// TestProductionBinaryListensOnNothing: admin-only by construction means no port another process could use.
func TestProductionBinaryListensOnNothing(t *testing.T) {
	bin := needBinary(t, "SIYANA_BINARY")
	cmd := startApp(t, bin)
	// Give WebKit time to start its helper processes before looking.
	time.Sleep(4 * time.Second)
	found := listenersOf(t, cmd.Process.Pid)
	for _, addr := range found {
		t.Errorf("the production app listens on %s", addr)
	}
}

// TestListenerDetectorSeesDevBridge proves the check above can fail: the dev bridge (tests only) does listen.
func TestListenerDetectorSeesDevBridge(t *testing.T) {
	dev := needBinary(t, "SIYANA_DEV_BINARY")
	addr := testpeer.FreeAddr(t)
	root, _ := filepath.Abs("../..")
	cmd := startApp(t, dev, "-devserver", addr, "-assetdir", filepath.Join(root, "frontend", "dist"))
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if len(listenersOf(t, cmd.Process.Pid)) > 0 {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("the detector found no listener of the dev bridge on %s", addr)
}

// listenersOf returns the local addresses of listening TCP sockets held by the process group pgid.
func listenersOf(t *testing.T, pgid int) []string {
	t.Helper()
	pids := groupPIDs(pgid)
	listening := listeningInodes(t)
	var out []string
	for _, pid := range pids {
		fds, _ := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
		for _, fd := range fds {
			link, err := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", pid, fd.Name()))
			if err != nil || !strings.HasPrefix(link, "socket:[") {
				continue
			}
			inode := strings.TrimSuffix(strings.TrimPrefix(link, "socket:["), "]")
			if addr, ok := listening[inode]; ok {
				out = append(out, addr)
			}
		}
	}
	t.Logf("checked %d processes in group %d: %d listening", len(pids), pgid, len(out))
	return out
}

// groupPIDs lists the processes whose process group is pgid (the app and the WebKit helpers it spawned).
func groupPIDs(pgid int) []int {
	var out []int
	for _, p := range testpeer.InGroups(pgid) {
		out = append(out, p.PID)
	}
	return out
}

// listeningInodes maps socket inodes in LISTEN state (TCP, v4 and v6) to their local address.
func listeningInodes(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, f := range []string{"/proc/net/tcp", "/proc/net/tcp6"} {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, line := range strings.Split(string(b), "\n")[1:] {
			fields := strings.Fields(line)
			if len(fields) > 9 && fields[3] == "0A" {
				out[fields[9]] = fields[1]
			}
		}
	}
	return out
}
