package atlas

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"siyana/backend/check"
	"siyana/backend/testpeer"
)

func config() Config {
	return Config{GroupID: testGroup, ClusterName: "Cluster0", PublicKey: testPublic, PrivateKey: testPrivate}
}

func clientFor(f *fakeAtlas) *Client {
	// The test server's own client trusts its certificate; its transport carries our requests.
	return &Client{BaseURL: f.URL, Transport: f.Client().Transport}
}

func assertNoKey(t *testing.T, res Result) {
	t.Helper()
	b, _ := json.Marshal(res)
	if strings.Contains(string(b), testPrivate) || strings.Contains(string(b), testPublic) {
		t.Fatalf("result leaks a key: %s", b)
	}
}

const clusterPath, flexPath = "/clusters/Cluster0", "/flexClusters/Cluster0"

func TestCheckClusterAnswers(t *testing.T) {
	scenarios := []struct {
		name     string
		routes   map[string]http.HandlerFunc
		cfg      func(*Config)
		want     string
		check    func(t *testing.T, r Result)
		requests int // signed requests the server must have verified
	}{
		{
			name: "dedicated", routes: map[string]http.HandlerFunc{clusterPath: answerWith(200, dedicatedM10)}, want: check.CodeOK, requests: 1,
			check: func(t *testing.T, r Result) {
				if r.InstanceSize != "M10" || r.Provider != "AWS" || r.BackingProvider != "" || r.State != "IDLE" ||
					r.MongoDBVersion != "7.0.15" || r.Paused || r.Flex || r.HTTPStatus != 200 {
					t.Fatalf("%+v", r)
				}
			},
		},
		{
			name: "shared tier", routes: map[string]http.HandlerFunc{clusterPath: answerWith(200, sharedM0)}, want: check.CodeOK, requests: 1,
			check: func(t *testing.T, r Result) {
				if r.InstanceSize != "M0" || r.Provider != "TENANT" || r.BackingProvider != "AWS" {
					t.Fatalf("%+v", r)
				}
			},
		},
		{
			name: "paused", routes: map[string]http.HandlerFunc{clusterPath: answerWith(200, pausedM20)}, want: check.CodeOK, requests: 1,
			check: func(t *testing.T, r Result) {
				if !r.Paused || r.Provider != "AZURE" {
					t.Fatalf("%+v", r)
				}
			},
		},
		{
			name: "flex refused by the cluster API", want: check.CodeOK, requests: 2,
			routes: map[string]http.HandlerFunc{clusterPath: answerWith(400, errFlexInClusterAPI), flexPath: answerWith(200, flexBody)},
			check: func(t *testing.T, r Result) {
				if !r.Flex || r.InstanceSize != "FLEX" || r.Provider != "FLEX" || r.BackingProvider != "AWS" || r.MongoDBVersion != "8.0.3" {
					t.Fatalf("%+v", r)
				}
			},
		},
		{
			name: "flex behind CLUSTER_NOT_FOUND", want: check.CodeOK, requests: 2,
			routes: map[string]http.HandlerFunc{clusterPath: answerWith(404, errClusterNotFound), flexPath: answerWith(200, flexBody)},
			check: func(t *testing.T, r Result) {
				if !r.Flex {
					t.Fatalf("%+v", r)
				}
			},
		},
		{
			name: "cluster not found", want: CodeClusterNotFound, requests: 2,
			routes: map[string]http.HandlerFunc{clusterPath: answerWith(404, errClusterNotFound), flexPath: answerWith(404, errClusterNotFound)},
			check: func(t *testing.T, r Result) {
				if r.AtlasErrorCode != "CLUSTER_NOT_FOUND" || r.HTTPStatus != 404 || r.Flex {
					t.Fatalf("%+v", r)
				}
			},
		},
		{
			name: "project not found", want: CodeProjectNotFound, requests: 1,
			routes: map[string]http.HandlerFunc{clusterPath: answerWith(404, errGroupNotFound)},
		},
		{
			name: "api key ip access list", want: CodeIPNotAllowed, requests: 1,
			routes: map[string]http.HandlerFunc{clusterPath: answerWith(403, errIPNotAllowed)},
		},
		{
			name: "wrong private key", want: CodeUnauthorized, requests: 0,
			cfg: func(c *Config) { c.PrivateKey = "not-the-key" },
		},
		{
			name: "key without project role", want: CodeUnauthorized, requests: 1,
			routes: map[string]http.HandlerFunc{clusterPath: answerWith(401, errNoProjectRole)},
		},
		{
			name: "rate limited", want: CodeRateLimited, requests: 1,
			routes: map[string]http.HandlerFunc{clusterPath: answerWith(429, errRateLimited, "Retry-After", "42")},
			check: func(t *testing.T, r Result) {
				if r.RetryAfterSeconds != 42 || !strings.Contains(r.Hint, "42") {
					t.Fatalf("%+v", r)
				}
			},
		},
		{
			name: "server error", want: CodeAtlasError, requests: 1,
			routes: map[string]http.HandlerFunc{clusterPath: answerWith(500, errServer)},
		},
		{
			name: "not json", want: CodeAtlasError, requests: 1,
			routes: map[string]http.HandlerFunc{clusterPath: answerWith(200, `<html>`)},
		},
		{name: "not configured", want: check.CodeNotConfigured, cfg: func(c *Config) { c.PrivateKey = "" }},
		{name: "bad group id", want: CodeInvalidConfig, cfg: func(c *Config) { c.GroupID = "../../orgs" }},
		{name: "bad cluster name", want: CodeInvalidConfig, cfg: func(c *Config) { c.ClusterName = "Cluster0/../x" }},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			f := newFakeAtlas(t, true)
			for p, h := range sc.routes {
				f.route(p, h)
			}
			cfg := config()
			if sc.cfg != nil {
				sc.cfg(&cfg)
			}
			res := clientFor(f).CheckCluster(context.Background(), cfg, Options{})
			assertNoKey(t, res)
			if res.Code != sc.want || res.OK != (sc.want == check.CodeOK) || res.Message == "" {
				t.Fatalf("got %+v, want %s", res, sc.want)
			}
			if sc.check != nil {
				sc.check(t, res)
			}
			f.mu.Lock()
			defer f.mu.Unlock()
			if f.basic != 0 {
				t.Fatalf("Basic credentials were sent %d time(s)", f.basic)
			}
			if f.signed != sc.requests {
				t.Fatalf("server verified %d signed request(s), want %d", f.signed, sc.requests)
			}
			if a, ok := f.accepts["/api/atlas/v2/groups/"+testGroup+clusterPath]; ok && a != "application/vnd.atlas.2024-08-05+json" {
				t.Fatalf("cluster Accept %q", a)
			}
			if a, ok := f.accepts["/api/atlas/v2/groups/"+testGroup+flexPath]; ok && a != "application/vnd.atlas.2024-11-13+json" {
				t.Fatalf("flex Accept %q", a)
			}
		})
	}
}

