package binary

// The window while the app watches: one instance per build and config dir (a second launch shows the
// first window and exits), closing hides while something keeps the app alive and quits otherwise, Quit and
// SIGTERM end it quietly, and a native notification reaches a real daemon (dunst) and its click opens the
// app on its card. Production binary where the path exists there; the dev build where a test hook stands in
// for the watch (SIYANA_TEST_KEEP_ALIVE, SIYANA_TEST_NOTIFY; see internal/desktop/platform_dev.go).

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"siyana/backend/platform"
	"siyana/backend/testpeer"
	"siyana/tests/xwindow"
)

// launch starts bin with env (over a temp XDG_CONFIG_HOME) in its own process group, stopped by PID when
// the test ends.
func launch(t *testing.T, bin string, env []string, args ...string) *xwindow.Run {
	t.Helper()
	return xwindow.Launch(t, appEnv(t, env), bin, args...)
}

// windowOf waits until the app shows its window and returns its X id.
func windowOf(t *testing.T, l *xwindow.Run) string {
	t.Helper()
	ids, ok := xwindow.WaitVisible(t, l.PID(), true, 30*time.Second)
	if !ok {
		t.Fatalf("no visible window of PID %d", l.PID())
	}
	return ids[0]
}

// devBridgeArgs are the dev build's flags for a bridge on a free loopback port.
func devBridgeArgs(t *testing.T) (addr string, args []string) {
	addr = testpeer.FreeAddr(t)
	root, _ := filepath.Abs("../..")
	return addr, []string{"-devserver", addr, "-assetdir", filepath.Join(root, "frontend", "dist")}
}

