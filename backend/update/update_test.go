package update

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"siyana/backend/testpeer"
)

var bg = context.Background()

// feedServer serves body (or runs handler) on a loopback port and counts requests.
type feedServer struct {
	*httptest.Server
	hits atomic.Int32
}

func newFeed(t *testing.T, handler http.HandlerFunc) *feedServer {
	t.Helper()
	f := &feedServer{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.hits.Add(1)
		handler(w, r)
	}))
	t.Cleanup(f.Close)
	return f
}

func jsonFeed(t *testing.T, releases ...release) *feedServer {
	t.Helper()
	b, err := json.Marshal(releases)
	if err != nil {
		t.Fatal(err)
	}
	return newFeed(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(b) })
}

// enabled returns a service for version current, turned on, reading feed.
func enabled(t *testing.T, current, feed string) *Service {
	t.Helper()
	s := New(t.TempDir(), current)
	if r := s.SaveSettings(Settings{Enabled: true, FeedURL: feed}); !r.OK {
		t.Fatalf("save: %+v", r)
	}
	return s
}

// failingTransport fails the test on any request: proof that nothing was asked.
type failingTransport struct{ t *testing.T }

func (f failingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	f.t.Errorf("unexpected request to %s", r.URL)
	return nil, net.ErrClosed
}

var (
	stable   = release{TagName: "v1.3.0", Name: "Siyana 1.3", Body: "- faster checks\n- Arabic plurals", HTMLURL: "https://github.com/o/r/releases/tag/v1.3.0"}
	older    = release{TagName: "v1.2.0", Name: "Siyana 1.2", HTMLURL: "https://github.com/o/r/releases/tag/v1.2.0"}
	rc       = release{TagName: "v1.4.0-rc.1", Name: "1.4 rc", Prerelease: true, HTMLURL: "https://github.com/o/r/releases/tag/v1.4.0-rc.1"}
	flagged  = release{TagName: "v1.5.0", Name: "flagged", Prerelease: true} // GitHub's flag alone makes it a pre-release
	draft    = release{TagName: "v9.0.0", Draft: true}
	untagged = release{TagName: "nightly"}
)

func TestCheck(t *testing.T) {
	scenarios := []struct {
		name, current string
		releases      []release
		code, latest  string
	}{
		{"newer version", "v1.2.0", []release{stable, older}, CodeUpdateAvailable, "v1.3.0"},
		{"same version", "v1.3.0", []release{older, stable}, CodeUpToDate, "v1.3.0"},
		{"running newer than the feed", "v2.0.0", []release{stable}, CodeUpToDate, "v1.3.0"},
		{"git describe suffix reads as the tag", "v1.3.0-4-gabc1234-dirty", []release{stable}, CodeUpToDate, "v1.3.0"},
		{"pre-release ignored on a release", "v1.3.0", []release{rc, flagged, stable, draft}, CodeUpToDate, "v1.3.0"},
		{"pre-release offered to a pre-release", "v1.4.0-beta.2", []release{stable, rc}, CodeUpdateAvailable, "v1.4.0-rc.1"},
		{"release offered to its pre-release", "v1.3.0-rc.2", []release{stable, older}, CodeUpdateAvailable, "v1.3.0"},
		{"drafts never count", "v1.3.0", []release{draft, stable}, CodeUpToDate, "v1.3.0"},
		{"tags that are no version are skipped", "v1.2.0", []release{untagged, stable}, CodeUpdateAvailable, "v1.3.0"},
		{"empty feed", "v1.2.0", []release{}, CodeUpToDate, ""},
		{"no entry has a version", "v1.2.0", []release{untagged}, CodeFeedMalformed, ""},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			f := jsonFeed(t, sc.releases...)
			r := enabled(t, sc.current, f.URL).Check(bg)
			if r.Code != sc.code || r.Latest != sc.latest || r.Message == "" || r.Current != sc.current || r.Cached {
				t.Fatalf("%+v", r)
			}
			if r.CheckedAt.IsZero() || r.FeedURL != f.URL || f.hits.Load() != 1 {
				t.Fatalf("checkedAt %v feed %q hits %d", r.CheckedAt, r.FeedURL, f.hits.Load())
			}
			if sc.code == CodeUpdateAvailable && (r.URL == "" || r.Name == "") {
				t.Fatalf("no link or name: %+v", r)
			}
		})
	}

	t.Run("notes and link of the newer release", func(t *testing.T) {
		f := jsonFeed(t, older, stable)
		r := enabled(t, "1.2.0", f.URL).Check(bg)
		if r.Notes != stable.Body || r.URL != stable.HTMLURL || r.Name != stable.Name {
			t.Fatalf("%+v", r)
		}
	})

	t.Run("one release object (releases/latest)", func(t *testing.T) {
		b, _ := json.Marshal(stable)
		f := newFeed(t, func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write(b) })
		if r := enabled(t, "v1.0.0", f.URL).Check(bg); r.Code != CodeUpdateAvailable || r.Latest != "v1.3.0" {
			t.Fatalf("%+v", r)
		}
	})
}