func TestCheckClusterPhases(t *testing.T) {
	f := newFakeAtlas(t, true)
	f.route(clusterPath, answerWith(200, dedicatedM10))
	c := clientFor(f)
	first := c.CheckCluster(context.Background(), config(), Options{})
	if !first.OK || first.Phases.Reused || first.Phases.ConnectMs <= 0 || first.Phases.TLSMs <= 0 || first.Phases.FirstByteMs <= 0 {
		t.Fatalf("first lookup phases: %+v", first.Phases)
	}
	second := c.CheckCluster(context.Background(), config(), Options{})
	if !second.OK || !second.Phases.Reused || second.Phases.TLSMs != 0 {
		t.Fatalf("second lookup should reuse the kept-alive connection: %+v", second.Phases)
	}
	t.Logf("first %+v (%.3f ms), second %+v (%.3f ms)", first.Phases, first.DurationMs, second.Phases, second.DurationMs)
}

func TestCheckClusterTransportFailures(t *testing.T) {
	t.Run("slow server", func(t *testing.T) {
		f := newFakeAtlas(t, false)
		f.route(clusterPath, func(w http.ResponseWriter, r *http.Request) {
			select { // hold the answer until the client gives up (or the test ends)
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
		})
		start := time.Now()
		res := clientFor(f).CheckCluster(context.Background(), config(), Options{Timeout: 200 * time.Millisecond})
		if res.Code != check.CodeTimeout || time.Since(start) > 3*time.Second {
			t.Fatalf("slow server: %+v after %v", res, time.Since(start))
		}
	})
	t.Run("closed port", func(t *testing.T) {
		addr := testpeer.ClosedAddr(t) // nothing listens there
		c := &Client{BaseURL: "http://" + addr}
		if res := c.CheckCluster(context.Background(), config(), Options{Timeout: 2 * time.Second}); res.Code != check.CodeUnreachable {
			t.Fatalf("closed port: %+v", res)
		}
	})
	t.Run("canceled", func(t *testing.T) {
		f := newFakeAtlas(t, false)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if res := clientFor(f).CheckCluster(ctx, config(), Options{}); res.Code != check.CodeCanceled {
			t.Fatalf("canceled: %+v", res)
		}
	})
}

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	h := http.Header{}
	h.Set("Retry-After", now.Add(90*time.Second).Format(http.TimeFormat))
	if got := retryAfter(h, now); got != 90 {
		t.Fatalf("date form: %d", got)
	}
	h = http.Header{}
	h.Set("X-RateLimit-Reset", "17")
	if got := retryAfter(h, now); got != 17 {
		t.Fatalf("reset header: %d", got)
	}
	if got := retryAfter(http.Header{}, now); got != 0 {
		t.Fatalf("no hint: %d", got)
	}
}
