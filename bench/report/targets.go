package main

import (
	"fmt"
	"regexp"
)

// Row is one line of the targets table.
type Row struct {
	What, Value, Baseline, Ratio, Target, Met string
}

// target reads one benchmark's metrics into a Row: Value and Baseline are the value and baseline units in
// ms; row fills the ratio and the verdict (and may add to the two).
type target struct {
	what  string
	bench *regexp.Regexp
	goal  string
	// pending is shown when no benchmark matches.
	pending         string
	value, baseline string
	needs           []string // the other units row reads; without all of them the row says so
	row             func(m map[string]float64, r Row) Row
}

func has(m map[string]float64, units ...string) bool {
	for _, u := range units {
		if _, ok := m[u]; !ok {
			return false
		}
	}
	return true
}

func met(ok bool) string {
	if ok {
		return "yes"
	}
	return "**no**"
}

func f2(v float64) string { return fmt.Sprintf("%.3g", v) }

// benchTargets are the targets over Go benchmarks. Units are those the benchmarks report with
// b.ReportMetric (see each *_bench_test.go).
var benchTargets = []target{
	{
		what: "Warm database check vs raw driver ping (same FerretDB)", bench: regexp.MustCompile(`^BenchmarkWarmCheck$`),
		goal: "overhead < 0.3 ms", value: "check-ms/op", baseline: "raw-ms/op", needs: []string{"overhead-ms/op", "ratio"},
		row: func(m map[string]float64, r Row) Row {
			o := m["overhead-ms/op"]
			r.Ratio, r.Met = fmt.Sprintf("%.2f× (overhead %.3f ms)", m["ratio"], o), met(o < 0.3)
			return r
		},
	},
	{
		what: "Pusher live test: reported latency vs raw trigger-and-receive", bench: regexp.MustCompile(`^BenchmarkLiveTestVsRaw$`),
		goal: "within 1 ms of the raw round trip", value: "latency-ms", baseline: "raw-rtt-ms", needs: []string{"latency-over-raw-ms", "latency/raw"},
		row: func(m map[string]float64, r Row) Row {
			d := m["latency-over-raw-ms"]
			r.Ratio, r.Met = fmt.Sprintf("%.2f× (+%.3f ms)", m["latency/raw"], d), met(d <= 1)
			return r
		},
	},
	{
		what: "Pusher live test: total duration vs raw trigger-and-receive", bench: regexp.MustCompile(`^BenchmarkLiveTestVsRaw$`),
		goal: "— (connect + subscribe + round trip; shown for context)", value: "livetest-total-ms", baseline: "raw-rtt-ms", needs: []string{"total/raw"},
		row: func(m map[string]float64, r Row) Row {
			r.Ratio, r.Met = fmt.Sprintf("%.2f×", m["total/raw"]), "—"
			return r
		},
	},
	{
		what: "Check-all vs the slowest single check (and the sum of single checks)", bench: regexp.MustCompile(`CheckAll`),
		goal:    "≤ 1.2 × the slowest single check",
		pending: "not measured yet (the check-all benchmark comes with the diagnostics issue; expected units all-ms, slowest-ms, sum-ms, all/slowest)",
		value:   "all-ms", baseline: "slowest-ms", needs: []string{"all/slowest"},
		row: func(m map[string]float64, r Row) Row {
			r.Baseline += " (slowest)"
			if v, ok := m["sum-ms"]; ok {
				r.Baseline += fmt.Sprintf("; sum of singles %s ms", f2(v))
			}
			x := m["all/slowest"]
			r.Ratio, r.Met = fmt.Sprintf("%.2f×", x), met(x <= 1.2)
			return r
		},
	},
	{
		what:  "`siyanactl check all --json` end to end (process start to exit) vs the slowest single check in-process",
		bench: regexp.MustCompile(`^BenchmarkCtlEndToEnd$`), goal: "overhead < 30 ms",
		value: "proc-ms", baseline: "slowest-ms", needs: []string{"overhead-ms", "binary-bytes"},
		row: func(m map[string]float64, r Row) Row {
			o := m["overhead-ms"]
			r.Value += fmt.Sprintf("; binary %.1f MiB (stripped)", m["binary-bytes"]/(1<<20))
			r.Ratio, r.Met = fmt.Sprintf("%.2f× (overhead %.1f ms)", m["proc-ms"]/m["slowest-ms"], o), met(o < 30)
			return r
		},
	},
	{
		what: "Bulk revalidation of 200 paths vs one request per item in sequence", bench: regexp.MustCompile(`^BenchmarkRevalidate200Paths(/.*)?$`),
		goal:    "≥ 5× faster",
		pending: "not measured yet (the backend/revalidate benchmark is not on this branch)",
		value:   "ms/batched", baseline: "ms/sequential", needs: []string{"x-faster"},
		row: func(m map[string]float64, r Row) Row {
			if v, ok := m["events/run"]; ok {
				r.Value += fmt.Sprintf("; %.0f progress events per run", v)
			}
			x := m["x-faster"]
			r.Ratio, r.Met = fmt.Sprintf("%.1f× faster", x), met(x >= 5)
			return r
		},
	},
}

