package binary

// The dev bridge as a web page in the admin's browser would meet it: the real dev binary on a free loopback
// port, attacked over its real websocket (/wails/ipc runs the bound Go methods). A refused attempt must get
// 403 and run nothing; if the bridge ever accepts one, the test goes on to do what an attacker would (save a
// profile) so the damage shows in the config dir too.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"siyana/backend/testpeer"
)

// attackMarker is the name an accepted attacker saves as a profile; it must never reach the config dir.
const attackMarker = "attack-marker-7d1f"

func requireDev(t *testing.T) string { return needBinary(t, "SIYANA_DEV_BINARY") }

// savedProfile is what the tests read of SaveProfile's answer.
type savedProfile struct {
	OK      bool `json:"ok"`
	Profile struct {
		ID string `json:"id"`
	} `json:"profile"`
}

// saveProfile saves a profile named name through the bridge and fails the test unless it was saved.
func saveProfile(t *testing.T, c *websocket.Conn, name string) savedProfile {
	t.Helper()
	var saved savedProfile
	if err := json.Unmarshal(call(t, c, "SaveProfile", profileNamed(name)), &saved); err != nil || !saved.OK {
		t.Fatalf("SaveProfile %q: %+v %v", name, saved, err)
	}
	return saved
}

// startBridge runs the dev binary on a free loopback port with env and waits until its page answers.
func startBridge(t *testing.T, env []string) (addr string, cmd *exec.Cmd) {
	t.Helper()
	dev := requireDev(t)
	addr = testpeer.FreeAddr(t)
	root, _ := filepath.Abs("../..")
	cmd = startAppEnv(t, dev, env, "-devserver", addr, "-assetdir", filepath.Join(root, "frontend", "dist"))
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get("http://" + addr + "/"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return addr, cmd
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("the dev bridge did not answer on %s", addr)
	return "", nil
}

// dialIPC opens the IPC websocket of the bridge at addr with the given Host and Origin ("" = none sent).
func dialIPC(addr, host, origin string) (*websocket.Conn, *http.Response, error) {
	h := http.Header{"Host": {host}}
	if origin != "" {
		h.Set("Origin", origin)
	}
	d := websocket.Dialer{HandshakeTimeout: 5 * time.Second}
	return d.Dial("ws://"+addr+"/wails/ipc", h)
}

// call runs one bound method over the IPC websocket, the way the page's window.go does, and returns its result.
func call(t *testing.T, c *websocket.Conn, method string, args ...any) json.RawMessage {
	t.Helper()
	raw := make([]json.RawMessage, len(args))
	for i, a := range args {
		raw[i], _ = json.Marshal(a)
	}
	id := fmt.Sprintf("cb-%d", time.Now().UnixNano())
	msg, _ := json.Marshal(map[string]any{"name": "main.App." + method, "args": raw, "callbackID": id})
	if err := c.WriteMessage(websocket.TextMessage, append([]byte("C"), msg...)); err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	_ = c.SetReadDeadline(time.Now().Add(15 * time.Second))
	for {
		_, m, err := c.ReadMessage()
		if err != nil {
			t.Fatalf("%s: no answer: %v", method, err)
		}
		if len(m) == 0 || m[0] != 'c' {
			continue // events and runtime messages
		}
		var cb struct {
			Result     json.RawMessage `json:"result"`
			Error      any             `json:"error"`
			CallbackID string          `json:"callbackid"`
		}
		if json.Unmarshal(m[1:], &cb) == nil && cb.CallbackID == id {
			if cb.Error != nil {
				t.Fatalf("%s: %v", method, cb.Error)
			}
			return cb.Result
		}
	}
}

func profileNamed(name string) map[string]any {
	return map[string]any{"name": name, "kind": "staging", "siteUrl": "https://evil.example"}
}

// configSnapshot reads every file of the config dir except the app log (which records the refusals).
// settledSnapshot is the config dir once the app has finished writing it at start (the watch history is
// opened off the startup path): two snapshots 300 ms apart that agree.
func settledSnapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	prev := configSnapshot(t, dir)
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); {
		time.Sleep(300 * time.Millisecond)
		now := configSnapshot(t, dir)
		if reflect.DeepEqual(prev, now) {
			return now
		}
		prev = now
	}
	t.Fatal("the config dir kept changing at start")
	return nil
}

func configSnapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		b, _ := os.ReadFile(p)
		if strings.Contains(string(b), attackMarker) {
			t.Errorf("%s holds what a refused page sent", p)
		}
		if rel, _ := filepath.Rel(dir, p); !strings.HasPrefix(rel, "logs"+string(filepath.Separator)) {
			out[rel] = string(b)
		}
		return nil
	})
	return out
}

