// Package devbridge guards the dev server of a dev build (the bridge the browser E2E drives and `wails dev`
// opens). That server runs the real Go methods for any page that opens its websocket, so it listens on
// loopback only and answers only requests that name it: the Host must be its own address and an Origin, when
// sent, must be its own page. Anything else gets 403 and reaches nothing behind it. A web page open in the
// admin's browser (another origin, or a DNS-rebound name that resolves to 127.0.0.1) therefore cannot list
// profiles or call a method. Production builds contain no dev server and do not use this package.
//
// It knows nothing of Wails: the caller hands it the address it was asked to bind and the handler to guard.
package devbridge

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// ErrNotLoopback is returned for an address the bridge must not listen on (or a URL it must not trust).
var ErrNotLoopback = errors.New("dev bridge: not a loopback address")

// Guard is the loopback address of one bridge and the rule for who may talk to it.
type Guard struct {
	addr        string          // what to listen on, as given (validated)
	authorities map[string]bool // the Host values that name this bridge, lower case "host:port"
	origins     map[string]bool // the Origin values of its own page ("http://" + authority)
	log         *slog.Logger    // nil: slog.Default() at the time of the refusal (the app's log once it is open)
}

// New validates addr (host:port, as given to -devserver or by `wails dev`) and returns its guard. The host
// must be "localhost" or a loopback IP literal (no name is resolved); the port must be 1-65535 (port 0 would
// let a second, unguarded listener pick its own port). Refusals are logged to log (nil: slog.Default()).
func New(addr string, log *slog.Logger) (*Guard, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("%w: %q is not host:port (%v); use 127.0.0.1:PORT", ErrNotLoopback, addr, err)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 || strconv.Itoa(n) != port {
		return nil, fmt.Errorf("%w: %q needs a port between 1 and 65535; use 127.0.0.1:PORT", ErrNotLoopback, addr)
	}
	hosts, err := loopbackNames(host)
	if err != nil {
		return nil, fmt.Errorf("%w: %q listens beyond this machine; use 127.0.0.1:PORT or localhost:PORT "+
			"(the bridge runs the real Go methods for whoever connects)", ErrNotLoopback, addr)
	}
	g := &Guard{addr: addr, authorities: map[string]bool{}, origins: map[string]bool{}, log: log}
	for _, h := range hosts {
		a := net.JoinHostPort(h, port)
		g.authorities[a] = true
		g.origins["http://"+a] = true
	}
	return g, nil
}

// loopbackNames returns the host names a request may use for a bridge bound to host: "localhost" (which
// browsers and Go resolve to loopback only) may be reached as any of its loopback addresses, an IP literal
// only as itself.
func loopbackNames(host string) ([]string, error) {
	if strings.EqualFold(host, "localhost") {
		return []string{"localhost", "127.0.0.1", "::1"}, nil
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return nil, ErrNotLoopback
	}
	return []string{ip.String()}, nil
}

// AllowDevWebview admits the app's own desktop window while `wails dev` proxies a frontend dev server
// (Vite): Wails then loads the window from wails://wails.localhost:PORT (http://wails.localhost:PORT on
// Windows), PORT being the bridge's, and Vite's live-reload client in it connects back to the bridge under
// that name. *.localhost always resolves to loopback (RFC 6761; browsers hard-wire it), so no other site can
// be reached as it: only a page the bridge itself served carries these origins.
func (g *Guard) AllowDevWebview() {
	_, port, _ := net.SplitHostPort(g.addr)
	a := net.JoinHostPort(devWebviewHost, port)
	g.authorities[a] = true
	g.origins["wails://"+a] = true
	g.origins["http://"+a] = true
}

// devWebviewHost is the host Wails' desktop window uses for its pages in `wails dev`.
const devWebviewHost = "wails.localhost"

// CheckLoopbackURL refuses a URL whose host is not loopback (the frontend dev server `wails dev` proxies
// assets from: pages it serves run with the bridge's own origin).
func CheckLoopbackURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return fmt.Errorf("%w: frontend dev server URL %q has no host", ErrNotLoopback, raw)
	}
	if _, err := loopbackNames(u.Hostname()); err != nil {
		return fmt.Errorf("%w: frontend dev server %q is not on this machine; the bridge only proxies a loopback one", ErrNotLoopback, raw)
	}
	return nil
}

// Addr is the address to listen on (as given to New).
func (g *Guard) Addr() string { return g.addr }

// Listen binds the bridge's address. Holding it before Wails starts means Wails' own attempt to bind the
// same address fails, so the only listener is the guarded one. A bound address that is not loopback (a
// hosts file mapping "localhost" elsewhere) is closed and refused.
func (g *Guard) Listen() (net.Listener, error) {
	l, err := net.Listen("tcp", g.addr)
	if err != nil {
		return nil, err
	}
	if a, ok := l.Addr().(*net.TCPAddr); !ok || !a.IP.IsLoopback() {
		_ = l.Close()
		return nil, fmt.Errorf("%w: %q bound %s", ErrNotLoopback, g.addr, l.Addr())
	}
	return l, nil
}

// Refusal reasons (the 403 body and the log say which rule refused).
const (
	ReasonHost          = "host not allowed"
	ReasonOrigin        = "origin not allowed"
	ReasonNoOrigin      = "websocket without origin"
	ReasonManyOrigin    = "more than one origin"
	refusedBodyTemplate = "siyana dev bridge: refused (%s)\n"
)

// Check returns "" when r may reach the bridge, else the reason it is refused.
func (g *Guard) Check(r *http.Request) string {
	if !g.authorities[strings.ToLower(r.Host)] {
		return ReasonHost
	}
	origins := r.Header.Values("Origin")
	switch {
	case len(origins) > 1:
		return ReasonManyOrigin
	case len(origins) == 1:
		if !g.origins[strings.ToLower(origins[0])] {
			return ReasonOrigin
		}
	case isWebSocket(r):
		// Browsers always send Origin with a websocket handshake; one without is not the app's page.
		return ReasonNoOrigin
	}
	return ""
}

func isWebSocket(r *http.Request) bool {
	for _, v := range r.Header.Values("Upgrade") {
		for _, p := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(p), "websocket") {
				return true
			}
		}
	}
	return false
}

// Wrap returns next behind the guard: a refused request gets 403 and next never sees it.
func (g *Guard) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if reason := g.Check(r); reason != "" {
			log := g.log
			if log == nil {
				log = slog.Default()
			}
			log.Warn("dev bridge refused a request", "reason", reason, "host", r.Host,
				"origin", r.Header.Get("Origin"), "path", r.URL.Path, "websocket", isWebSocket(r))
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.Header().Set("X-Content-Type-Options", "nosniff")
			w.WriteHeader(http.StatusForbidden)
			_, _ = fmt.Fprintf(w, refusedBodyTemplate, reason)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Serve serves next behind the guard on l until l is closed. No write timeout: the IPC websocket is long-lived.
func (g *Guard) Serve(l net.Listener, next http.Handler) error {
	srv := &http.Server{Handler: g.Wrap(next), ReadHeaderTimeout: 10 * time.Second, MaxHeaderBytes: 64 << 10}
	return srv.Serve(l)
}