// dialOwn opens the bridge's IPC websocket as its own page does, once the bridge answers.
func dialOwn(t *testing.T, addr string) *websocket.Conn {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		c, _, err := dialIPC(addr, addr, "http://"+addr)
		if err == nil {
			t.Cleanup(func() { c.Close() })
			return c
		}
		if time.Now().After(deadline) {
			t.Fatalf("the dev bridge on %s: %v", addr, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// quietExit fails unless the run ended with status 0 and printed none of Wails' signal noise.
func quietExit(t *testing.T, l *xwindow.Run, what string) {
	t.Helper()
	if !l.ExitedWithin(10 * time.Second) {
		t.Fatalf("%s: the app is still running after 10 s", what)
	}
	if code := l.ExitCode(); code != 0 {
		t.Errorf("%s: exit status %d", what, code)
	}
	if out := l.Output(); strings.Contains(out, "Ctrl+C") || strings.Contains(out, "Shutting down") {
		t.Errorf("%s: the app printed Wails' signal noise:\n%s", what, out)
	}
}

// A second launch of the production binary on the same config dir hands over to the first (whose
// window, taken off the screen, comes back) and exits; on another config dir, or as the dev build, it is
// an app of its own and stays.
func TestSecondLaunchShowsTheFirstWindow(t *testing.T) {
	bin := needBinary(t, "SIYANA_BINARY")
	dev := needBinary(t, "SIYANA_DEV_BINARY")
	cfg := []string{"SIYANA_CONFIG_DIR=" + t.TempDir()}
	first := launch(t, bin, cfg)
	win := windowOf(t, first)
	xwindow.Unmap(t, win)
	if _, ok := xwindow.WaitVisible(t, first.PID(), false, 5*time.Second); !ok {
		t.Fatal("the window stayed on screen after unmapping it")
	}

	second := launch(t, bin, cfg)
	if !second.ExitedWithin(20 * time.Second) {
		t.Fatal("the second launch on the same config dir is still running")
	}
	if ids, ok := xwindow.WaitVisible(t, first.PID(), true, 10*time.Second); !ok {
		t.Fatal("the first instance's window was not shown by the second launch")
	} else {
		t.Logf("second launch exited with status %d; the first instance shows window %v again", second.ExitCode(), ids)
	}
	if first.ExitedWithin(0) {
		t.Fatal("the first instance exited")
	}

	other := launch(t, bin, []string{"SIYANA_CONFIG_DIR=" + t.TempDir()})
	windowOf(t, other)
	_, args := devBridgeArgs(t)
	devRun := launch(t, dev, cfg, args...)
	windowOf(t, devRun)
	if other.ExitedWithin(0) || devRun.ExitedWithin(0) {
		t.Fatal("a launch on another config dir, or the dev build, was taken for a second instance")
	}
}

// Without anything keeping it alive (the production app with nothing watched), closing the window quits.
func TestCloseQuitsWhenNothingKeepsTheAppAlive(t *testing.T) {
	bin := needBinary(t, "SIYANA_BINARY")
	l := launch(t, bin, []string{"SIYANA_CONFIG_DIR=" + t.TempDir()})
	xwindow.Close(t, windowOf(t, l))
	quietExit(t, l, "close")
}

// While something keeps the app alive, closing hides the window and the process goes on; a second launch
// brings the window back; Quit ends it all the same.
func TestCloseHidesWhileKeptAliveAndQuitEnds(t *testing.T) {
	dev := needBinary(t, "SIYANA_DEV_BINARY")
	cfg := []string{"SIYANA_CONFIG_DIR=" + t.TempDir(), "SIYANA_TEST_KEEP_ALIVE=1"}
	addr, args := devBridgeArgs(t)
	l := launch(t, dev, cfg, args...)
	xwindow.Close(t, windowOf(t, l))
	if _, ok := xwindow.WaitVisible(t, l.PID(), false, 5*time.Second); !ok {
		t.Fatal("the window is still on screen after closing it")
	}
	if l.ExitedWithin(2 * time.Second) {
		t.Fatalf("the app exited on close although kept alive (status %d)", l.ExitCode())
	}

	_, args2 := devBridgeArgs(t)
	second := launch(t, dev, cfg, args2...)
	if !second.ExitedWithin(20 * time.Second) {
		t.Fatal("the second launch is still running")
	}
	if _, ok := xwindow.WaitVisible(t, l.PID(), true, 10*time.Second); !ok {
		t.Fatal("the second launch did not bring the hidden window back")
	}

	c := dialOwn(t, addr)
	msg, _ := json.Marshal(map[string]any{"name": "main.App.Quit", "args": []any{}, "callbackID": "quit-1"})
	if err := c.WriteMessage(websocket.TextMessage, append([]byte("C"), msg...)); err != nil {
		t.Fatal(err)
	}
	quietExit(t, l, "Quit")
}

// SIGTERM (logout, `kill`, xwindow.Stop) ends the app at once and quietly, also while it is kept alive.
func TestSIGTERMQuitsQuietly(t *testing.T) {
	bin := needBinary(t, "SIYANA_BINARY")
	dev := needBinary(t, "SIYANA_DEV_BINARY")
	l := launch(t, bin, []string{"SIYANA_CONFIG_DIR=" + t.TempDir()})
	windowOf(t, l)
	_ = syscall.Kill(l.PID(), syscall.SIGTERM)
	quietExit(t, l, "SIGTERM")

	_, args := devBridgeArgs(t)
	kept := launch(t, dev, []string{"SIYANA_CONFIG_DIR=" + t.TempDir(), "SIYANA_TEST_KEEP_ALIVE=1"}, args...)
	windowOf(t, kept)
	_ = syscall.Kill(kept.PID(), syscall.SIGTERM)
	quietExit(t, kept, "SIGTERM while kept alive")
}

// A notification the app sends through its Notifier (the Wails runtime over D-Bus) reaches a real daemon
// with its Arabic text intact; a click on it shows the hidden window and tells the page which card to open.
func TestNotificationReachesDunstAndItsClickOpensTheCard(t *testing.T) {
	dev := needBinary(t, "SIYANA_DEV_BINARY")
	d := testpeer.DunstT(t)
	n := platform.Notification{
		ID:    platform.CardID("p-7c1e", "database"),
		Title: "قاعدة البيانات لا تستجيب \u2068الإنتاج\u2069",
		Body:  "تعذّر الاتصال منذ \u20683 دقائق\u2069 (\u2066UNREACHABLE\u2069)",
	}
	raw, _ := json.Marshal(n)
	addr, args := devBridgeArgs(t)
	env := append(d.Env(), "SIYANA_CONFIG_DIR="+t.TempDir(), "SIYANA_TEST_KEEP_ALIVE=1", "SIYANA_TEST_NOTIFY="+string(raw))
	l := launch(t, dev, env, args...)
	win := windowOf(t, l)
	c := dialOwn(t, addr)

	deadline := time.Now().Add(15 * time.Second)
	for shown, _ := d.Displayed(); shown != 1; shown, _ = d.Displayed() {
		if time.Now().After(deadline) {
			t.Fatalf("dunst displays %d notifications, want the app's one", shown)
		}
		time.Sleep(100 * time.Millisecond)
	}

	xwindow.Close(t, win)
	if ids, ok := xwindow.WaitVisible(t, l.PID(), false, 5*time.Second); !ok {
		t.Fatalf("the window is still on screen after closing it (%v, closed %s)", ids, win)
	}
	if err := d.Click(0); err != nil {
		t.Fatal(err)
	}
	if _, ok := xwindow.WaitVisible(t, l.PID(), true, 10*time.Second); !ok {
		t.Fatal("the click did not show the window")
	}
	got := waitEvent(t, c, platform.EventOpenCard, 10*time.Second)
	var card []platform.OpenCard
	if err := json.Unmarshal(got, &card); err != nil || len(card) != 1 || card[0] != (platform.OpenCard{ProfileID: "p-7c1e", Check: "database"}) {
		t.Fatalf("%s data %s (%v)", platform.EventOpenCard, got, err)
	}

	if err := d.CloseAll(); err != nil {
		t.Fatal(err)
	}
	h, err := d.History()
	if err != nil {
		t.Fatal(err)
	}
	if len(h) != 1 || h[0].Summary != n.Title || h[0].Body != n.Body || h[0].AppName != filepath.Base(dev) {
		t.Fatalf("dunst history %+v, want %q / %q from %s", h, n.Title, n.Body, filepath.Base(dev))
	}
}

// waitEvent reads the bridge's websocket until the event name arrives, and returns its data array.
func waitEvent(t *testing.T, c *websocket.Conn, name string, timeout time.Duration) json.RawMessage {
	t.Helper()
	_ = c.SetReadDeadline(time.Now().Add(timeout))
	for {
		_, m, err := c.ReadMessage()
		if err != nil {
			t.Fatalf("no %s event: %v", name, err)
		}
		if len(m) == 0 || m[0] != 'n' {
			continue
		}
		var ev struct {
			Name string          `json:"name"`
			Data json.RawMessage `json:"data"`
		}
		if json.Unmarshal(m[1:], &ev) == nil && ev.Name == name {
			return ev.Data
		}
	}
}
