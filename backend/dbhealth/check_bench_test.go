package dbhealth

import (
	"context"
	"testing"
	"time"
)

// BenchmarkWarmCheck compares a warm Check with the bare driver round trip of the same command on the same
// FerretDB. Reported: ns per raw round trip, overhead-ms (what Check adds) and ratio. Target: overhead < 0.3 ms.
func BenchmarkWarmCheck(b *testing.B) {
	f := ferret(b, false)
	ctx := context.Background()

	db := driverClient(b, f.URI).Database("shopdb")
	if err := db.RunCommand(ctx, probeCmd).Err(); err != nil {
		b.Fatal(err)
	}
	s := New()
	defer s.Close()
	if res := s.Check(ctx, "bench", f.URI, Options{}); !res.OK {
		b.Fatalf("%+v", res)
	}

	// Interleave the two so drift in the peer (SQLite, GC) hits both alike.
	var rawTotal, checkTotal time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if err := db.RunCommand(ctx, probeCmd).Err(); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if res := s.Check(ctx, "bench", f.URI, Options{}); !res.OK || !res.Reused {
			b.Fatalf("%+v", res)
		}
		t2 := time.Now()
		rawTotal += t1.Sub(t0)
		checkTotal += t2.Sub(t1)
	}
	b.StopTimer()
	rawMs := float64(rawTotal.Microseconds()) / 1000 / float64(b.N)
	checkMs := float64(checkTotal.Microseconds()) / 1000 / float64(b.N)
	b.ReportMetric(rawMs, "raw-ms/op")
	b.ReportMetric(checkMs, "check-ms/op")
	b.ReportMetric(checkMs-rawMs, "overhead-ms/op")
	b.ReportMetric(checkMs/rawMs, "ratio")
}
