package devbridge

import (
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"siyana/backend/testpeer"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func TestNewRefusesEverythingButLoopback(t *testing.T) {
	for _, addr := range []string{
		"", ":34115", "0.0.0.0:34115", "[::]:34115", "192.168.1.10:34115", "10.0.0.1:80", "example.com:34115",
		"localhost.evil.example:34115", "127.0.0.1.nip.io:34115", "evil.example:34115", "[fe80::1%lo]:34115",
		"127.0.0.1", "127.0.0.1:0", "127.0.0.1:65536", "127.0.0.1:-1", "127.0.0.1:http", "127.0.0.1:034115",
		"127.0.0.1:34115:1", "localhost :1", "\x00:1", "127.0.0.1:" + strings.Repeat("9", 400), "[::ffff:10.0.0.1]:1",
		"١٢٧.٠.٠.١:34115", "localhost\u202e:34115",
	} {
		if _, err := New(addr, quiet); !errors.Is(err, ErrNotLoopback) {
			t.Errorf("New(%q) = %v, want ErrNotLoopback", addr, err)
		}
	}
	for _, addr := range []string{"127.0.0.1:34115", "localhost:34115", "LOCALHOST:1", "[::1]:65535", "127.0.0.2:8080"} {
		if _, err := New(addr, quiet); err != nil {
			t.Errorf("New(%q): %v", addr, err)
		}
	}
}

func TestNotLoopbackMessageSaysWhatToUse(t *testing.T) {
	_, err := New("0.0.0.0:34115", quiet)
	if err == nil || !strings.Contains(err.Error(), "127.0.0.1:PORT") || !strings.Contains(err.Error(), "0.0.0.0:34115") {
		t.Fatalf("message %v", err)
	}
}

func TestCheckLoopbackURL(t *testing.T) {
	for _, u := range []string{"http://localhost:5173/", "http://127.0.0.1:5173", "http://[::1]:5173"} {
		if err := CheckLoopbackURL(u); err != nil {
			t.Errorf("%q: %v", u, err)
		}
	}
	for _, u := range []string{"", "localhost:5173", "http://192.168.0.2:5173", "http://evil.example", "http://localhost.evil.example:5173", "::"} {
		if err := CheckLoopbackURL(u); !errors.Is(err, ErrNotLoopback) {
			t.Errorf("%q: %v", u, err)
		}
	}
}

// request builds a request to the bridge with the given Host, Origin ("-" = none) and websocket upgrade.
func request(host, origin string, ws bool) *http.Request {
	r := httptest.NewRequest(http.MethodGet, "http://127.0.0.1/wails/ipc", nil)
	r.Host = host
	if origin != "-" {
		r.Header.Set("Origin", origin)
	}
	if ws {
		r.Header.Set("Connection", "Upgrade")
		r.Header.Set("Upgrade", "websocket")
	}
	return r
}

func TestGuardRefusesForeignHostsAndOrigins(t *testing.T) {
	g, err := New("127.0.0.1:34115", quiet)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		host, origin string
		ws           bool
		want         string
	}{
		{"127.0.0.1:34115", "http://127.0.0.1:34115", true, ""},
		{"127.0.0.1:34115", "HTTP://127.0.0.1:34115", true, ""},
		{"127.0.0.1:34115", "-", false, ""}, // a top-level navigation sends no Origin
		{"127.0.0.1:34115", "http://evil.example", true, ReasonOrigin},
		{"127.0.0.1:34115", "http://evil.example", false, ReasonOrigin},
		{"127.0.0.1:34115", "null", true, ReasonOrigin},
		{"127.0.0.1:34115", "", true, ReasonOrigin},
		{"127.0.0.1:34115", "http://127.0.0.1:34116", true, ReasonOrigin}, // another loopback page
		{"127.0.0.1:34115", "http://localhost:34115", true, ReasonOrigin}, // not the address it was given
		{"127.0.0.1:34115", "https://127.0.0.1:34115", true, ReasonOrigin},
		{"127.0.0.1:34115", "http://127.0.0.1:34115/", true, ReasonOrigin},
		{"127.0.0.1:34115", "http://127.0.0.1:34115.evil.example", true, ReasonOrigin},
		{"127.0.0.1:34115", "http://user@127.0.0.1:34115", true, ReasonOrigin},
		{"127.0.0.1:34115", "-", true, ReasonNoOrigin},
		// DNS rebinding: the peer is loopback but the page's name is not the bridge's.
		{"evil.example:34115", "http://evil.example:34115", true, ReasonHost},
		{"evil.example:34115", "-", false, ReasonHost},
		{"evil.example", "http://127.0.0.1:34115", true, ReasonHost},
		{"127.0.0.1", "http://127.0.0.1:34115", true, ReasonHost},
		{"127.0.0.1:34116", "http://127.0.0.1:34116", true, ReasonHost},
		{"", "-", false, ReasonHost},
		{"127.0.0.1:34115\u202e", "-", false, ReasonHost},
		{strings.Repeat("a", 70000), "-", false, ReasonHost},
	}
	for _, c := range cases {
		if got := g.Check(request(c.host, c.origin, c.ws)); got != c.want {
			t.Errorf("Host %.40q Origin %q ws %v: %q, want %q", c.host, c.origin, c.ws, got, c.want)
		}
	}
	two := request("127.0.0.1:34115", "http://127.0.0.1:34115", true)
	two.Header.Add("Origin", "http://evil.example")
	if got := g.Check(two); got != ReasonManyOrigin {
		t.Errorf("two origins: %q", got)
	}
}

