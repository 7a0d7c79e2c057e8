//go:build dev

package desktop

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"reflect"
	"unsafe"

	"siyana/backend/devbridge"
)

// Wails' dev server (internal/frontend/devserver; checked in v2.11.0 and v2.12.0) serves /wails/ipc, the websocket that runs the
// bound Go methods, from its own echo router with an upgrader that accepts every Origin; the
// AssetServer.Middleware option only wraps the asset handler (and `wails dev` drops it), so it cannot guard
// the websocket. The dev build therefore owns the listener: HoldDevBridge binds the requested loopback
// address before wails.Run (Wails' own bind of it then fails and nothing else listens), and serveDevBridge
// serves Wails' router behind devbridge.Guard once the app has started. Production builds have neither.

// devFlags reads the dev server address and frontend dev server URL exactly as Wails' dev build does
// (internal/app/app_dev.go): each environment variable first, then the flag of the same name, and the flags
// only when the assetdir variable is unset. Reading them the same way guarantees the guarded address is the
// one Wails was asked for.
func devFlags(args []string) (devServer, frontendURL string) {
	devServer, frontendURL = os.Getenv("devserver"), os.Getenv("frontenddevserverurl")
	if os.Getenv("assetdir") != "" {
		return devServer, frontendURL
	}
	fs := flag.NewFlagSet("dev", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.String("assetdir", "", "")
	var ds, fu *string
	if devServer == "" {
		ds = fs.String("devserver", "", "")
	}
	if frontendURL == "" {
		fu = fs.String("frontenddevserverurl", "", "")
	}
	fs.String("loglevel", "", "")
	_ = fs.Parse(args) // like Wails: ignore errors (-appargs may follow)
	if ds != nil {
		devServer = *ds
	}
	if fu != nil {
		frontendURL = *fu
	}
	return devServer, frontendURL
}

// Bridge is the bridge's listener, bound before Wails starts.
type Bridge struct {
	guard    *devbridge.Guard
	listener net.Listener
}

// HoldDevBridge validates and binds the dev server address (nil when none was asked for). A non-loopback
// address, or a non-loopback frontend dev server, is refused with an error that says what to use.
func HoldDevBridge() (*Bridge, error) {
	addr, frontendURL := devFlags(os.Args[1:])
	if addr == "" {
		return nil, nil
	}
	g, err := devbridge.New(addr, nil)
	if err != nil {
		return nil, err
	}
	if frontendURL != "" {
		if err := devbridge.CheckLoopbackURL(frontendURL); err != nil {
			return nil, err
		}
		g.AllowDevWebview() // the desktop window's live-reload client (tests/binary: TestDevBridgeUnderWailsDev)
	}
	l, err := g.Listen()
	if err != nil {
		return nil, fmt.Errorf("dev bridge: cannot listen on %s: %w", addr, err)
	}
	fmt.Fprintf(os.Stderr, "siyana dev bridge: serving http://%s (loopback only; requests from another Origin or Host get 403). "+
		"Wails' own attempt to bind %s is expected to fail.\n", addr, addr)
	return &Bridge{guard: g, listener: l}, nil
}

// Serve serves Wails' dev server router behind the guard on the held listener. ctx is the one Wails passes
// to OnStartup: it carries the dev server frontend. If that router cannot be found (a Wails upgrade changed
// it), the dev build stops rather than run without its guard.
func (b *Bridge) Serve(ctx context.Context) {
	if b == nil {
		return
	}
	h, err := wailsDevRouter(ctx.Value("frontend"))
	if err != nil {
		_ = b.listener.Close()
		fmt.Fprintln(os.Stderr, "siyana dev bridge:", err)
		os.Exit(2)
	}
	go func() {
		if err := b.guard.Serve(b.listener, h); err != nil && !errors.Is(err, net.ErrClosed) {
			slog.Error("dev bridge stopped", "err", err)
		}
	}()
}

// wailsDevRouter returns the echo router of Wails' dev server frontend (*devserver.DevWebServer, field
// "server"): unexported in Wails, read here by reflection. It is an http.Handler with every route already
// registered (Wails registers them before it calls OnStartup).
func wailsDevRouter(frontend any) (http.Handler, error) {
	v := reflect.ValueOf(frontend)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil, fmt.Errorf("no Wails dev server frontend in the startup context (got %T)", frontend)
	}
	f := v.Elem().FieldByName("server")
	if !f.IsValid() || f.Kind() != reflect.Pointer || f.IsNil() {
		return nil, fmt.Errorf("the Wails dev server %T has no router field; update internal/desktop/bridge_dev.go for this Wails version", frontend)
	}
	h, ok := reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Interface().(http.Handler)
	if !ok {
		return nil, fmt.Errorf("the Wails dev server router %s is not an http.Handler", f.Type())
	}
	return h, nil
}
