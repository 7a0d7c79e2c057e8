package dbhealth

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/bson"
	"go.mongodb.org/mongo-driver/mongo"
	"go.mongodb.org/mongo-driver/mongo/options"

	"siyana/backend/check"
	"siyana/backend/testpeer"
)

const (
	testUser     = "siteuser"
	testPassword = "Pa55-w0rd_sekret"
)

// ferret starts FerretDB with the test user for one test or benchmark (stopped at its cleanup); tls puts
// it behind TLS.
func ferret(tb testpeer.TB, tls bool) *testpeer.FerretDB {
	tb.Helper()
	return testpeer.FerretDBT(tb, testpeer.FerretOptions{User: testUser, Password: testPassword, TLS: tls})
}

func newService(t *testing.T) *Service {
	t.Helper()
	s := New()
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

// warmService is a service whose client for id is cached: its first check of uri passed.
func warmService(t *testing.T, id, uri string) *Service {
	t.Helper()
	s := newService(t)
	if res := s.Check(context.Background(), id, uri, Options{}); !res.OK {
		t.Fatalf("first check: %+v", res)
	}
	return s
}

// assertNoSecret fails when the result, as the UI would receive it, carries the password or the user.
func assertNoSecret(t *testing.T, res Result) {
	t.Helper()
	b, _ := json.Marshal(res)
	for _, s := range []string{testPassword, testUser + ":", "nope-wrong"} {
		if strings.Contains(string(b), s) {
			t.Fatalf("result leaks %q: %s", s, b)
		}
	}
}

func TestCheckSuccessAndReuse(t *testing.T) {
	f := ferret(t, false)
	s := newService(t)
	ctx := context.Background()

	first := s.Check(ctx, "prod", f.URI, Options{Plan: "M10"})
	assertNoSecret(t, first)
	if !first.OK || first.Code != check.CodeOK {
		t.Fatalf("first check: %+v", first)
	}
	if first.Reused || first.ConnectMs <= 0 || first.LatencyMs <= 0 || first.ConnectedAt.IsZero() {
		t.Fatalf("first check should pay and report the connection: %+v", first)
	}
	if first.DBName != "shopdb" || first.Host != f.Addr || first.Plan != "M10" || first.SRV {
		t.Fatalf("target fields: %+v", first)
	}
	if first.ServerVersion == "" || first.Stats != nil || first.Message == "" || first.Hint != "" {
		t.Fatalf("version/stats/message: %+v", first)
	}
	if first.CheckedAt.IsZero() || first.DurationMs < first.LatencyMs {
		t.Fatalf("timing fields: %+v", first)
	}

	second := s.Check(ctx, "prod", f.URI, Options{})
	if !second.OK || !second.Reused {
		t.Fatalf("second check should reuse the client: %+v", second)
	}
	// The connect figure is the one from when the client was made, not a new measurement.
	if second.ConnectMs != first.ConnectMs || !second.ConnectedAt.Equal(first.ConnectedAt) {
		t.Fatalf("connect re-measured: first %+v second %+v", first, second)
	}
	t.Logf("connect %.3f ms, first warm %.3f ms, second warm %.3f ms, server %s",
		first.ConnectMs, first.LatencyMs, second.LatencyMs, first.ServerVersion)
}

func TestCheckWrongPasswordDropsClient(t *testing.T) {
	f := ferret(t, false)
	s := newService(t)
	ctx := context.Background()

	res := s.Check(ctx, "prod", f.URIFor(testUser, "nope-wrong"), Options{})
	assertNoSecret(t, res)
	if res.Code != CodeUnauthorized || res.OK {
		t.Fatalf("wrong password: %+v", res)
	}
	s.mu.Lock()
	_, cached := s.clients["prod"]
	s.mu.Unlock()
	if cached {
		t.Fatal("a client whose first connection failed stayed cached")
	}
	// Fixing the password on the same profile works at once, on a fresh client.
	if res := s.Check(ctx, "prod", f.URI, Options{}); !res.OK || res.Reused {
		t.Fatalf("after fixing the password: %+v", res)
	}
}

// Without credentials ping succeeds on FerretDB with auth on; the probe must not. FerretDB has users but no
// roles (a user created with roles: [] can still read and write), so "authenticated without privilege"
// cannot be produced on this peer; the unauthenticated probe gets the same code 13 from it, which is what
// this test drives through the service.
// driverClient is the bare driver on uri (what the tests compare the service with), disconnected at cleanup.
func driverClient(t testing.TB, uri string) *mongo.Client {
	t.Helper()
	c, err := mongo.Connect(context.Background(), options.Client().ApplyURI(uri))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Disconnect(context.Background()) })
	return c
}