func TestCheckHostileFeeds(t *testing.T) {
	scenarios := []struct {
		name    string
		handler http.HandlerFunc
		code    string
	}{
		{"malformed JSON", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(`[{"tag_name": "v2.0.0",`)) }, CodeFeedMalformed},
		{"HTML error page", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("<html>rate limited</html>")) }, CodeFeedMalformed},
		{"wrong JSON shape", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(`{"message":"Not Found"}`)) }, CodeFeedMalformed},
		{"a JSON string", func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte(`"v2.0.0"`)) }, CodeFeedMalformed},
		{"empty body", func(w http.ResponseWriter, _ *http.Request) {}, CodeFeedMalformed},
		{"invalid UTF-8", func(w http.ResponseWriter, _ *http.Request) {
			_, _ = w.Write([]byte("[{\"tag_name\":\"v2.0.0\",\"body\":\"\xff\xfe\"}]"))
		}, CodeFeedMalformed},
		{"not found", func(w http.ResponseWriter, _ *http.Request) { http.NotFound(w, nil) }, CodeFeedStatus},
		{"rate limited", func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusForbidden) }, CodeFeedStatus},
		{"huge body", func(w http.ResponseWriter, _ *http.Request) {
			_, _ = w.Write([]byte(`[{"tag_name":"v2.0.0","body":"`))
			chunk := []byte(strings.Repeat("x", 64<<10))
			for n := 0; n <= MaxFeedBytes; n += len(chunk) {
				if _, err := w.Write(chunk); err != nil {
					return
				}
			}
			_, _ = w.Write([]byte(`"}]`))
		}, CodeFeedTooLarge},
		{"redirect down to plain http elsewhere", func(w http.ResponseWriter, r *http.Request) {
			http.Redirect(w, r, "http://releases.example.invalid/feed", http.StatusFound)
		}, CodeFeedUnreachable},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			f := newFeed(t, sc.handler)
			r := enabled(t, "v1.0.0", f.URL).Check(bg)
			if r.Code != sc.code || r.Message == "" || r.Latest != "" || r.Notes != "" || r.URL != "" {
				t.Fatalf("%+v", r)
			}
		})
	}

	t.Run("unsafe link and control characters in the notes", func(t *testing.T) {
		evil := release{TagName: "v2.0.0", Name: "<b>2.0</b>", Body: "<img src=x onerror=alert(1)>\x1b[31m\u0000ok\r\nline",
			HTMLURL: "javascript:alert(document.cookie)"}
		f := jsonFeed(t, evil)
		r := enabled(t, "v1.0.0", f.URL).Check(bg)
		if r.Code != CodeUpdateAvailable || r.URL != "" {
			t.Fatalf("%+v", r)
		}
		// Markup stays as text (the banner renders text, never HTML); control characters go.
		if r.Notes != "<img src=x onerror=alert(1)>[31mok\nline" || r.Name != "<b>2.0</b>" {
			t.Fatalf("notes %q name %q", r.Notes, r.Name)
		}
	})

	t.Run("long notes are capped", func(t *testing.T) {
		long := stable
		long.Body = strings.Repeat("ص", MaxNotesRunes*3)
		f := jsonFeed(t, long)
		r := enabled(t, "v1.0.0", f.URL).Check(bg)
		if n := len([]rune(r.Notes)); n != MaxNotesRunes+1 || !strings.HasSuffix(r.Notes, "…") {
			t.Fatalf("%d runes", n)
		}
	})
}

