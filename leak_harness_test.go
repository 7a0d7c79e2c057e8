package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"siyana/backend/platform"
	"siyana/backend/secrets"
	"siyana/backend/testpeer"
)

// The harness of the leak sweep: every bound call goes through leakCall, which records the answer and then
// takes what appeared since the previous call in every other output (events, clipboard, stdout/stderr,
// each file of the config dir, the saved diagnostics files), so a finding names the call that caused it.

type leakSweep struct {
	t     *testing.T
	rec   *platform.Recorder
	parts []leakPart
	calls map[string]map[string]int // method → "ok" / "fail" → calls
	dirs  []string                  // config dir (walked recursively)
	extra []string                  // files outside it (saved diagnostics)
	files map[string][]byte         // last content seen per file
	evN   int
	clip  string
	out   *leakCapture
	outN  int
	slow  []leakTiming
}

type leakTiming struct {
	by string
	d  time.Duration
}

// leakCall runs one bound call. path says which path the call is meant to take ("ok" or "fail"); it is
// what the coverage check counts, the answer's code is not asserted here (the sweep is about leaks).
func leakCall[T any](s *leakSweep, method, path string, fn func() T) T {
	s.t.Helper()
	t0 := time.Now()
	v := fn()
	s.slow = append(s.slow, leakTiming{method + " (" + path + ")", time.Since(t0)})
	b, err := json.Marshal(v)
	if err != nil {
		s.t.Fatalf("%s: %v", method, err)
	}
	if s.calls[method] == nil {
		s.calls[method] = map[string]int{}
	}
	s.calls[method][path]++
	by := method + " (" + path + " path)"
	s.parts = append(s.parts, leakPart{"result of " + method, by, b, false})
	s.collect(by)
	return v
}

// slowest names the n slowest calls (the sweep's budget is make test's).
func (s *leakSweep) slowest(n int) string {
	l := append([]leakTiming(nil), s.slow...)
	sort.Slice(l, func(i, j int) bool { return l[i].d > l[j].d })
	var out []string
	for _, x := range l[:min(n, len(l))] {
		out = append(out, fmt.Sprintf("%s %s", x.by, x.d.Round(time.Millisecond)))
	}
	return strings.Join(out, "; ")
}

// collect takes the new output of every place, attributed to by.
func (s *leakSweep) collect(by string) {
	if s.rec != nil {
		evs := s.rec.Events()
		for _, e := range evs[min(s.evN, len(evs)):] {
			b, _ := json.Marshal(e)
			s.parts = append(s.parts, leakPart{"runtime events", by, b, false})
		}
		s.evN = len(evs)
		if c := s.rec.Clipboard; c != s.clip {
			s.parts = append(s.parts, leakPart{"clipboard", by, []byte(c), true})
			s.clip = c
		}
	}
	if s.out != nil {
		b := s.out.bytes()
		if len(b) > s.outN {
			s.parts = append(s.parts, leakPart{"stdout/stderr", by, b[s.outN:], false})
			s.outN = len(b)
		}
	}
	paths := append([]string(nil), s.extra...)
	for _, d := range s.dirs {
		_ = filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err == nil && !e.IsDir() {
				paths = append(paths, p)
			}
			return nil
		})
	}
	sort.Strings(paths)
	for _, p := range paths {
		cur, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		prev, delta, whole := s.files[p], cur, true
		if bytes.HasPrefix(cur, prev) {
			delta, whole = cur[len(prev):], false // appended to (the log, the operation log)
		}
		if len(delta) > 0 {
			s.parts = append(s.parts, leakPart{s.placeOf(p), by, delta, whole})
		}
		s.files[p] = cur
	}
}

func (s *leakSweep) placeOf(p string) string {
	for _, d := range s.dirs {
		if rel, err := filepath.Rel(d, p); err == nil && !filepath.IsAbs(rel) && rel[0] != '.' {
			return "config dir file " + filepath.ToSlash(rel)
		}
	}
	return "saved file " + filepath.Base(p)
}