// watchTargets are issue 13's history and watching targets (backend/samples/store_bench_test.go). Each row
// reads one unit; the wall time is shown with the CPU time beside it (a shared machine's wall time also
// counts waiting for a core).
var watchTargets = []target{
	{
		what: "Watch history: one card's uptime 24 h/7 d/30 d + 24 h sparkline on 30 days of 30 s samples × 6 checks", bench: regexp.MustCompile(`^BenchmarkCardQuery$`),
		goal: "< 20 ms", value: "card-ms", baseline: "card-cpu-ms", needs: []string{"rows", "db-MiB"},
		row: func(m map[string]float64, r Row) Row {
			r.Baseline = fmt.Sprintf("CPU %s ms; %.0f rows, %.1f MiB on disk", f2(m["card-cpu-ms"]), m["rows"], m["db-MiB"])
			r.Ratio, r.Met = fmt.Sprintf("%.2f× the target", m["card-ms"]/20), met(m["card-ms"] < 20)
			return r
		},
	},
	{
		what: "Watch history: one sample inserted (with its 5-minute aggregate) into the 30-day database", bench: regexp.MustCompile(`^BenchmarkInsert$`),
		goal: "< 0.2 ms", value: "insert-ms", baseline: "insert-cpu-ms", needs: []string{"pruned-db-MiB"},
		row: func(m map[string]float64, r Row) Row {
			r.Baseline = fmt.Sprintf("CPU %s ms; %.1f MiB after the 7-day pruning", f2(m["insert-cpu-ms"]), m["pruned-db-MiB"])
			r.Ratio, r.Met = fmt.Sprintf("%.2f× the target", m["insert-ms"]/0.2), met(m["insert-ms"] < 0.2)
			return r
		},
	},
	{
		what: "Watching 6 checks every 10 s on a simulated clock: live heap growth over 10,000 cycles", bench: regexp.MustCompile(`^BenchmarkWatchMemory$`),
		goal: "< 5 MiB", value: "heap-growth-MiB", baseline: "cpu-ms/run", needs: []string{"cycles"},
		row: func(m map[string]float64, r Row) Row {
			r.Value = fmt.Sprintf("%.2f MiB", m["heap-growth-MiB"])
			r.Baseline = fmt.Sprintf("%.0f cycles; CPU %s ms per run (check stub + stored sample)", m["cycles"], f2(m["cpu-ms/run"]))
			r.Ratio, r.Met = fmt.Sprintf("%.2f× the target", m["heap-growth-MiB"]/5), met(m["heap-growth-MiB"] < 5)
			return r
		},
	},
	{
		what: "Watching every check of a profile against the loopback peers: the app's own CPU", bench: regexp.MustCompile(`^BenchmarkWatchCPU$`),
		goal: "— (reported; the issue asks for the figure)", value: "cpu-ms/cycle", baseline: "cpu-ms/wall-s@10s", needs: []string{"checks"},
		row: func(m map[string]float64, r Row) Row {
			r.Value = fmt.Sprintf("%s ms CPU per cycle of %.0f checks", f2(m["cpu-ms/cycle"]), m["checks"])
			r.Baseline = fmt.Sprintf("%s ms CPU per wall second at a 10 s interval", f2(m["cpu-ms/wall-s@10s"]))
			r.Ratio, r.Met = fmt.Sprintf("%.2f%% of one core", m["cpu-ms/wall-s@10s"]/10), "—"
			return r
		},
	},
}

func init() { benchTargets = append(benchTargets, watchTargets...) }

// benchRows fills the Go-benchmark part of the targets table; a sub-benchmark (e.g. /fixture or /httptest)
// is named in the row so the reader knows which peer was measured.
func benchRows(benches []Bench) []Row {
	var rows []Row
	for _, t := range benchTargets {
		found := false
		for _, b := range benches {
			if !t.bench.MatchString(b.Name) {
				continue
			}
			found = true
			r := Row{Value: "ran, but without the expected metrics (see all metrics below)", Met: "—"}
			if m := b.Metrics; has(m, append([]string{t.value, t.baseline}, t.needs...)...) {
				r = t.row(m, Row{Value: f2(m[t.value]) + " ms", Baseline: f2(m[t.baseline]) + " ms"})
			}
			r.What, r.Target = t.what+" (`"+b.Name+"`)", t.goal
			rows = append(rows, r)
		}
		if !found {
			p := t.pending
			if p == "" {
				p = "not measured (benchmark did not run; see failures below)"
			}
			rows = append(rows, Row{What: t.what, Value: p, Target: t.goal, Met: "—"})
		}
	}
	return rows
}