func TestGuardLocalhostAnswersToItsLoopbackNames(t *testing.T) {
	g, err := New("localhost:34115", quiet)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []string{"localhost:34115", "127.0.0.1:34115", "[::1]:34115"} {
		if got := g.Check(request(a, "http://"+a, true)); got != "" {
			t.Errorf("%s: %q", a, got)
		}
	}
	if got := g.Check(request("localhost:5173", "http://localhost:5173", true)); got != ReasonHost {
		t.Errorf("another port: %q", got)
	}
	if got := g.Check(request("localhost:34115", "http://localhost:5173", true)); got != ReasonOrigin {
		t.Errorf("the Vite origin: %q", got)
	}
}

// TestWrapNeverCallsNextWhenRefused: a refused request is answered 403 by the guard alone.
func TestWrapNeverCallsNextWhenRefused(t *testing.T) {
	g, err := New("127.0.0.1:34115", quiet)
	if err != nil {
		t.Fatal(err)
	}
	var calls atomic.Int32
	h := g.Wrap(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { calls.Add(1); w.WriteHeader(204) }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, request("127.0.0.1:34115", "http://evil.example", true))
	if rec.Code != http.StatusForbidden || calls.Load() != 0 || !strings.Contains(rec.Body.String(), ReasonOrigin) {
		t.Fatalf("refused: %d %q, next called %d times", rec.Code, rec.Body.String(), calls.Load())
	}
	rec = httptest.NewRecorder()
	h.ServeHTTP(rec, request("127.0.0.1:34115", "http://127.0.0.1:34115", true))
	if rec.Code != 204 || calls.Load() != 1 {
		t.Fatalf("own origin: %d, next called %d times", rec.Code, calls.Load())
	}
}

// TestServeOverRealListener: the guard in front of a real loopback listener refuses a rebound Host.
func TestServeOverRealListener(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	g, err := New(l.Addr().String(), quiet)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := g.Listen(); err == nil {
		t.Fatal("Listen bound an address already in use") // what Wails' own bind meets
	}
	go func() {
		_ = g.Serve(l, http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = io.WriteString(w, "ok") }))
	}()
	t.Cleanup(func() { _ = l.Close() })
	get := func(host string) int {
		req, _ := http.NewRequest(http.MethodGet, "http://"+l.Addr().String()+"/", nil)
		req.Host = host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if c := get(l.Addr().String()); c != 200 {
		t.Errorf("own host: %d", c)
	}
	_, port, _ := net.SplitHostPort(l.Addr().String())
	if c := get("evil.example:" + port); c != http.StatusForbidden {
		t.Errorf("rebound host: %d", c)
	}
}

func FuzzNewOnlyAcceptsLoopback(f *testing.F) {
	for _, s := range []string{"127.0.0.1:1", "localhost:34115", "[::1]:1", "0.0.0.0:1", "evil.example:1", ":1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, addr string) {
		g, err := New(addr, quiet)
		if err != nil {
			return
		}
		host, _, _ := net.SplitHostPort(addr)
		if ip := net.ParseIP(host); !strings.EqualFold(host, "localhost") && (ip == nil || !ip.IsLoopback()) {
			t.Fatalf("accepted %q", addr)
		}
		for a := range g.authorities {
			h, _, _ := net.SplitHostPort(a)
			if ip := net.ParseIP(h); h != "localhost" && (ip == nil || !ip.IsLoopback()) {
				t.Fatalf("%q allows host %q", addr, a)
			}
		}
	})
}

// TestDevWebviewOnlyWhenAllowed: the desktop window's wails.localhost origin is admitted only after
// AllowDevWebview (wails dev with Vite), and only on the bridge's own port.
func TestDevWebviewOnlyWhenAllowed(t *testing.T) {
	g, err := New("localhost:34115", quiet)
	if err != nil {
		t.Fatal(err)
	}
	webview := request("wails.localhost:34115", "wails://wails.localhost:34115", true)
	if got := g.Check(webview); got != ReasonHost {
		t.Fatalf("before AllowDevWebview: %q", got)
	}
	g.AllowDevWebview()
	for _, o := range []string{"wails://wails.localhost:34115", "http://wails.localhost:34115"} {
		if got := g.Check(request("wails.localhost:34115", o, true)); got != "" {
			t.Errorf("%s: %q", o, got)
		}
	}
	for _, c := range []struct{ host, origin, want string }{
		{"wails.localhost:34116", "wails://wails.localhost:34116", ReasonHost},
		{"wails.localhost:34115", "wails://wails", ReasonOrigin}, // a production Wails app's window
		{"wails.localhost:34115", "wails://wails.localhost:34116", ReasonOrigin},
		{"wails.localhost:34115", "http://evil.example", ReasonOrigin},
		{"evil.wails.localhost:34115", "wails://evil.wails.localhost:34115", ReasonHost},
	} {
		if got := g.Check(request(c.host, c.origin, true)); got != c.want {
			t.Errorf("Host %s Origin %s: %q, want %q", c.host, c.origin, got, c.want)
		}
	}
}

func TestListenBindsLoopback(t *testing.T) {
	g, err := New("localhost:"+port(testpeer.FreeAddr(t)), quiet)
	if err != nil {
		t.Fatal(err)
	}
	l, err := g.Listen()
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if !l.Addr().(*net.TCPAddr).IP.IsLoopback() {
		t.Fatalf("bound %s", l.Addr())
	}
}

// port is the port of a host:port address.
func port(addr string) string {
	_, p, _ := net.SplitHostPort(addr)
	return p
}
