package desktop

import (
	"net/http"
	"os"
	"strings"
)

// contentSecurityPolicy is sent with every page and asset the webview loads. The app loads nothing but its
// own files: Vite's bundle (one module script, one stylesheet), Wails' /wails/ipc.js and /wails/runtime.js
// (external scripts it inserts into <head>), system fonts. Nothing inline: the splash in index.html is
// styled by classes from the bundle's stylesheet, and Svelte sets dynamic styles through the CSSOM, which
// a policy does not govern. So a script that got into the page (an XSS through a value the site returned,
// say) could neither run inline nor load code, post data or open a socket to any other origin, nor frame
// the app or be framed. 'self' also covers the dev bridge's own ws://127.0.0.1:port/wails/ipc.
//
// A var, not a const, only so tests/binary can link a locked-down copy (-X) and prove WebKit enforces the
// header in the production window; the shipped value is this one.
var contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; " +
	"frame-src 'none'; frame-ancestors 'none'"

// vitePolicyExtra loosens the policy under `wails dev` only, when Vite's dev server supplies the assets:
// Vite injects CSS as <style> elements and its HMR client opens a socket to its own port.
const vitePolicyExtra = "; style-src 'self' 'unsafe-inline'; connect-src 'self' ws://localhost:* ws://127.0.0.1:*"

// SecurityHeaders is the AssetServer middleware that sets the policy (and no-sniff, no referrer) on every
// response the app's own handler serves.
func SecurityHeaders(next http.Handler) http.Handler {
	policy := contentSecurityPolicy
	if Dev && viteServesAssets(os.Args[1:]) {
		policy = loosen(policy, vitePolicyExtra)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", policy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

// viteServesAssets is true when `wails dev` started the binary against a frontend dev server.
func viteServesAssets(args []string) bool {
	for _, a := range args {
		if strings.HasPrefix(strings.TrimLeft(a, "-"), "frontenddevserverurl") {
			return true
		}
	}
	return false
}

// loosen replaces the directives that extra names (a later duplicate directive is ignored by browsers, so
// appending would not work).
func loosen(policy, extra string) string {
	repl := map[string]string{}
	for _, d := range strings.Split(strings.TrimPrefix(extra, "; "), "; ") {
		name, _, _ := strings.Cut(d, " ")
		repl[name] = d
	}
	parts := strings.Split(policy, "; ")
	for i, d := range parts {
		name, _, _ := strings.Cut(d, " ")
		if r, ok := repl[name]; ok {
			parts[i] = r
		}
	}
	return strings.Join(parts, "; ")
}
