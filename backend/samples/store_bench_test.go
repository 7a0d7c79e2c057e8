package samples

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"siyana/backend/watch"
)

// benchChecks are the six watched checks of the benchmarks (five kinds today plus the storefront pages).
var benchChecks = []string{"database", "atlas", "pusherCredentials", "pusherLive", "site", "pages"}

const benchEvery = 30 * time.Second // 30 days of one sample every 30 s per check: 86,400 each, 518,400 in all

var bench struct {
	once  sync.Once
	dir   string
	path  string
	now   time.Time
	rows  int
	bytes int64
	err   error
}

// benchDB builds, once per run, the database of 30 days of 30-second samples for six checks (raw samples
// for all 30 days, i.e. before the 7-day pruning, so the tables are the largest they can be), with the
// same aggregates Insert keeps. Loaded in one transaction: 518,400 single inserts would take the setup minutes.
func benchDB(b *testing.B) (string, time.Time) {
	bench.once.Do(func() {
		bench.dir, bench.err = os.MkdirTemp("", "siyana-samples-bench-")
		if bench.err != nil {
			return
		}
		bench.path = filepath.Join(bench.dir, FileName)
		bench.now = time.Now().UTC().Truncate(time.Minute)
		s := Open(bench.path, func() time.Time { return bench.now })
		defer s.Close()
		bench.rows, bench.err = bulkLoad(s, bench.now)
		if bench.err == nil {
			_, bench.err = s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
		}
		if fi, err := os.Stat(bench.path); err == nil {
			bench.bytes = fi.Size()
		}
	})
	if bench.err != nil {
		b.Fatal(bench.err)
	}
	return bench.path, bench.now
}

func bulkLoad(s *Store, now time.Time) (int, error) {
	tx, err := s.db.Begin()
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	ins, err := tx.Prepare(sqlInsertSample) // the trigger keeps the aggregates, as for Insert
	if err != nil {
		return 0, err
	}
	rows := 0
	start := now.Add(-30 * 24 * time.Hour)
	for ci, c := range benchChecks {
		for at := start; at.Before(now); at = at.Add(benchEvery) {
			ms := at.UnixMilli()
			ok := (ms/1000+int64(ci))%97 != 0
			lat := 5 + float64((ms/1000)%13)
			code, state := "OK", "up"
			if !ok {
				code, state = "TIMEOUT", "down"
			}
			if _, err := ins.Exec("p", c, ms, b2i(ok), code, lat, state, "", 0); err != nil {
				return rows, err
			}
			rows++
		}
	}
	return rows, tx.Commit()
}

// BenchmarkCardQuery is one card's history (uptime 24 h / 7 d / 30 d, the 24 h sparkline, incidents, last
// sample) on 30 days of 30-second samples for six checks. Target: < 20 ms.
func BenchmarkCardQuery(b *testing.B) {
	path, now := benchDB(b)
	opened := time.Now()
	s := Open(path, func() time.Time { return now })
	openMs := float64(time.Since(opened).Microseconds()) / 1000 // includes the quick_check of the 30-day file
	defer s.Close()
	ctx := context.Background()
	if _, err := s.Card(ctx, "p", "database"); err != nil { // warm the page cache like a card shown twice
		b.Fatal(err)
	}
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	for i := 0; i < b.N; i++ {
		c, err := s.Card(ctx, "p", benchChecks[i%len(benchChecks)])
		if err != nil || c.Uptime30d.Samples < 86000 || len(c.Sparkline) < SparklinePoints {
			b.Fatalf("card %+v %v", c.Uptime30d, err)
		}
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "card-ms")
	// The process's CPU time per card: on a shared machine the wall time also counts waiting for a core.
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "card-cpu-ms")
	b.ReportMetric(float64(bench.rows), "rows")
	b.ReportMetric(openMs, "open-ms")
	b.ReportMetric(float64(bench.bytes)/(1<<20), "db-MiB")
}