// places lists the distinct places searched.
func (s *leakSweep) places() []string {
	seen := map[string]bool{}
	for _, p := range s.parts {
		seen[p.place] = true
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// leakFailStore wraps a keychain so the sweep can make it fail like a locked one (any Store: the memory
// one and the real Secret Service alike).
type leakFailStore struct {
	secrets.Store
	mu   sync.Mutex
	fail func(op string) error // op: get | status
}

// FailWith makes every later get/status fail with what fn returns (nil: normal again).
func (f *leakFailStore) FailWith(fn func(op string) error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fail = fn
}

func (f *leakFailStore) failed(op string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail == nil {
		return nil
	}
	return f.fail(op)
}

func (f *leakFailStore) Get(ctx context.Context, profileID, name string) (string, error) {
	if err := f.failed("get"); err != nil {
		return "", err
	}
	return f.Store.Get(ctx, profileID, name)
}

func (f *leakFailStore) Status(ctx context.Context) error {
	if err := f.failed("status"); err != nil {
		return err
	}
	return f.Store.Status(ctx)
}

// leakCapture redirects os.Stdout, os.Stderr and the log package (slog's default handler writes through
// it) to a pipe for the duration of the sweep.
type leakCapture struct {
	mu                sync.Mutex
	buf               bytes.Buffer
	r, w              *os.File
	done              chan struct{}
	stdout, stderr    *os.File
	logOut            io.Writer
	logFlags          int
	slogDefault       *slog.Logger
	restored, started bool
}

func startLeakCapture(t *testing.T) *leakCapture {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	c := &leakCapture{r: r, w: w, done: make(chan struct{}), stdout: os.Stdout, stderr: os.Stderr,
		logOut: log.Writer(), logFlags: log.Flags(), slogDefault: slog.Default()}
	go func() {
		defer close(c.done)
		buf := make([]byte, 32<<10)
		for {
			n, err := r.Read(buf)
			c.mu.Lock()
			c.buf.Write(buf[:n])
			c.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	os.Stdout, os.Stderr = w, w
	log.SetOutput(w)
	t.Cleanup(c.restore)
	return c
}

func (c *leakCapture) bytes() []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return bytes.Clone(c.buf.Bytes())
}

// restore puts the real outputs back and waits for the pipe to drain. Safe to call twice.
func (c *leakCapture) restore() {
	if c.restored {
		return
	}
	c.restored = true
	slog.SetDefault(c.slogDefault)
	log.SetOutput(c.logOut)
	log.SetFlags(c.logFlags)
	os.Stdout, os.Stderr = c.stdout, c.stderr
	_ = c.w.Close()
	<-c.done
	_ = c.r.Close()
}

// leakAtlasEcho answers like the Atlas API: with accept set, any Digest-authenticated lookup gets a cluster
// (the success path: no real Atlas runs on loopback); else a Digest challenge, then a 401 whose body echoes
// the request line and the Authorization header (public key included), as some proxies do.
func leakAtlasEcho(accept *atomic.Bool) *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if accept.Load() && r.Header.Get("Authorization") != "" {
			_, _ = io.WriteString(w, `{"clusterType":"REPLICASET","mongoDBVersion":"8.0.4","name":"Cluster0","paused":false,"stateName":"IDLE","replicationSpecs":[{"regionConfigs":[{"backingProviderName":"AWS","electableSpecs":{"instanceSize":"M0"},"priority":7,"providerName":"TENANT","regionName":"EU_CENTRAL_1"}]}]}`)
			return
		}
		w.Header().Set("WWW-Authenticate", `Digest realm="MMS Public API", domain="", nonce="n0nce", algorithm=MD5, qop="auth", stale=false`)
		w.WriteHeader(http.StatusUnauthorized)
		body, _ := json.Marshal(map[string]any{"error": 401, "reason": "Unauthorized", "errorCode": "UNAUTHORIZED",
			"detail": fmt.Sprintf("You are not authorized. Request: %s %s Authorization: %s", r.Method, r.URL, r.Header.Get("Authorization"))})
		_, _ = w.Write(body)
	}))
}