func TestCheckNoCredentialsIsUnauthorized(t *testing.T) {
	f := ferret(t, false)
	uri := "mongodb://" + f.Addr + "/shopdb"

	c := driverClient(t, uri)
	if err := c.Database("shopdb").RunCommand(context.Background(), bson.D{{Key: "ping", Value: 1}}).Err(); err != nil {
		t.Fatalf("premise: ping without credentials should succeed, got %v", err)
	}
	// The probe itself is refused with code 13 (Unauthorized), the code MongoDB and Atlas send to a user
	// without the privilege: this is the real reply classify maps to UNAUTHORIZED, not a hand-built one.
	var ce mongo.CommandError
	if err := c.Database("shopdb").RunCommand(context.Background(), probeCmd).Err(); !errors.As(err, &ce) || ce.Code != 13 {
		t.Fatalf("premise: the probe without credentials should fail with code 13, got %#v", err)
	}
	t.Logf("probe without credentials: code %d (%s)", ce.Code, ce.Name)

	res := newService(t).Check(context.Background(), "p", uri, Options{})
	if res.Code != CodeUnauthorized {
		t.Fatalf("no credentials: %+v", res)
	}
}

func TestCheckFailures(t *testing.T) {
	nx := startDNSStub(t, rcodeNXDomain)
	servfail := startDNSStub(t, rcodeServFail)
	plain := ferret(t, true)

	scenarios := []struct {
		name     string
		uri      string
		resolver SRVResolver
		timeout  time.Duration
		want     string
	}{
		{name: "not configured", uri: "  ", want: check.CodeNotConfigured},
		{name: "wrong scheme", uri: "postgres://u:" + testPassword + "@127.0.0.1/db", want: CodeInvalidURI},
		{name: "no host", uri: "mongodb:///shopdb", want: CodeInvalidURI},
		{name: "bad option", uri: "mongodb://u:" + testPassword + "@127.0.0.1:1/db?connectTimeoutMS=soon", want: CodeInvalidURI},
		{name: "bad port", uri: "mongodb://127.0.0.1:99999/db", want: CodeInvalidURI},
		{name: "closed port", uri: "mongodb://u:" + testPassword + "@" + testpeer.ClosedAddr(t) + "/db", timeout: 2 * time.Second, want: check.CodeUnreachable},
		{name: "silent listener", uri: "mongodb://u:" + testPassword + "@" + silentListener(t) + "/db", timeout: 300 * time.Millisecond, want: check.CodeTimeout},
		{name: "srv not found", uri: "mongodb+srv://u:" + testPassword + "@cluster0.abcde.invalid/shopdb", resolver: nx.resolver(), want: CodeDNSNotFound},
		{name: "dns server failing", uri: "mongodb+srv://u:" + testPassword + "@cluster0.abcde.invalid/shopdb", resolver: servfail.resolver(), want: CodeDNSError},
		{name: "tls client, plain server", uri: plain.URI + "&tls=true&tlsInsecure=true", timeout: 2 * time.Second, want: CodeTLSError},
		{name: "tls, untrusted certificate", uri: strings.Replace(plain.TLSURI, "tlsCAFile=", "x=", 1), timeout: 2 * time.Second, want: CodeTLSError},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			s := newService(t)
			s.Resolver = sc.resolver
			start := time.Now()
			res := s.Check(context.Background(), "p", sc.uri, Options{Timeout: sc.timeout})
			elapsed := time.Since(start)
			assertNoSecret(t, res)
			if res.Code != sc.want || res.OK || res.Message == "" || res.Hint == "" {
				t.Fatalf("got %+v, want code %s", res, sc.want)
			}
			// Bounded: the check ends near its own timeout, never at the driver's 30 s defaults.
			if sc.timeout > 0 && elapsed > sc.timeout+2*time.Second {
				t.Fatalf("check took %v with a %v bound", elapsed, sc.timeout)
			}
			s.mu.Lock()
			n := len(s.clients)
			s.mu.Unlock()
			if n != 0 {
				t.Fatalf("failed check left %d cached client(s)", n)
			}
		})
	}

	t.Run("tls ok", func(t *testing.T) {
		if res := newService(t).Check(context.Background(), "p", plain.TLSURI, Options{}); !res.OK {
			t.Fatalf("TLS with the right CA: %+v", res)
		}
	})
}