func TestCheckIsBounded(t *testing.T) {
	t.Run("slow feed meets the deadline", func(t *testing.T) {
		release := make(chan struct{})
		f := newFeed(t, func(w http.ResponseWriter, r *http.Request) {
			select {
			case <-release:
			case <-r.Context().Done():
			}
		})
		defer close(release)
		s := enabled(t, "v1.0.0", f.URL)
		ctx, cancel := context.WithTimeout(bg, 300*time.Millisecond)
		defer cancel()
		start := time.Now()
		r := s.Check(ctx)
		if r.Code != CodeFeedTimeout || time.Since(start) > 3*time.Second {
			t.Fatalf("%+v after %v", r, time.Since(start))
		}
	})

	t.Run("a feed that trickles its body meets the deadline", func(t *testing.T) {
		f := newFeed(t, func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte("[ "))
			w.(http.Flusher).Flush()
			<-r.Context().Done()
		})
		ctx, cancel := context.WithTimeout(bg, 300*time.Millisecond)
		defer cancel()
		if r := enabled(t, "v1.0.0", f.URL).Check(ctx); r.Code != CodeFeedTimeout {
			t.Fatalf("%+v", r)
		}
	})

	t.Run("nothing listening", func(t *testing.T) {
		addr := testpeer.ClosedAddr(t) // nothing listens there
		if r := enabled(t, "v1.0.0", "http://"+addr+"/releases").Check(bg); r.Code != CodeFeedUnreachable {
			t.Fatalf("%+v", r)
		}
	})

	t.Run("closing the app cancels the check and stores nothing", func(t *testing.T) {
		f := newFeed(t, func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() })
		s := enabled(t, "v1.0.0", f.URL)
		ctx, cancel := context.WithCancel(bg)
		time.AfterFunc(100*time.Millisecond, cancel)
		if r := s.Check(ctx); r.Code != CodeCanceled {
			t.Fatalf("%+v", r)
		}
		if st, _ := s.load(); st.Last != nil {
			t.Fatalf("stored %+v", st.Last)
		}
	})
}

func TestAtMostOnceADay(t *testing.T) {
	f := jsonFeed(t, stable)
	s := enabled(t, "v1.2.0", f.URL)
	now := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	s.Now = func() time.Time { return now }

	first := s.Check(bg)
	if first.Code != CodeUpdateAvailable || first.Cached {
		t.Fatalf("%+v", first)
	}
	now = now.Add(23 * time.Hour)
	// A restart: a new service over the same file.
	again := New(filepath.Dir(s.path), "v1.2.0")
	again.Now = s.Now
	second := again.Check(bg)
	if !second.Cached || second.Code != CodeUpdateAvailable || second.Latest != "v1.3.0" || !second.CheckedAt.Equal(first.CheckedAt) {
		t.Fatalf("%+v", second)
	}
	if f.hits.Load() != 1 {
		t.Fatalf("%d requests within a day", f.hits.Load())
	}
	now = now.Add(2 * time.Hour)
	if third := again.Check(bg); third.Cached || f.hits.Load() != 2 {
		t.Fatalf("%+v after %d requests", third, f.hits.Load())
	}

	t.Run("a clock set back asks again", func(t *testing.T) {
		now = now.Add(-48 * time.Hour)
		if r := again.Check(bg); r.Cached || f.hits.Load() != 3 {
			t.Fatalf("%+v", r)
		}
	})
	t.Run("a new feed URL asks the new feed", func(t *testing.T) {
		other := jsonFeed(t, older)
		if r := again.SaveSettings(Settings{Enabled: true, FeedURL: other.URL}); !r.OK {
			t.Fatal(r)
		}
		if r := again.Check(bg); r.Cached || r.Code != CodeUpToDate || other.hits.Load() != 1 {
			t.Fatalf("%+v", r)
		}
	})
	t.Run("an upgraded app asks again", func(t *testing.T) {
		upgraded := New(filepath.Dir(s.path), "v1.3.0")
		upgraded.Now = s.Now
		if r := upgraded.Check(bg); r.Cached {
			t.Fatalf("%+v", r)
		}
	})
}

// TestOffMeansNoNetwork: with the notice off (the default, or turned off again) and for a build without a
// release version, no request of any kind is made: neither through the service's transport nor through
// the process-wide default one.
func TestOffMeansNoNetwork(t *testing.T) {
	saved := http.DefaultTransport
	http.DefaultTransport = failingTransport{t}
	defer func() { http.DefaultTransport = saved }()
	f := newFeed(t, func(http.ResponseWriter, *http.Request) { t.Error("the feed was asked") })

	fresh := New(t.TempDir(), "v1.0.0")
	if st := fresh.Settings(); st.Settings.Enabled || st.Settings.FeedURL != "" {
		t.Fatalf("not off by default: %+v", st)
	}
	for _, transport := range []http.RoundTripper{nil, failingTransport{t}} {
		fresh.Transport = transport
		if r := fresh.Check(bg); r.Code != CodeDisabled || !r.CheckedAt.IsZero() || r.Message == "" {
			t.Fatalf("%+v", r)
		}
	}
	if _, err := os.Stat(fresh.path); err == nil {
		t.Fatal("checking while off wrote the settings file")
	}

	turnedOff := enabled(t, "v1.0.0", f.URL)
	turnedOff.SaveSettings(Settings{Enabled: false, FeedURL: f.URL})
	turnedOff.Transport = failingTransport{t}
	if r := turnedOff.Check(bg); r.Code != CodeDisabled {
		t.Fatalf("%+v", r)
	}

	for _, v := range []string{"dev", "b882130", "b882130-dirty", "1234567", "1.2", ""} {
		s := enabled(t, v, f.URL)
		s.Transport = failingTransport{t}
		if r := s.Check(bg); r.Code != CodeVersionUnknown {
			t.Fatalf("%q: %+v", v, r)
		}
	}
	if f.hits.Load() != 0 {
		t.Fatalf("%d requests", f.hits.Load())
	}
}

