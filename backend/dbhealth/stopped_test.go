package dbhealth

import (
	"context"
	"testing"
	"time"

	"siyana/backend/check"
	"siyana/backend/testpeer"
)

// A database stopped while the profile's client is cached: the pooled connection dies under the probe.
// Issue 12 saw TLS_ERROR on a plain mongodb:// URL here, and 7-8 s for a plain unreachable.
func TestStoppedDatabaseIsUnreachableWithinBudget(t *testing.T) {
	f := testpeer.FerretDBT(t, testpeer.FerretOptions{User: testUser, Password: testPassword})
	s := newService(t)
	ctx := context.Background()
	if res := s.Check(ctx, "prod", f.URI, Options{}); !res.OK {
		t.Fatalf("first check: %+v", res)
	}
	f.Proc.Stop() // the whole process group, as the admin's stop does
	for i := 1; i <= 3; i++ {
		start := time.Now()
		res := s.Check(ctx, "prod", f.URI, Options{})
		elapsed := time.Since(start)
		t.Logf("check %d after stop: %s (%q) in %v", i, res.Code, res.Message, elapsed)
		if res.Code != check.CodeUnreachable {
			t.Fatalf("check %d after stop: code %s (%s), want %s", i, res.Code, res.Message, check.CodeUnreachable)
		}
		if elapsed > UnreachableBudget {
			t.Fatalf("check %d after stop took %v, budget %v", i, elapsed, UnreachableBudget)
		}
	}
}

// A port nobody listens on answers UNREACHABLE within the budget under the default options.
func TestFreshUnreachableWithinBudget(t *testing.T) {
	s := newService(t)
	start := time.Now()
	res := s.Check(context.Background(), "p", "mongodb://"+testpeer.FreeAddr(t)+"/shopdb", Options{})
	elapsed := time.Since(start)
	t.Logf("closed port: %s in %v", res.Code, elapsed)
	if res.Code != check.CodeUnreachable || elapsed > UnreachableBudget {
		t.Fatalf("closed port: %s in %v, want %s within %v", res.Code, elapsed, check.CodeUnreachable, UnreachableBudget)
	}
}

// The driver's own heartbeat notices the stop before the admin clicks: the cached client then knows its
// only server is down, and the check must not wait out server selection on it.
func TestStoppedDatabaseNoticedByHeartbeat(t *testing.T) {
	f := testpeer.FerretDBT(t, testpeer.FerretOptions{User: testUser, Password: testPassword})
	uri := f.URI + "&heartbeatFrequencyMS=500"
	s := newService(t)
	ctx := context.Background()
	if res := s.Check(ctx, "prod", uri, Options{}); !res.OK {
		t.Fatalf("first check: %+v", res)
	}
	f.Proc.Stop()
	time.Sleep(2 * time.Second) // a few heartbeats
	start := time.Now()
	res := s.Check(ctx, "prod", uri, Options{})
	elapsed := time.Since(start)
	t.Logf("after the heartbeat saw the stop: %s in %v", res.Code, elapsed)
	if res.Code != check.CodeUnreachable || elapsed > UnreachableBudget {
		t.Fatalf("got %s in %v, want %s within %v", res.Code, elapsed, check.CodeUnreachable, UnreachableBudget)
	}
	// Closing the clients of a server that is gone does not wait out server selection either (it took 5 s).
	start = time.Now()
	if err := s.Close(); err != nil {
		t.Logf("Close: %v", err) // a disconnect cut short is expected here
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("Close took %v", d)
	}
}

// The same stop over TLS: the pooled connection had finished its handshake, so the hang-up is not TLS.
func TestStoppedTLSDatabaseIsUnreachable(t *testing.T) {
	f := testpeer.FerretDBT(t, testpeer.FerretOptions{User: testUser, Password: testPassword, TLS: true})
	s := newService(t)
	ctx := context.Background()
	if res := s.Check(ctx, "prod", f.TLSURI, Options{}); !res.OK {
		t.Fatalf("first check: %+v", res)
	}
	f.Proc.Stop()
	for i := 1; i <= 2; i++ {
		start := time.Now()
		res := s.Check(ctx, "prod", f.TLSURI, Options{})
		elapsed := time.Since(start)
		t.Logf("TLS check %d after stop: %s in %v", i, res.Code, elapsed)
		if res.Code != check.CodeUnreachable || elapsed > UnreachableBudget {
			t.Fatalf("TLS check %d after stop: %s in %v, want %s within %v", i, res.Code, elapsed, check.CodeUnreachable, UnreachableBudget)
		}
	}
}
