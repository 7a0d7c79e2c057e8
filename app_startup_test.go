package main

import (
	"context"
	"testing"
	"time"

	"siyana/backend/platform"
	"siyana/backend/profile"
	"siyana/backend/secrets"
)

// The watch side opens in its own goroutine (off the first paint's path). A method that needs it before it
// is open waits for it: it answers as it would after, and a manual result recorded meanwhile is a sample.
func TestStartupWatchOpensLateAndMethodsWait(t *testing.T) {
	t.Setenv(profile.ConfigDirEnv, t.TempDir())
	a := NewApp()
	a.init(context.Background(), &platform.Recorder{}, secrets.NewMemory())
	p := saveProfile(t, a, profile.Profile{})
	// Back to the moment before openWatch has run: the first one's parts closed, w() not ready.
	a.closeWatch()
	a.watchReady = make(chan struct{})
	got := make(chan CardHistoryResult, 1)
	go func() {
		a.sampled(p.ID, "database", map[string]any{"ok": true, "code": "OK", "latencyMs": 12.0})
		got <- a.CardHistory(p.ID, "database")
	}()
	select {
	case r := <-got:
		t.Fatalf("answered before the watch side was open: %+v", r)
	case <-time.After(100 * time.Millisecond):
	}
	go a.openWatch(context.Background())
	select {
	case r := <-got:
		if !r.OK || r.History.Uptime24h.Samples != 1 || r.History.Last == nil {
			t.Fatalf("the sample recorded while opening was lost: %+v", r)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("CardHistory still waiting after the watch side opened")
	}
	a.shutdown(context.Background())
}

// Everything that reaches the watch side right after start (the UI's first calls, a close, shutdown) runs
// alongside the goroutine that opens it: no race (go test -race), no crash, and shutdown closes it.
func TestStartupCallsRaceTheWatchOpen(t *testing.T) {
	for i := 0; i < 3; i++ {
		t.Setenv(profile.ConfigDirEnv, t.TempDir())
		a := NewApp()
		a.init(context.Background(), &platform.Recorder{}, secrets.NewMemory())
		done := make(chan struct{}, 4)
		go func() { _ = a.WatchSettings("no-such-profile"); done <- struct{}{} }()
		go func() { _ = a.watchingAnything(); done <- struct{}{} }()
		go func() { _ = a.beforeClose(context.Background()); done <- struct{}{} }()
		go func() { _ = a.CardHistory("no-such-profile", "database"); done <- struct{}{} }()
		for range 4 {
			<-done
		}
		a.shutdown(context.Background())
	}
}
