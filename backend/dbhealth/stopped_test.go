package dbhealth

import (
	"context"
	"fmt"
	"testing"
	"time"

	"siyana/backend/check"
	"siyana/backend/testpeer"
)

// wantUnreachable checks uri once on s: the answer must be UNREACHABLE within UnreachableBudget.
func wantUnreachable(t *testing.T, s *Service, id, uri, what string) {
	t.Helper()
	start := time.Now()
	res := s.Check(context.Background(), id, uri, Options{})
	elapsed := time.Since(start)
	t.Logf("%s: %s (%q) in %v", what, res.Code, res.Message, elapsed)
	if res.Code != check.CodeUnreachable || elapsed > UnreachableBudget {
		t.Fatalf("%s: %s (%s) in %v, want %s within %v", what, res.Code, res.Message, elapsed, check.CodeUnreachable, UnreachableBudget)
	}
}

// A database stopped while the profile's client is cached: the pooled connection dies under the probe.
// Issue 12 saw TLS_ERROR on a plain mongodb:// URL here, and 7-8 s for a plain unreachable.
func TestStoppedDatabaseIsUnreachableWithinBudget(t *testing.T) {
	f := ferret(t, false)
	s := warmService(t, "prod", f.URI)
	f.Proc.Stop() // the whole process group, as the admin's stop does
	for i := 1; i <= 3; i++ {
		wantUnreachable(t, s, "prod", f.URI, fmt.Sprintf("check %d after stop", i))
	}
}

// A port nobody listens on answers UNREACHABLE within the budget under the default options.
func TestFreshUnreachableWithinBudget(t *testing.T) {
	wantUnreachable(t, newService(t), "p", "mongodb://"+testpeer.ClosedAddr(t)+"/shopdb", "closed port")
}

// The driver's own heartbeat notices the stop before the admin clicks: the cached client then knows its
// only server is down, and the check must not wait out server selection on it.
func TestStoppedDatabaseNoticedByHeartbeat(t *testing.T) {
	f := ferret(t, false)
	uri := f.URI + "&heartbeatFrequencyMS=500"
	s := warmService(t, "prod", uri)
	f.Proc.Stop()
	time.Sleep(2 * time.Second) // a few heartbeats
	wantUnreachable(t, s, "prod", uri, "after the heartbeat saw the stop")
	// Closing the clients of a server that is gone does not wait out server selection either (it took 5 s).
	start := time.Now()
	if err := s.Close(); err != nil {
		t.Logf("Close: %v", err) // a disconnect cut short is expected here
	}
	if d := time.Since(start); d > time.Second {
		t.Fatalf("Close took %v", d)
	}
}

// The same stop over TLS: the pooled connection had finished its handshake, so the hang-up is not TLS.
func TestStoppedTLSDatabaseIsUnreachable(t *testing.T) {
	f := ferret(t, true)
	s := warmService(t, "prod", f.TLSURI)
	f.Proc.Stop()
	for i := 1; i <= 2; i++ {
		wantUnreachable(t, s, "prod", f.TLSURI, fmt.Sprintf("TLS check %d after stop", i))
	}
}