// BenchmarkInsert is one sample (its own transaction, with its aggregate) into the 30-day database.
// Target: < 0.2 ms. Also reports the size after the 7-day pruning.
func BenchmarkInsert(b *testing.B) {
	src, now := benchDB(b)
	dir := b.TempDir()
	path := filepath.Join(dir, FileName)
	if err := copyFile(src, path); err != nil {
		b.Fatal(err)
	}
	clk := now
	s := Open(path, func() time.Time { return clk })
	defer s.Close()
	s.lastPrune = now // pruning is measured apart
	ctx := context.Background()
	b.ResetTimer()
	start, cpu0 := time.Now(), cpuTime()
	for i := 0; i < b.N; i++ {
		at := now.Add(time.Duration(i) * time.Millisecond)
		if err := s.Insert(ctx, watch.Sample{ProfileID: "p", Check: benchChecks[i%len(benchChecks)], At: at, OK: true, Code: "OK", LatencyMs: 7, State: watch.StateUp}, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(time.Since(start).Microseconds())/1000/float64(b.N), "insert-ms")
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "insert-cpu-ms")
	b.StopTimer()
	if err := s.Prune(ctx); err != nil {
		b.Fatal(err)
	}
	_, _ = s.db.Exec("VACUUM")
	_, _ = s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	if fi, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(fi.Size())/(1<<20), "pruned-db-MiB")
	}
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o600)
}

// BenchmarkWatchMemory watches six checks every 10 s on a simulated fast clock for 10,000 cycles (60,000
// runs, each sample stored in a real history database) and reports the live heap's growth between cycle
// 1,000 and the end. Target: < 5 MiB. One benchmark iteration is the whole run.
func BenchmarkWatchMemory(b *testing.B) {
	const cycles = 10_000
	for i := 0; i < b.N; i++ {
		dir := b.TempDir()
		var mu sync.Mutex
		t := time.Now()
		now := func() time.Time { mu.Lock(); defer mu.Unlock(); return t }
		// Each of the six loops sleeps its interval; the clock moves by a sixth of it per sleep, so six
		// loops move it one interval per cycle together.
		sleep := func(ctx context.Context, d time.Duration) error {
			mu.Lock()
			t = t.Add(d / time.Duration(len(benchChecks)))
			mu.Unlock()
			return ctx.Err()
		}
		store := Open(filepath.Join(dir, FileName), now)
		var runs atomic.Int64
		var base uint64
		baseTaken := make(chan struct{})
		done := make(chan struct{})
		var once, onceBase sync.Once
		run := func(ctx context.Context, _, check string) watch.Outcome {
			n := runs.Add(1)
			if n == 1000*int64(len(benchChecks)) {
				onceBase.Do(func() { base = liveHeap(); close(baseTaken) })
			}
			if n >= cycles*int64(len(benchChecks)) {
				once.Do(func() { close(done) })
			}
			return watch.Outcome{OK: n%50 != 0, Code: "OK", LatencyMs: float64(n % 40), Detail: "bench"}
		}
		st := watch.Defaults()
		for j := range st.Checks {
			st.Checks[j].Enabled = true
		}
		sched := watch.New(watch.Config{Now: now, Sleep: sleep, IntervalOverride: 10 * time.Second, Restore: store.OpenIncident}, run, store)
		// The table has five kinds today; a second profile adds the sixth loop.
		sched.Set("p", st)
		one := watch.Defaults()
		one.Checks[0].Enabled = true
		sched.Set("q", one)
		begin := time.Now()
		var cpu0 = cpuTime()
		sched.Start(context.Background())
		<-baseTaken
		<-done
		sched.Stop()
		growth := float64(int64(liveHeap())-int64(base)) / (1 << 20)
		elapsed := time.Since(begin)
		b.ReportMetric(growth, "heap-growth-MiB")
		b.ReportMetric(float64(runs.Load())/float64(len(benchChecks)), "cycles")
		b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(runs.Load()), "cpu-ms/run")
		b.ReportMetric(elapsed.Seconds(), "wall-s")
		store.Close()
	}
}

func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

var _ = fmt.Sprint
