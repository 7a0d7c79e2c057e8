package pages

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"siyana/backend/check"
	"siyana/backend/profile"
	"siyana/backend/testpeer"
)

func site(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func one(t *testing.T, s *Service, base string, pg profile.Page) Page {
	t.Helper()
	res := s.Check(context.Background(), Request{SiteURL: base, Pages: []profile.Page{pg}})
	if len(res.Pages) != 1 {
		t.Fatalf("pages %+v", res.Pages)
	}
	return res.Pages[0]
}

// The page is asked like a visitor asks: a browser's Accept, a User-Agent naming Siyana, no cookie and no
// credential, also after a redirect whose Location carries user-info.
func TestVisitorRequest(t *testing.T) {
	var mu sync.Mutex
	var got []http.Header
	srv := site(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Header.Clone())
		mu.Unlock()
		if r.URL.Path == "/from" {
			http.SetCookie(w, &http.Cookie{Name: "session", Value: "s3cret-cookie"})
			w.Header().Set("Location", "http://admin:pa55word@"+r.Host+"/to?token=t0ken-in-query#frag")
			w.WriteHeader(http.StatusFound)
			return
		}
		_, _ = io.WriteString(w, "<html>ok</html>")
	})
	p := one(t, &Service{}, srv.URL, profile.Page{Path: "/from"})
	if p.Code != check.CodeOK || p.Status != 200 || len(p.Redirects) != 1 {
		t.Fatalf("%+v", p)
	}
	if h := p.Redirects[0]; h.Status != 302 || h.Location != srv.URL+"/to" {
		t.Fatalf("hop %+v: only scheme, host and path may be reported", h)
	}
	if len(got) != 2 {
		t.Fatalf("%d requests", len(got))
	}
	for _, h := range got {
		if !strings.Contains(h.Get("User-Agent"), "Siyana/") || !strings.Contains(h.Get("Accept"), "text/html") {
			t.Fatalf("not a visitor's request: %v", h)
		}
		if h.Get("Authorization") != "" || h.Get("Cookie") != "" {
			t.Fatalf("a credential or a cookie was sent: %v", h)
		}
	}
}

func TestRedirects(t *testing.T) {
	var loops atomic.Int64
	srv := site(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/loop":
			loops.Add(1)
			http.Redirect(w, r, "/loop", http.StatusTemporaryRedirect)
		case "/a":
			http.Redirect(w, r, "/b", http.StatusMovedPermanently)
		case "/b":
			http.Redirect(w, r, "/c", http.StatusFound)
		case "/js":
			w.Header().Set("Location", "javascript:alert(1)")
			w.WriteHeader(http.StatusFound)
		case "/none":
			w.WriteHeader(http.StatusFound)
		case "/at":
			// An '@' after the host (in the query and the fragment) must not move where the report cuts.
			w.Header().Set("Location", "http://u:p%40ss@"+r.Host+"/c?next=x@evil.example#y@evil.example")
			w.WriteHeader(http.StatusSeeOther)
		default:
			_, _ = io.WriteString(w, "end")
		}
	})
	s := &Service{}
	p := one(t, s, srv.URL, profile.Page{Path: "/loop"})
	if p.Code != CodeTooManyRedirects || p.Params["max"] != strconv.Itoa(MaxRedirects) || len(p.Redirects) != MaxRedirects+1 ||
		loops.Load() != MaxRedirects+1 {
		t.Fatalf("loop: %s %v, %d hops, %d requests", p.Code, p.Params, len(p.Redirects), loops.Load())
	}
	p = one(t, s, srv.URL, profile.Page{Path: "/a"})
	if p.Code != check.CodeOK || len(p.Redirects) != 2 || p.Redirects[0].Status != 301 || p.Redirects[1].Location != srv.URL+"/c" {
		t.Fatalf("chain: %+v", p)
	}
	if p = one(t, s, srv.URL, profile.Page{Path: "/at"}); p.Code != check.CodeOK || p.Redirects[0].Location != srv.URL+"/c" {
		t.Fatalf("'@' after the host: %+v", p.Redirects)
	}
	for _, path := range []string{"/js", "/none"} {
		if p = one(t, s, srv.URL, profile.Page{Path: path}); p.Code != CodeBadRedirect || p.Level != LevelDown {
			t.Fatalf("%s: %+v", path, p)
		}
	}
}

func TestMustContainAndStatus(t *testing.T) {
	srv := site(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/broken" {
			http.Error(w, "boom", http.StatusInternalServerError)
			return
		}
		if r.URL.Path == "/gone" {
			http.NotFound(w, r)
			return
		}
		_, _ = io.WriteString(w, "<html><body><h1>متجر العطور</h1></body></html>")
	})
	s := &Service{}
	if p := one(t, s, srv.URL, profile.Page{Path: "/", MustContain: "متجر العطور"}); p.Code != check.CodeOK || !p.Found {
		t.Fatalf("present: %+v", p)
	}
	p := one(t, s, srv.URL, profile.Page{Path: "/", MustContain: "سلة"})
	if p.Code != CodeTextMissing || p.Found || p.Params["text"] != "سلة" || p.Level != LevelDown {
		t.Fatalf("absent: %+v", p)
	}
	for path, status := range map[string]string{"/broken": "500", "/gone": "404"} {
		if p := one(t, s, srv.URL, profile.Page{Path: path}); p.Code != CodeHTTPError || p.Params["status"] != status {
			t.Fatalf("%s: %+v", path, p)
		}
	}
}