func TestDevBridgeRefusesForeignPages(t *testing.T) {
	configDir := t.TempDir()
	addr, cmd := startBridge(t, []string{"SIYANA_CONFIG_DIR=" + configDir})
	_, port, _ := net.SplitHostPort(addr)
	own := "http://" + addr
	before := settledSnapshot(t, configDir)

	attacks := []struct{ name, host, origin string }{
		{"a page on another site", addr, "http://evil.example"},
		{"a page on another loopback port", addr, "http://127.0.0.1:1"},
		{"a DNS-rebound name", "evil.example:" + port, "http://evil.example:" + port},
		{"a rebound name with the bridge's origin", "evil.example:" + port, own},
		{"an opaque origin (sandboxed frame, file://)", addr, "null"},
		{"no origin", addr, ""},
	}
	for _, a := range attacks {
		c, resp, err := dialIPC(addr, a.host, a.origin)
		if err == nil {
			t.Errorf("%s: the bridge accepted the websocket", a.name)
			call(t, c, "SaveProfile", profileNamed(attackMarker)) // what the page would do next
			c.Close()
			continue
		}
		if !errors.Is(err, websocket.ErrBadHandshake) || resp == nil || resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s: %v (response %v), want 403", a.name, err, resp)
		}
	}

	// Plain HTTP under a rebound name or from a foreign page: 403, not the app's page or scripts.
	for _, r := range []struct{ path, host, origin string }{
		{"/", "evil.example:" + port, ""},
		{"/wails/ipc.js", "evil.example:" + port, ""},
		{"/wails/assetdir", "evil.example:" + port, ""},
		{"/wails/reload", addr, "http://evil.example"},
	} {
		req, _ := http.NewRequest(http.MethodGet, own+r.path, nil)
		req.Host = r.host
		if r.origin != "" {
			req.Header.Set("Origin", r.origin)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden || strings.Contains(string(body), "<html") || strings.Contains(string(body), "wails") {
			t.Errorf("GET %s Host %s Origin %q: %d %.60q, want 403", r.path, r.host, r.origin, resp.StatusCode, body)
		}
	}

	time.Sleep(300 * time.Millisecond) // an accepted call would have written by now
	after := configSnapshot(t, configDir)
	if fmt.Sprint(before) != fmt.Sprint(after) {
		t.Errorf("refused pages changed the config dir:\nbefore %v\nafter  %v", before, after)
	}

	// The app's own page still works: same websocket, its own Origin.
	c, _, err := dialIPC(addr, addr, own)
	if err != nil {
		t.Fatalf("the app's own origin was refused: %v", err)
	}
	defer c.Close()
	saveProfile(t, c, "own page")
	var list struct {
		Profiles []struct{ Name string } `json:"profiles"`
	}
	_ = json.Unmarshal(call(t, c, "ListProfiles"), &list)
	if len(list.Profiles) != 1 || list.Profiles[0].Name != "own page" {
		t.Fatalf("ListProfiles from the app's own page: %+v", list)
	}
	if b, err := os.ReadFile(filepath.Join(configDir, "profiles.json")); err != nil || !strings.Contains(string(b), "own page") {
		t.Fatalf("profiles.json: %v %q", err, b)
	}

	// Wails' own listener never came up: the guarded address is the only one the dev build holds.
	if found := listenersOf(t, cmd.Process.Pid); len(found) != 1 {
		t.Errorf("the dev build listens on %v, want only the guarded %s", found, addr)
	}
}

// TestDevBridgeRefusesNonLoopbackAddresses: asked to listen beyond loopback (flag or `wails dev`'s
// environment), the dev build stops at once with a message that says what to use, and binds nothing.
func TestDevBridgeRefusesNonLoopbackAddresses(t *testing.T) {
	dev := requireDev(t)
	_, port, _ := net.SplitHostPort(testpeer.FreeAddr(t))
	cases := []struct {
		name string
		env  []string
		args []string
	}{
		{"all interfaces", nil, []string{"-devserver", "0.0.0.0:" + port}},
		{"no host", nil, []string{"-devserver", ":" + port}},
		{"IPv6 any", nil, []string{"-devserver", "[::]:" + port}},
		{"a name", nil, []string{"-devserver", "evil.example:" + port}},
		{"port 0", nil, []string{"-devserver", "127.0.0.1:0"}},
		{"wails dev environment", []string{"devserver=0.0.0.0:" + port}, nil},
		{"remote frontend dev server", []string{"frontenddevserverurl=http://192.0.2.1:5173"}, []string{"-devserver", "127.0.0.1:" + port}},
	}
	for _, c := range cases {
		cmd := exec.Command(dev, c.args...)
		cmd.Env = append(os.Environ(), append([]string{"SIYANA_CONFIG_DIR=" + t.TempDir()}, c.env...)...)
		done := make(chan struct{})
		var out []byte
		var err error
		go func() { out, err = cmd.CombinedOutput(); close(done) }()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			_ = cmd.Process.Kill()
			<-done
			t.Errorf("%s: still running after 20 s", c.name)
			continue
		}
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 2 || !strings.Contains(string(out), "loopback") {
			t.Errorf("%s: %v\n%s", c.name, err, out)
		}
	}
}

