package main

import (
	"context"
	"os"
	"slices"
	"testing"
	"time"

	"siyana/backend/revalidate"
)

// BenchmarkCtlEndToEnd measures `siyanactl check all --json` end to end (process start to exit, the shipped
// build: CGO_ENABLED=0, -trimpath -s -w) against the slowest single check run in-process in the same run.
// Every iteration runs each check once in-process on a fresh engine (a cold connection, as the process has)
// and then the process once, so both see the same load on a shared machine; the figures are medians over the
// iterations. Issue 15's target: overhead (process median - slowest in-process median) under 30 ms.
// Each measured run, in-process or not, starts after the same short quiet (settle), so neither pays for the
// peers still closing the connections of the run before. bench/report reads the units below for its row.
func BenchmarkCtlEndToEnd(b *testing.B) {
	const settle = 50 * time.Millisecond
	p := startPeers(b)
	vars := p.siteEnv()
	for k, v := range vars {
		b.Setenv(k, v)
	}
	g := &globals{env: true, kind: "staging", pusherInsecure: true}
	ctx := context.Background()
	env := withVars(baseEnv(b, b.TempDir()), vars)
	args := []string{"check", "all", "--json", "--env", "--kind", "staging", "--pusher-insecure"}
	names := []string{"database", "pusher", "live", "site"}
	single := map[string][]time.Duration{}
	var proc []time.Duration
	b.ResetTimer()
	for range b.N {
		for _, name := range names {
			time.Sleep(settle)
			single[name] = append(single[name], inProcess(b, ctx, g, name))
		}
		time.Sleep(settle)
		start := time.Now()
		r := ctl(b, env, args...)
		proc = append(proc, time.Since(start))
		want(b, r, 0, args...)
	}
	b.StopTimer()
	ms := func(d []time.Duration) float64 {
		slices.Sort(d)
		return float64(d[len(d)/2].Microseconds()) / 1000
	}
	slowest, slowName := 0.0, ""
	for _, name := range names {
		if m := ms(single[name]); m > slowest {
			slowest, slowName = m, name
		}
	}
	pm := ms(proc)
	fi, err := os.Stat(ctlBin)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(pm, "proc-ms")
	b.ReportMetric(slowest, "slowest-ms")
	b.ReportMetric(pm-slowest, "overhead-ms")
	b.ReportMetric(float64(fi.Size()), "binary-bytes")
	b.Logf("siyanactl check all --json: median %.1f ms; slowest single check in-process (%s) %.1f ms; overhead %.1f ms; binary %d bytes (stripped)",
		pm, slowName, slowest, pm-slowest, fi.Size())
}

// inProcess is one check on a fresh engine, timed from the service call to its result.
func inProcess(b *testing.B, ctx context.Context, g *globals, name string) time.Duration {
	e, err := open(ctx, g, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer e.close()
	pr, err := e.pick(ctx, "")
	if err != nil {
		b.Fatal(err)
	}
	d := e.deps
	start := time.Now()
	ok, code := false, ""
	switch name {
	case "database":
		r, _ := d.Database(ctx, pr.ID)
		ok, code = r.OK, r.Code
	case "pusher":
		r, _ := d.PusherCredentials(ctx, pr.ID)
		ok, code = r.OK, r.Code
	case "live":
		r, _ := d.PusherLive(ctx, pr.ID)
		ok, code = r.OK, r.Code
	case "site":
		r, _ := d.Revalidate(ctx, pr.ID, false, func(req revalidate.Request) revalidate.Result {
			return d.Reval.TestConnection(ctx, req)
		})
		ok, code = r.OK, r.Code
	}
	took := time.Since(start)
	if !ok {
		b.Fatalf("%s failed in-process: %s", name, code)
	}
	return took
}
