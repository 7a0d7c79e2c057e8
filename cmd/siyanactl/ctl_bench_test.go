package main

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"siyana/backend/revalidate"
)

// TestBenchCheckAll (SIYANA_CTL_BENCH=1) measures `siyanactl check all --json` end to end (process start to
// exit) against the slowest single check run in-process in the same run, each on a fresh engine (a cold
// connection, as the process has), medians of n runs. Issue 15's target: overhead under 30 ms.
func TestBenchCheckAll(t *testing.T) {
	if os.Getenv("SIYANA_CTL_BENCH") == "" {
		t.Skip("set SIYANA_CTL_BENCH=1")
	}
	const n = 7
	p := startPeers(t)
	vars := p.siteEnv()
	for k, v := range vars {
		t.Setenv(k, v)
	}
	g := &globals{env: true, kind: "staging", pusherInsecure: true}
	ctx := context.Background()
	median := func(d []time.Duration) time.Duration { slices.Sort(d); return d[len(d)/2] }
	slowest, slowName := time.Duration(0), ""
	for _, name := range []string{"database", "pusher", "live", "site"} {
		var ds []time.Duration
		for range n {
			e, err := open(ctx, g, nil)
			if err != nil {
				t.Fatal(err)
			}
			pr, err := e.pick(ctx, "")
			if err != nil {
				t.Fatal(err)
			}
			start := time.Now()
			ok := false
			switch name {
			case "database":
				r, _ := e.deps.Database(ctx, pr.ID)
				ok = r.OK
			case "pusher":
				r, _ := e.deps.PusherCredentials(ctx, pr.ID)
				ok = r.OK
			case "live":
				r, _ := e.deps.PusherLive(ctx, pr.ID)
				ok = r.OK
			case "site":
				r, _ := e.deps.Revalidate(ctx, pr.ID, false, func(req revalidate.Request) revalidate.Result {
					return e.deps.Reval.TestConnection(ctx, req)
				})
				ok = r.OK
			}
			ds = append(ds, time.Since(start))
			e.close()
			if !ok {
				t.Fatalf("%s failed in-process", name)
			}
		}
		m := median(ds)
		t.Logf("in-process %-8s median %v", name, m)
		if m > slowest {
			slowest, slowName = m, name
		}
	}
	env := withVars(baseEnv(t, t.TempDir()), vars)
	var ds []time.Duration
	for range n {
		start := time.Now()
		r := ctl(t, env, "check", "all", "--json", "--env", "--kind", "staging", "--pusher-insecure")
		ds = append(ds, time.Since(start))
		want(t, r, 0, "check all")
	}
	proc := median(ds)
	fi, _ := os.Stat(ctlBin)
	t.Logf("siyanactl check all --json: median %v; slowest single check in-process (%s): %v; overhead %v; binary %d bytes (not stripped)",
		proc, slowName, slowest, proc-slowest, fi.Size())
}