// leakEchoSite is a hostile or broken site (or a proxy in front of it): its revalidate route answers, in
// turn, a 401 whose text quotes the Authorization header just before the 300th character (so a secret
// straddles a cut made before redaction), a 500 whose JSON message does the same, a 200 whose every item
// failed with an error quoting the secret there, and a redirect whose Location carries it in the query. Pages
// answer 200 and echo the last secret the route was sent in every header a storefront check reads (cache
// headers, a cookie) and in the body; /go redirects to a Location carrying it as user-info, query and fragment.
func leakEchoSite() *httptest.Server {
	var n atomic.Int64
	var last atomic.Value
	last.Store("")
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			echo := last.Load().(string)
			if r.URL.Path == "/go" {
				w.Header().Set("Location", "http://leak:"+url.PathEscape(echo)+"@"+r.Host+"/landing?token="+url.QueryEscape(echo)+"#"+url.PathEscape(echo))
				w.WriteHeader(http.StatusFound)
				return
			}
			w.Header().Set("Content-Type", "text/html")
			for _, h := range []string{"X-Nextjs-Cache", "X-Vercel-Cache", "Age", "X-Echo"} {
				w.Header().Set(h, echo)
			}
			w.Header().Set("Cache-Control", "max-age=0, "+echo)
			w.Header().Set("Set-Cookie", "session="+url.QueryEscape(echo))
			_, _ = io.WriteString(w, "<html><body>ok "+echo+"</body></html>")
			return
		}
		auth := r.Header.Get("Authorization")
		secret := strings.TrimPrefix(auth, "Bearer ")
		last.Store(secret)
		pad := strings.Repeat("·", 270) + " you sent: " // the secret starts before the 300th character
		switch n.Add(1) % 4 {
		case 1:
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = io.WriteString(w, pad+auth+" (wrong)")
		case 2:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusInternalServerError)
			body, _ := json.Marshal(map[string]any{"ok": false, "code": "BOOM", "message": pad + auth + " rejected"})
			_, _ = w.Write(body)
		case 3: // a 200 whose every item failed with an error quoting the secret
			var req struct {
				Tags  []string          `json:"tags"`
				Paths []json.RawMessage `json:"paths"`
			}
			_ = json.NewDecoder(r.Body).Decode(&req)
			var results []map[string]any
			for _, tag := range req.Tags {
				results = append(results, map[string]any{"kind": "tag", "item": tag, "ok": false, "error": pad + secret})
			}
			for _, raw := range req.Paths {
				var p struct{ Path string }
				if json.Unmarshal(raw, &p.Path) != nil {
					_ = json.Unmarshal(raw, &p)
				}
				results = append(results, map[string]any{"kind": "path", "item": p.Path, "ok": false, "error": pad + secret})
			}
			w.Header().Set("Content-Type", "application/json")
			body, _ := json.Marshal(map[string]any{"ok": false, "results": results, "nextVersion": "15.0.0"})
			_, _ = w.Write(body)
		default:
			w.Header().Set("Location", "/login?token="+url.QueryEscape(secret)+"&next=%2Fapi%2Frevalidate")
			w.WriteHeader(http.StatusTemporaryRedirect)
		}
	}))
}

// leakPeers are the real peers of the sweep.
type leakPeers struct {
	db     *testpeer.FerretDB
	pusher *testpeer.Soketi
	site   *testpeer.NextSite
}

// startLeakPeers starts the three real peers side by side (each takes seconds) with the selected profile's
// first values and stops them at cleanup.
func startLeakPeers(t *testing.T, p *leakPlan) leakPeers {
	t.Helper()
	var pr leakPeers
	var wg sync.WaitGroup
	errs := make([]error, 3)
	ctx := context.Background()
	wg.Add(3)
	go func() {
		defer wg.Done()
		pr.db, errs[0] = testpeer.StartFerretDB(ctx, testpeer.FerretOptions{User: p.sel.dbUser, Password: p.sel.dbPass})
	}()
	go func() {
		defer wg.Done()
		app := testpeer.SoketiApp{ID: "100001", Key: p.pusherKey, Secret: p.sel.values[secrets.PusherSecret]}
		pr.pusher, errs[1] = testpeer.StartSoketi(ctx, testpeer.SoketiOptions{Apps: []testpeer.SoketiApp{app}})
	}()
	go func() {
		defer wg.Done()
		pr.site, errs[2] = testpeer.StartNextSite(ctx, testpeer.NextSiteOptions{Secret: p.sel.values[secrets.RevalidateSecret]})
	}()
	wg.Wait()
	t.Cleanup(func() {
		if pr.db != nil {
			pr.db.Stop()
		}
		if pr.pusher != nil {
			pr.pusher.Stop()
		}
		if pr.site != nil {
			pr.site.Stop()
		}
	})
	for _, err := range errs {
		testpeer.Require(t, err)
	}
	return pr
}