// TestDevBuildKeepsItsOwnProfilesAndKeychain: without SIYANA_CONFIG_DIR a dev build writes siyana-dev beside
// siyana (never the production profiles) and, with a real keychain, stores secrets under service siyana-dev.
func TestDevBuildKeepsItsOwnProfilesAndKeychain(t *testing.T) {
	xdg := t.TempDir()
	env := []string{"SIYANA_CONFIG_DIR=", "XDG_CONFIG_HOME=" + xdg}
	addr, _ := startBridge(t, env)
	c, _, err := dialIPC(addr, addr, "http://"+addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	saved := saveProfile(t, c, "dev profile")
	if _, err := os.Stat(filepath.Join(xdg, "siyana-dev", "profiles.json")); err != nil {
		t.Errorf("the dev build's profiles: %v", err)
	}
	if _, err := os.Stat(filepath.Join(xdg, "siyana", "profiles.json")); !os.IsNotExist(err) {
		t.Errorf("the dev build wrote the production profiles file (%v)", err)
	}

	if os.Getenv("SIYANA_KEYRING_IT") == "" {
		t.Log("no real keychain (run under scripts/with-keyring.sh): service name not checked against it")
		return
	}
	const value = "dev-build-secret-3c9e"
	var out struct {
		OK bool `json:"ok"`
	}
	_ = json.Unmarshal(call(t, c, "SetSecret", saved.Profile.ID, "PUSHER_SECRET", value), &out)
	if !out.OK {
		t.Fatal("SetSecret failed")
	}
	lookup := func(service string) string {
		b, _ := exec.Command("secret-tool", "lookup", "service", service, "username", saved.Profile.ID+"/PUSHER_SECRET").Output()
		return strings.TrimSpace(string(b))
	}
	if got := lookup("siyana-dev"); got != value {
		t.Errorf("service siyana-dev holds %q", got)
	}
	if got := lookup("siyana"); got != "" {
		t.Errorf("the dev build wrote the production keychain service")
	}
	call(t, c, "DeleteProfile", saved.Profile.ID, true)
}

// TestDevBridgeUnderWailsDev runs the dev build as `wails dev` does (environment, a loopback frontend dev
// server standing in for Vite): pages load through the bridge, the desktop window's wails.localhost origin
// (Vite's live-reload client in it) is admitted, and foreign pages, the Vite origin included, are refused.
func TestDevBridgeUnderWailsDev(t *testing.T) {
	requireDev(t)
	vite := httptestServer(t)
	addr := testpeer.FreeAddr(t)
	_, port, _ := net.SplitHostPort(addr)
	dev := os.Getenv("SIYANA_DEV_BINARY")
	cmd := startAppEnv(t, dev, []string{"SIYANA_CONFIG_DIR=" + t.TempDir(), "devserver=" + addr, "frontenddevserverurl=" + vite})
	deadline := time.Now().Add(30 * time.Second)
	for {
		resp, err := http.Get("http://" + addr + "/")
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK && strings.Contains(string(body), "fake vite") {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the bridge did not serve the frontend dev server's page on %s", addr)
		}
		time.Sleep(100 * time.Millisecond)
	}
	webview := "wails.localhost:" + port
	for _, c := range []struct {
		name, host, origin string
		ok                 bool
	}{
		{"the browser page", addr, "http://" + addr, true},
		{"the desktop window (Linux, macOS)", webview, "wails://" + webview, true},
		{"the desktop window (Windows)", webview, "http://" + webview, true},
		{"a page on the Vite server itself", addr, vite, false},
		{"a foreign page", addr, "http://evil.example", false},
		{"a production Wails app's window", webview, "wails://wails", false},
		{"a DNS-rebound name", "evil.example:" + port, "http://evil.example:" + port, false},
	} {
		conn, resp, err := dialIPC(addr, c.host, c.origin)
		switch {
		case c.ok && err != nil:
			t.Errorf("%s: refused: %v", c.name, err)
		case !c.ok && err == nil:
			t.Errorf("%s: accepted", c.name)
		case !c.ok && (resp == nil || resp.StatusCode != http.StatusForbidden):
			t.Errorf("%s: %v, want 403", c.name, err)
		}
		if conn != nil {
			conn.Close()
		}
	}
	if found := listenersOf(t, cmd.Process.Pid); len(found) != 1 {
		t.Errorf("the dev build listens on %v, want only the guarded %s", found, addr)
	}
}

// httptestServer is a loopback stand-in for Vite; it returns its origin.
func httptestServer(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = io.WriteString(w, "<!doctype html><html><head></head><body>fake vite</body></html>")
	})}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	return "http://" + l.Addr().String()
}
