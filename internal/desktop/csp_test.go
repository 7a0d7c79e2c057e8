package desktop

import (
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"strings"
	"testing"
)

// The policy the production window gets: nothing but the app's own origin, nothing inline, no eval, no
// plugin, no framing either way. A weakening (an 'unsafe-*' source, a wildcard, a scheme source) fails here.
func TestContentSecurityPolicyIsStrict(t *testing.T) {
	dirs := map[string]string{}
	for _, d := range strings.Split(contentSecurityPolicy, "; ") {
		name, value, _ := strings.Cut(d, " ")
		if _, dup := dirs[name]; dup {
			t.Fatalf("directive %s twice: browsers ignore the second", name)
		}
		dirs[name] = value
	}
	want := map[string]string{
		"default-src": "'self'", "script-src": "'self'", "style-src": "'self'", "img-src": "'self'",
		"font-src": "'self'", "connect-src": "'self'", "object-src": "'none'", "base-uri": "'none'",
		"form-action": "'none'", "frame-src": "'none'", "frame-ancestors": "'none'",
	}
	for name, value := range want {
		if dirs[name] != value {
			t.Errorf("%s = %q, want %q", name, dirs[name], value)
		}
	}
	if len(dirs) != len(want) {
		t.Errorf("directives %v, want exactly %v", dirs, want)
	}
	if strings.Contains(contentSecurityPolicy, "unsafe") || strings.Contains(contentSecurityPolicy, "*") ||
		strings.Contains(contentSecurityPolicy, ":") {
		t.Errorf("policy has an unsafe, wildcard or scheme source: %s", contentSecurityPolicy)
	}
}

func TestSecurityHeadersOnEveryResponse(t *testing.T) {
	h := SecurityHeaders(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		_, _ = w.Write([]byte("<!doctype html>"))
	}))
	for _, path := range []string{"/", "/index.html", "/assets/index.js", "/missing"} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if got := rec.Header().Get("Content-Security-Policy"); got != contentSecurityPolicy {
			t.Fatalf("%s: policy %q", path, got)
		}
		if rec.Header().Get("X-Content-Type-Options") != "nosniff" || rec.Header().Get("Referrer-Policy") != "no-referrer" {
			t.Fatalf("%s: headers %v", path, rec.Header())
		}
	}
}

// Under `wails dev` only (Vite serves the assets) styles may be inline and Vite's HMR socket may connect;
// every other directive stays, and nothing is loosened for the dev bridge the E2E drives.
func TestViteLoosensOnlyStylesAndItsSocket(t *testing.T) {
	got := loosen(contentSecurityPolicy, vitePolicyExtra)
	if !strings.Contains(got, "style-src 'self' 'unsafe-inline'") || !strings.Contains(got, "connect-src 'self' ws://localhost:* ws://127.0.0.1:*") ||
		!strings.Contains(got, "script-src 'self';") || !strings.Contains(got, "frame-ancestors 'none'") ||
		strings.Count(got, "style-src") != 1 || strings.Count(got, "connect-src") != 1 {
		t.Fatalf("loosened policy %q", got)
	}
	if !viteServesAssets([]string{"-frontenddevserverurl", "http://localhost:5173"}) ||
		!viteServesAssets([]string{"--frontenddevserverurl=http://localhost:5173"}) ||
		viteServesAssets([]string{"-devserver", "127.0.0.1:34115", "-assetdir", "frontend/dist"}) {
		t.Fatal("viteServesAssets")
	}
}

// The policy allows nothing inline, so the pages must hold nothing inline: no style attribute, no <style>,
// no inline <script>, no on* handler, in the source page and in the built one.
func TestPagesHoldNothingInline(t *testing.T) {
	inline := regexp.MustCompile(`(?i)\sstyle\s*=|<style[\s>]|<script(\s+type="module")?\s*>|\son[a-z]+\s*=|javascript:`)
	for _, f := range []string{"../../frontend/index.html", "../../frontend/dist/index.html"} {
		b, err := os.ReadFile(f)
		if err != nil {
			if os.IsNotExist(err) && strings.Contains(f, "dist") {
				continue
			}
			t.Fatal(err)
		}
		if m := inline.Find(b); m != nil {
			t.Errorf("%s holds inline %q, which the policy blocks", f, m)
		}
	}
}
