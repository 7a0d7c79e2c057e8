package main

import (
	"runtime"
	"testing"
	"time"

	"siyana/backend/watch"
)

// BenchmarkWatchCPU watches every watchable check of one profile against the loopback peers (FerretDB,
// soketi, the fixture Next.js site; Atlas: a loopback server answering 401 like the remote API) with the
// interval shortened to 1 s, for 10 s, and reports the app's own CPU time per cycle (all checks once, each
// sample stored) and what that is per wall second at the 10 s interval the issue names. The peers run in
// their own processes, so their CPU is not counted.
func BenchmarkWatchCPU(b *testing.B) {
	old := watchConfig
	watchConfig = watch.Config{IntervalOverride: time.Second, MinInterval: time.Millisecond}
	defer func() { watchConfig = old }()
	a, id := benchProfile(b, 0)
	st := watch.Defaults()
	for i := range st.Checks {
		st.Checks[i].Enabled = true
	}
	const window = 10 * time.Second
	for i := 0; i < b.N; i++ {
		if r := a.SetWatch(id, st); !r.OK {
			b.Fatalf("SetWatch: %+v", r)
		}
		time.Sleep(2 * time.Second) // the first runs (cold connections) are not the steady state
		runtime.GC()
		cpu0, start := processCPU(), time.Now()
		before := a.CardHistory(id, "database").History.Uptime24h.Samples
		time.Sleep(window)
		cpu, wall := processCPU()-cpu0, time.Since(start)
		cycles := float64(a.CardHistory(id, "database").History.Uptime24h.Samples - before)
		_ = a.SetWatch(id, watch.Defaults())
		if cycles < 5 {
			b.Fatalf("only %.0f cycles in %v", cycles, wall)
		}
		perCycle := float64(cpu.Microseconds()) / 1000 / cycles
		b.ReportMetric(perCycle, "cpu-ms/cycle")
		b.ReportMetric(float64(len(watch.Checks)), "checks")
		// At a 10 s interval a cycle happens every 10 s: CPU ms per wall second is a tenth of a cycle's.
		b.ReportMetric(perCycle/10, "cpu-ms/wall-s@10s")
	}
}