func TestCheckStatsToggle(t *testing.T) {
	f := ferret(t, false)
	ctx := context.Background()
	c := driverClient(t, f.URI)
	if _, err := c.Database("shopdb").Collection("products").InsertMany(ctx, []any{bson.D{{Key: "n", Value: 1}}, bson.D{{Key: "n", Value: 2}}}); err != nil {
		t.Fatal(err)
	}

	s := newService(t)
	if res := s.Check(ctx, "p", f.URI, Options{}); !res.OK || res.Stats != nil {
		t.Fatalf("stats off: %+v", res)
	}
	res := s.Check(ctx, "p", f.URI, Options{Stats: true})
	if !res.OK || res.Stats == nil {
		t.Fatalf("stats on: %+v", res)
	}
	if res.Stats.Collections < 1 || res.Stats.Objects < 2 || res.Stats.DataSize <= 0 {
		t.Fatalf("stats figures: %+v", *res.Stats)
	}
}

func TestURIChangeRebuildsClient(t *testing.T) {
	f := ferret(t, false)
	s := warmService(t, "p", f.URI)
	ctx := context.Background()
	s.mu.Lock()
	old := s.clients["p"]
	s.mu.Unlock()

	res := s.Check(ctx, "p", f.URI+"&appName=siyana", Options{})
	if !res.OK || res.Reused {
		t.Fatalf("a changed URI must build a new client: %+v", res)
	}
	if !waitFor(5*time.Second, func() bool {
		return old.client.Ping(ctx, nil) == mongo.ErrClientDisconnected
	}) {
		t.Fatal("the client of the old URI was not disconnected")
	}
	// Another profile has its own client even with the same URI.
	if res := s.Check(ctx, "other", f.URI, Options{}); res.Reused {
		t.Fatalf("profiles must not share clients: %+v", res)
	}
}

func TestConcurrentChecksShareOneClient(t *testing.T) {
	f := ferret(t, false)
	s := newService(t)

	const n = 8
	results := make([]Result, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			results[i] = s.Check(context.Background(), "p", f.URI, Options{Stats: i%2 == 0})
		}()
	}
	close(start)
	wg.Wait()

	fresh := 0
	for _, r := range results {
		if !r.OK {
			t.Fatalf("concurrent check failed: %+v", r)
		}
		if !r.Reused {
			fresh++
		}
	}
	if fresh != 1 {
		t.Fatalf("%d checks made a client, want exactly 1", fresh)
	}
}

func TestCloseAndPanic(t *testing.T) {
	f := ferret(t, false)
	s := New()
	if res := s.Check(context.Background(), "p", f.URI, Options{}); !res.OK {
		t.Fatalf("check: %+v", res)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if res := s.Check(context.Background(), "p", f.URI, Options{}); res.Code != check.CodeInternal {
		t.Fatalf("check after Close: %+v", res)
	}

	p := newService(t)
	p.Resolver = panicResolver{}
	if res := p.Check(context.Background(), "p", "mongodb+srv://cluster0.abcde.invalid/db", Options{}); res.Code != check.CodeInternal {
		t.Fatalf("panic: %+v", res)
	}
	if n := len(p.clients); n != 0 {
		t.Fatalf("panic left %d cached client(s)", n)
	}
}

type panicResolver struct{}

func (panicResolver) LookupSRV(context.Context, string, string, string) (string, []*net.SRV, error) {
	panic("resolver bug")
}

func TestCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	res := newService(t).Check(ctx, "p", "mongodb://u:p@"+silentListener(t)+"/db", Options{})
	if res.Code != check.CodeCanceled {
		t.Fatalf("canceled: %+v", res)
	}
}