// TestFailingTransportFails proves the guard above can fail: turned on, the same check does use it.
func TestFailingTransportFails(t *testing.T) {
	f := jsonFeed(t, stable)
	s := enabled(t, "v1.0.0", f.URL)
	used := false
	s.Transport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
		used = true
		return http.DefaultTransport.RoundTrip(r)
	})
	if r := s.Check(bg); r.Code != CodeUpdateAvailable || !used {
		t.Fatalf("%+v used=%v", r, used)
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestSettings(t *testing.T) {
	s := New(t.TempDir(), "v1.0.0")
	if r := s.SaveSettings(Settings{Enabled: true, FeedURL: "  https://releases.example.com/siyana.json  "}); !r.OK ||
		r.Settings.FeedURL != "https://releases.example.com/siyana.json" || !r.Settings.Enabled || r.DefaultFeed != DefaultFeedURL {
		t.Fatalf("%+v", r)
	}
	before, _ := os.ReadFile(s.path)
	for _, bad := range []string{"ftp://x/y", "http://releases.example.com/feed", "https://user:pw@example.com/", "javascript:alert(1)",
		"releases.example.com", "https://", "https://exa mple.com/", "https://example.com/\nx", "https://" + strings.Repeat("a", MaxURLBytes)} {
		r := s.SaveSettings(Settings{Enabled: true, FeedURL: bad})
		if r.OK || r.Code != CodeInvalidInput || r.FieldErrors["feedUrl"].Code == "" || r.Settings.FeedURL != "https://releases.example.com/siyana.json" {
			t.Fatalf("%q: %+v", bad, r)
		}
	}
	if after, _ := os.ReadFile(s.path); string(after) != string(before) {
		t.Fatal("a refused URL changed the file")
	}
	if r := s.SaveSettings(Settings{Enabled: false}); !r.OK || r.Settings.FeedURL != "" {
		t.Fatalf("%+v", r)
	}
	if st, err := os.Stat(s.path); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("%v %v", st, err)
	}

	t.Run("a hand-edited bad URL is not used", func(t *testing.T) {
		_ = os.WriteFile(s.path, []byte(`{"enabled":true,"feedUrl":"http://releases.example.com/"}`), 0o600)
		s.Transport = failingTransport{t}
		if r := s.Check(bg); r.Code != CodeDisabled {
			t.Fatalf("%+v", r)
		}
	})
	t.Run("a corrupt file reads as off", func(t *testing.T) {
		_ = os.WriteFile(s.path, []byte(`{"enabled":tru`), 0o600)
		if r := s.Settings(); r.Settings.Enabled {
			t.Fatalf("%+v", r)
		}
	})
	t.Run("an unwritable config dir says so", func(t *testing.T) {
		ro := New(filepath.Join(t.TempDir(), "missing", "dir"), "v1.0.0")
		if r := ro.SaveSettings(Settings{Enabled: true}); r.OK || r.Code != CodeStoreFailed {
			t.Fatalf("%+v", r)
		}
	})
}

func FuzzValidateFeedURL(f *testing.F) {
	for _, s := range []string{"", "https://api.github.com/repos/o/r/releases", "http://127.0.0.1:8080/x", "http://[::1]/x",
		"http://localhost/x", "http://10.0.0.1/x", "https://u:p@h/", "javascript:x", "//h/x", "https://h/\x00", "HTTPS://H/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		got, err := ValidateFeedURL(raw)
		if err != nil {
			if got != "" {
				t.Fatalf("refused %q but returned %q", raw, got)
			}
			return
		}
		if got == "" {
			return
		}
		again, err := ValidateFeedURL(got)
		if err != nil || again != got {
			t.Fatalf("%q -> %q not stable (%v)", raw, got, err)
		}
		if strings.ContainsAny(got, " \n\r\t\x00") || strings.Contains(got, "@") && !strings.Contains(got, "/") {
			t.Fatalf("%q accepted as %q", raw, got)
		}
	})
}
