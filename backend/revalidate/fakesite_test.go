package revalidate

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"siyana/backend/profile"
	"strings"
	"sync"
	"testing"
	"unicode"
)

// fakeSite implements the route contract and a tiny model of Next's page cache over HTTP on 127.0.0.1, so
// unit tests exercise real requests and answers. Pages render "data" into their body; a revalidation marks
// them dirty (expire: the next GET renders, MISS) or stale (max: the next GET answers STALE and renders).
type fakeSite struct {
	t      testing.TB
	srv    *httptest.Server
	secret string // "" answers 500 NOT_CONFIGURED

	mu        sync.Mutex
	posts     int
	tags      []string // every tag received, in order
	paths     []string
	actors    []string
	bodies    []string
	failItems map[string]bool // items answered ok:false
	data      string
	pages     map[string]*fakePage
	hook      func(w http.ResponseWriter, r *http.Request) bool // answers instead of the route when true
	maxBody   int64
}

type fakePage struct {
	body         string
	dirty, stale bool
}

func newFakeSite(t testing.TB, secret string) *fakeSite {
	f := &fakeSite{t: t, secret: secret, failItems: map[string]bool{}, data: "v1", pages: map[string]*fakePage{}, maxBody: 64 << 10}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeSite) URL() string { return f.srv.URL }

func (f *fakeSite) setData(d string) { f.mu.Lock(); f.data = d; f.mu.Unlock() }

func (f *fakeSite) postCount() int { f.mu.Lock(); defer f.mu.Unlock(); return f.posts }

func (f *fakeSite) seenTags() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.tags...)
}

func (f *fakeSite) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	hook := f.hook
	f.mu.Unlock()
	if hook != nil && hook(w, r) {
		return
	}
	if r.URL.Path == Endpoint {
		f.route(w, r)
		return
	}
	f.page(w, r)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func (f *fakeSite) route(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		writeJSON(w, 405, map[string]any{"ok": false, "code": "METHOD_NOT_ALLOWED"})
		return
	}
	f.mu.Lock()
	f.posts++
	f.actors = append(f.actors, r.Header.Get("X-Siyana-Actor"))
	f.mu.Unlock()
	if f.secret == "" {
		writeJSON(w, 500, map[string]any{"ok": false, "code": "NOT_CONFIGURED"})
		return
	}
	got := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
	if subtle.ConstantTimeCompare([]byte(got), []byte(f.secret)) != 1 {
		w.Header().Set("WWW-Authenticate", "Bearer")
		writeJSON(w, 401, map[string]any{"ok": false, "code": "UNAUTHORIZED"})
		return
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, f.maxBody+1))
	if err != nil {
		writeJSON(w, 400, map[string]any{"ok": false, "code": "BAD_REQUEST"})
		return
	}
	if int64(len(raw)) > f.maxBody {
		writeJSON(w, 413, map[string]any{"ok": false, "code": "TOO_LARGE"})
		return
	}
	var body struct {
		Tags   []string          `json:"tags"`
		Paths  []json.RawMessage `json:"paths"`
		Mode   string            `json:"mode"`
		DryRun bool              `json:"dryRun"`
	}
	if err := json.Unmarshal(raw, &body); err != nil {
		writeJSON(w, 400, map[string]any{"ok": false, "code": "BAD_REQUEST"})
		return
	}
	f.mu.Lock()
	f.bodies = append(f.bodies, string(raw))
	f.mu.Unlock()
	var paths []string
	typed := map[string]string{} // the route names a typed path "/x (layout)" in its results
	for _, p := range body.Paths {
		var s string
		if json.Unmarshal(p, &s) != nil {
			var o PathSpec
			_ = json.Unmarshal(p, &o)
			s = o.Path
			if o.Type != "" {
				typed[s] = o.Type
			}
		}
		paths = append(paths, s)
	}
	bad := len(body.Tags) > MaxTagsPerRequest || len(paths) > MaxPathsPerRequest
	for _, t := range body.Tags {
		bad = bad || t == "" || profile.JSLen(t) > MaxTagLen || strings.IndexFunc(t, unicode.IsControl) >= 0
	}
	for _, p := range paths {
		bad = bad || !strings.HasPrefix(p, "/") || profile.JSLen(p) > MaxPathLen || strings.IndexFunc(p, unicode.IsControl) >= 0
	}
	if bad {
		writeJSON(w, 422, map[string]any{"ok": false, "code": "INVALID_INPUT", "error": "limits exceeded"})
		return
	}
	type res struct {
		Item  string `json:"item"`
		Kind  string `json:"kind"`
		OK    bool   `json:"ok"`
		Error string `json:"error,omitempty"`
	}
	var results []res
	f.mu.Lock()
	for _, t := range body.Tags {
		r := res{Item: t, Kind: "tag", OK: !f.failItems[t]}
		if !r.OK {
			r.Error = "boom"
		} else if !body.DryRun {
			f.tags = append(f.tags, t)
			for _, pg := range f.pages { // every page uses every tag in this model
				pg.dirty, pg.stale = pg.dirty || body.Mode != ModeMax, pg.stale || body.Mode == ModeMax
			}
		}
		results = append(results, r)
	}
	for _, p := range paths {
		r := res{Item: p, Kind: "path", OK: !f.failItems[p]}
		if t := typed[p]; t != "" {
			r.Item = p + " (" + t + ")"
		}
		if !r.OK {
			r.Error = "boom"
		} else if !body.DryRun {
			f.paths = append(f.paths, p)
			if pg := f.pages[p]; pg != nil {
				pg.dirty = true
			}
		}
		results = append(results, r)
	}
	f.mu.Unlock()
	writeJSON(w, 200, map[string]any{"ok": true, "results": results, "revalidatedAt": "x", "durationMs": 1,
		"nextVersion": "16.4.6", "dryRun": body.DryRun, "mode": body.Mode})
}

// page serves /p/... as a prerendered page (x-nextjs-cache, ETag from the body) and /dyn/... as dynamic.
func (f *fakeSite) page(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	render := func() string { return fmt.Sprintf("<html>%s data=%s</html>", r.URL.Path, f.data) }
	if strings.HasPrefix(r.URL.Path, "/dyn/") {
		w.Header().Set("Cache-Control", "private, no-store")
		_, _ = io.WriteString(w, render())
		return
	}
	if !strings.HasPrefix(r.URL.Path, "/p/") {
		http.NotFound(w, r)
		return
	}
	pg := f.pages[r.URL.Path]
	state := "HIT"
	switch {
	case pg == nil:
		pg = &fakePage{body: render()}
		f.pages[r.URL.Path] = pg
		state = "MISS"
	case pg.dirty:
		pg.body, pg.dirty, pg.stale = render(), false, false
		state = "MISS"
	case pg.stale:
		state = "STALE"
		old := pg.body
		pg.body, pg.stale = render(), false // the "background" render, finished before the next request
		f.writePage(w, state, old)
		return
	}
	f.writePage(w, state, pg.body)
}

func (f *fakeSite) writePage(w http.ResponseWriter, state, body string) {
	sum := sha256.Sum256([]byte(body))
	w.Header().Set("x-nextjs-cache", state)
	w.Header().Set("ETag", `"`+hex.EncodeToString(sum[:8])+`"`)
	_, _ = io.WriteString(w, body)
}