// A huge page is read up to MaxBodyBytes and no further: the size says so, and a text past the limit is
// not found (the check does not read on to find it).
func TestHugeBodyIsBounded(t *testing.T) {
	var sent atomic.Int64
	srv := site(t, func(w http.ResponseWriter, r *http.Request) {
		chunk := []byte(strings.Repeat("x", 64<<10))
		for i := 0; i < 1024; i++ { // 64 MiB, unless the reader stops first
			n, err := w.Write(chunk)
			sent.Add(int64(n))
			if err != nil {
				return
			}
		}
		_, _ = io.WriteString(w, "needle")
	})
	start := time.Now()
	p := one(t, &Service{}, srv.URL, profile.Page{Path: "/", MustContain: "needle"})
	if p.SizeBytes != MaxBodyBytes || !p.Truncated || p.Found || p.Code != CodeTextMissing {
		t.Fatalf("%+v", p)
	}
	if sent.Load() > 32<<20 || time.Since(start) > 5*time.Second {
		t.Fatalf("the check read on: %d bytes sent in %s", sent.Load(), time.Since(start))
	}
	if p := one(t, &Service{}, srv.URL, profile.Page{Path: "/"}); p.Code != check.CodeOK || !p.Truncated {
		t.Fatalf("without a text: %+v", p)
	}
}

// Cache headers are reported as sent when they are tokens; anything else a site puts there is dropped.
func TestCacheHeaders(t *testing.T) {
	srv := site(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/hostile" {
			w.Header().Set("X-Nextjs-Cache", "HIT; token=abc:def/ghi")
			w.Header().Set("Age", "12 s3cret")
			w.Header().Set("Cache-Control", "max-age=0\u202e")
			return
		}
		w.Header().Set("X-Nextjs-Cache", "stale")
		w.Header().Set("X-Vercel-Cache", "HIT")
		w.Header().Set("Age", "42")
		w.Header().Set("Cache-Control", "s-maxage=31536000, stale-while-revalidate")
	})
	p := one(t, &Service{}, srv.URL, profile.Page{Path: "/"})
	want := Cache{State: "HIT", NextJS: "stale", Vercel: "HIT", Age: "42", CacheControl: "s-maxage=31536000, stale-while-revalidate"}
	if p.Cache != want {
		t.Fatalf("cache %+v, want %+v", p.Cache, want)
	}
	if p := one(t, &Service{}, srv.URL, profile.Page{Path: "/hostile"}); p.Cache != (Cache{}) {
		t.Fatalf("hostile headers reported: %+v", p.Cache)
	}
}

// Pages are fetched at most MaxConcurrent at a time, within their bound, and the run says which are down.
func TestConcurrencyAndDeadline(t *testing.T) {
	var in, peak atomic.Int64
	srv := site(t, func(w http.ResponseWriter, r *http.Request) {
		n := in.Add(1)
		defer in.Add(-1)
		for {
			old := peak.Load()
			if n <= old || peak.CompareAndSwap(old, n) {
				break
			}
		}
		if r.URL.Path == "/slow" {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return
		}
		time.Sleep(30 * time.Millisecond)
	})
	var list []profile.Page
	for i := 0; i < 12; i++ {
		list = append(list, profile.Page{Path: "/p" + strconv.Itoa(i)})
	}
	list = append(list, profile.Page{Path: "/slow"})
	s := &Service{PageTimeout: 300 * time.Millisecond}
	start := time.Now()
	res := s.Check(context.Background(), Request{SiteURL: srv.URL + "/", Pages: list})
	if peak.Load() > MaxConcurrent {
		t.Fatalf("%d pages at once", peak.Load())
	}
	if time.Since(start) > 3*time.Second {
		t.Fatalf("the run took %s", time.Since(start))
	}
	last := res.Pages[len(res.Pages)-1]
	if last.Code != check.CodeTimeout || res.Code != CodePagesDown || res.Params["down"] != "1" || res.Params["path"] != "/slow" ||
		res.Params["total"] != "13" || res.Params["code"] != check.CodeTimeout {
		t.Fatalf("run %s %v; slow page %s", res.Code, res.Params, last.Code)
	}
	if res.Pages[0].URL != srv.URL+"/p0" {
		t.Fatalf("url %q", res.Pages[0].URL)
	}
	// A canceled run answers at once, every page CANCELED.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res = s.Check(ctx, Request{SiteURL: srv.URL, Pages: list})
	if res.Code != CodePagesDown || res.Pages[0].Code != check.CodeCanceled {
		t.Fatalf("canceled: %s %s", res.Code, res.Pages[0].Code)
	}
}

func TestNotConfiguredAndUnreachable(t *testing.T) {
	res := (&Service{}).Check(context.Background(), Request{Pages: []profile.Page{{Path: "/"}}})
	if res.Code != check.CodeNotConfigured || res.Params["list"] != "NEXT_PUBLIC_SITE_URL" || len(res.Pages) != 0 || res.Pages == nil {
		t.Fatalf("%+v", res)
	}
	url := "http://" + testpeer.ClosedAddr(t) // bound for the whole test, never listening
	if p := one(t, &Service{}, url, profile.Page{Path: "/"}); p.Code != check.CodeUnreachable || p.Status != 0 {
		t.Fatalf("%+v", p)
	}
}
