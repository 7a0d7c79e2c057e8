package revalidate

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"siyana/backend/platform"
	"siyana/backend/testpeer"
)

// BenchmarkRevalidate200Paths compares the chosen plan (batches of BatchSize on Concurrency connections)
// with one request per item in sequence, on the fixture Next.js site when it is built, else on the loopback
// fake route (the sub-benchmark name says which). Metrics: x-faster (sequential time / batched time),
// ms/batched and ms/sequential per run, events/run (progress events of a batched run).
func BenchmarkRevalidate200Paths(b *testing.B) {
	name, base := "fixture", ""
	site, err := testpeer.StartNextSite(context.Background(), testpeer.NextSiteOptions{Secret: testSecret,
		// The route's largest token bucket: the sequential baseline sends 200 requests in a second (the
		// throttle has its own tests).
		Env: map[string]string{"REVALIDATE_RATE_BURST": "1000", "REVALIDATE_RATE_PER_MINUTE": "6000"}})
	var missing *testpeer.Missing
	switch {
	case err == nil:
		b.Cleanup(site.Stop)
		base = site.URL
	case errors.As(err, &missing):
		name, base = "httptest", newFakeSite(b, testSecret).URL()
	default:
		b.Fatal(err)
	}
	paths := make([]string, 200)
	for i := range paths {
		paths[i] = fmt.Sprintf("/bench/item-%d", i)
	}
	req := bound(Request{ProfileID: "bench", SiteURL: base, Secret: testSecret, Paths: Paths(paths...), CooldownSeconds: -1})

	b.Run(name, func(b *testing.B) {
		batched := New(Config{Cooldown: -1})
		sequential := New(Config{Cooldown: -1})
		sequential.batchSize, sequential.concurrency = 1, 1
		var tBatched, tSeq time.Duration
		events, runs := 0, 0
		for b.Loop() {
			rec := &platform.Recorder{}
			batched.Runtime = rec
			start := time.Now()
			if r := batched.RevalidatePaths(context.Background(), req); r.Code != CodeOK || r.Instances[0].Requests != 200/BatchSize {
				b.Fatalf("batched: %s %s", r.Code, r.Message)
			}
			tBatched += time.Since(start)
			events += len(rec.Events())
			start = time.Now()
			if r := sequential.RevalidatePaths(context.Background(), req); r.Code != CodeOK || r.Instances[0].Requests != 200 {
				b.Fatalf("sequential: %s %s", r.Code, r.Message)
			}
			tSeq += time.Since(start)
			runs++
		}
		b.ReportMetric(float64(tSeq)/float64(tBatched), "x-faster")
		b.ReportMetric(float64(tBatched.Milliseconds())/float64(runs), "ms/batched")
		b.ReportMetric(float64(tSeq.Milliseconds())/float64(runs), "ms/sequential")
		b.ReportMetric(float64(events)/float64(runs), "events/run")
	})
}
