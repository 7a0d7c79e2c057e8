package main

import (
	"fmt"
	"regexp"
)

// Row is one line of the targets table.
type Row struct {
	What, Value, Baseline, Ratio, Target, Met string
}

// target reads one benchmark's metrics into a Row. find returns nil when the benchmark did not run (yet).
type target struct {
	what  string
	bench *regexp.Regexp
	row   func(m map[string]float64) (Row, bool) // false: the benchmark ran but lacks the expected units
	// pending is shown when no benchmark matches.
	pending string
	goal    string
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
		what:  "Warm database check vs raw driver ping (same FerretDB)",
		bench: regexp.MustCompile(`^BenchmarkWarmCheck$`),
		goal:  "overhead < 0.3 ms",
		row: func(m map[string]float64) (Row, bool) {
			if !has(m, "check-ms/op", "raw-ms/op", "overhead-ms/op", "ratio") {
				return Row{}, false
			}
			o := m["overhead-ms/op"]
			return Row{Value: f2(m["check-ms/op"]) + " ms", Baseline: f2(m["raw-ms/op"]) + " ms",
				Ratio: fmt.Sprintf("%.2f× (overhead %.3f ms)", m["ratio"], o), Met: met(o < 0.3)}, true
		},
	},
	{
		what:  "Pusher live test: reported latency vs raw trigger-and-receive",
		bench: regexp.MustCompile(`^BenchmarkLiveTestVsRaw$`),
		goal:  "within 1 ms of the raw round trip",
		row: func(m map[string]float64) (Row, bool) {
			if !has(m, "latency-ms", "raw-rtt-ms", "latency-over-raw-ms", "latency/raw") {
				return Row{}, false
			}
			d := m["latency-over-raw-ms"]
			return Row{Value: f2(m["latency-ms"]) + " ms", Baseline: f2(m["raw-rtt-ms"]) + " ms",
				Ratio: fmt.Sprintf("%.2f× (+%.3f ms)", m["latency/raw"], d), Met: met(d <= 1)}, true
		},
	},
	{
		what:  "Pusher live test: total duration vs raw trigger-and-receive",
		bench: regexp.MustCompile(`^BenchmarkLiveTestVsRaw$`),
		goal:  "— (connect + subscribe + round trip; shown for context)",
		row: func(m map[string]float64) (Row, bool) {
			if !has(m, "livetest-total-ms", "raw-rtt-ms", "total/raw") {
				return Row{}, false
			}
			return Row{Value: f2(m["livetest-total-ms"]) + " ms", Baseline: f2(m["raw-rtt-ms"]) + " ms",
				Ratio: fmt.Sprintf("%.2f×", m["total/raw"]), Met: "—"}, true
		},
	},
	{
		what:    "Check-all vs the slowest single check (and the sum of single checks)",
		bench:   regexp.MustCompile(`CheckAll`),
		goal:    "≤ 1.2 × the slowest single check",
		pending: "not measured yet (the check-all benchmark comes with the diagnostics issue; expected units all-ms, slowest-ms, sum-ms, all/slowest)",
		row: func(m map[string]float64) (Row, bool) {
			if !has(m, "all-ms", "slowest-ms", "all/slowest") {
				return Row{}, false
			}
			sum := ""
			if v, ok := m["sum-ms"]; ok {
				sum = fmt.Sprintf("; sum of singles %s ms", f2(v))
			}
			r := m["all/slowest"]
			return Row{Value: f2(m["all-ms"]) + " ms", Baseline: f2(m["slowest-ms"]) + " ms (slowest)" + sum,
				Ratio: fmt.Sprintf("%.2f×", r), Met: met(r <= 1.2)}, true
		},
	},
	{
		what:    "Bulk revalidation of 200 paths vs one request per item in sequence",
		bench:   regexp.MustCompile(`^BenchmarkRevalidate200Paths(/.*)?$`),
		goal:    "≥ 5× faster",
		pending: "not measured yet (the backend/revalidate benchmark is not on this branch)",
		row: func(m map[string]float64) (Row, bool) {
			if !has(m, "x-faster", "ms/batched", "ms/sequential") {
				return Row{}, false
			}
			x := m["x-faster"]
			ev := ""
			if v, ok := m["events/run"]; ok {
				ev = fmt.Sprintf("; %.0f progress events per run", v)
			}
			return Row{Value: f2(m["ms/batched"]) + " ms" + ev, Baseline: f2(m["ms/sequential"]) + " ms",
				Ratio: fmt.Sprintf("%.1f× faster", x), Met: met(x >= 5)}, true
		},
	},
}

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
			r, ok := t.row(b.Metrics)
			if !ok {
				r = Row{Value: "ran, but without the expected metrics (see all metrics below)", Met: "—"}
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
