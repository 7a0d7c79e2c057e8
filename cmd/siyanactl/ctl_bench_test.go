package main

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"sync"
	"testing"
	"time"
)

// BenchmarkCtlEndToEnd measures `siyanactl check all --json` end to end (process start to exit, the shipped
// build: CGO_ENABLED=0, -trimpath -s -w) against the slowest single check run in-process in the same run.
// The checks compared are the ones the process runs: a first, unmeasured run of the process names them (its
// --json results that were not skipped) and warms the peers (the fixture site compiles its pages on first
// request). Every sample runs each of those checks once in-process on a fresh engine (a cold connection, as
// the process has), through the same runner call the process makes, and then the process once, so both see
// the same load on a shared machine; the figures are medians over at least minSamples samples (a 2 s
// benchtime alone gives a handful). Issue 15's target: overhead (process median - slowest in-process median)
// under 30 ms. Each measured run, in-process or not, starts after the same short quiet (settle), so neither
// pays for the peers still closing the connections of the run before. bench/report reads the units below.
func BenchmarkCtlEndToEnd(b *testing.B) {
	const (
		settle     = 50 * time.Millisecond
		minSamples = 21
	)
	p := startPeers(b)
	vars := p.siteEnv()
	for k, v := range vars {
		b.Setenv(k, v)
	}
	g := &globals{env: true, kind: "staging", pusherInsecure: true}
	ctx := context.Background()
	env := withVars(baseEnv(b, b.TempDir()), vars)
	args := []string{"check", "all", "--json", "--env", "--kind", "staging", "--pusher-insecure"}
	names := ranChecks(b, env, args)
	single := map[string][]time.Duration{}
	var proc, together []time.Duration
	b.ResetTimer()
	for range max(b.N, minSamples) {
		for _, name := range names {
			time.Sleep(settle)
			single[name] = append(single[name], inProcess(b, ctx, g, name))
		}
		time.Sleep(settle)
		together = append(together, inProcessAll(b, ctx, g, names))
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
	// Not the target's: the same checks at once in-process, so that proc - all is what the process costs and
	// all - slowest what running them together costs the peers (one fixture site answers site and pages).
	all := ms(together)
	b.ReportMetric(all, "inproc-all-ms")
	b.Logf("siyanactl check all --json (%v): median %.1f ms of %d; slowest single check in-process (%s) %.1f ms; overhead %.1f ms; "+
		"all of them at once in-process %.1f ms; binary %d bytes (stripped)", names, pm, len(proc), slowName, slowest, pm-slowest, all, fi.Size())
}

// inProcessAll is the checks run at once on a fresh engine, as `check all` runs them (a goroutine each),
// timed from their start to the last result.
func inProcessAll(b *testing.B, ctx context.Context, g *globals, names []string) time.Duration {
	e, err := open(ctx, g, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer e.close()
	pr, err := e.pick(ctx, "")
	if err != nil {
		b.Fatal(err)
	}
	res := make([]any, len(names))
	var wg sync.WaitGroup
	start := time.Now()
	for i, name := range names {
		wg.Go(func() { res[i], _ = e.deps.Watched(ctx, pr.ID, kindOf(name)) })
	}
	wg.Wait()
	took := time.Since(start)
	for i, name := range names {
		if it := itemOf("en", name, res[i], nil); !it.OK {
			b.Fatalf("%s failed in-process (all at once): %s", name, it.Code)
		}
	}
	return took
}

// ranChecks runs the process once, unmeasured, and returns the checks it ran (its results not skipped).
func ranChecks(b *testing.B, env, args []string) []string {
	r := ctl(b, env, args...)
	want(b, r, 0, args...)
	var e Envelope
	if err := json.Unmarshal([]byte(r.stdout), &e); err != nil {
		b.Fatalf("not JSON: %v\n%s", err, r.stdout)
	}
	var names []string
	for _, it := range e.Results {
		if !it.Skipped {
			names = append(names, it.Check)
		}
	}
	if len(names) == 0 {
		b.Fatalf("check all ran no check:\n%s", r.stdout)
	}
	return names
}

// inProcess is one check on a fresh engine, timed from the service call to its result: the runner call
// `check` makes (runner.Watched with the check's kind).
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
	start := time.Now()
	res, _ := e.deps.Watched(ctx, pr.ID, kindOf(name))
	took := time.Since(start)
	if it := itemOf("en", name, res, nil); !it.OK {
		b.Fatalf("%s failed in-process: %s", name, it.Code)
	}
	return took
}
