package watch

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock is a simulated clock: Sleep advances it at once, so a test covers hours in milliseconds.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if d > 0 {
		c.Advance(d)
	}
	return ctx.Err()
}

type recorder struct {
	mu      sync.Mutex
	samples []Sample
	events  []Event
}

func (r *recorder) Observe(s Sample, e *Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.samples = append(r.samples, s)
	if e != nil {
		r.events = append(r.events, *e)
	}
}

func (r *recorder) snapshot() ([]Sample, []Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Sample(nil), r.samples...), append([]Event(nil), r.events...)
}

func watched(checks ...string) Settings {
	s := Defaults()
	for i := range s.Checks {
		for _, c := range checks {
			if s.Checks[i].Check == c {
				s.Checks[i].Enabled = true
			}
		}
	}
	return s
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(time.Millisecond)
	}
}

// A run that takes 3.5 intervals makes the overrun ticks be skipped: the next run starts at the first
// slot after the long one ended, never right after it (which is what a queue would do).
func TestLongRunSkipsTicksNotQueues(t *testing.T) {
	clk := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	var mu sync.Mutex
	var starts, ends []time.Time
	run := func(ctx context.Context, _, _ string) Outcome {
		mu.Lock()
		starts = append(starts, clk.Now())
		mu.Unlock()
		clk.Advance(35 * time.Second) // interval is 10 s
		mu.Lock()
		ends = append(ends, clk.Now())
		mu.Unlock()
		return Outcome{OK: true}
	}
	s := New(Config{Now: clk.Now, Sleep: clk.Sleep}, run)
	s.Set("p", watched("database"))
	s.Set("p", func() Settings { st := watched("database"); st.Checks[0].IntervalSec = 10; return st }())
	s.Start(context.Background())
	waitFor(t, "20 runs", func() bool { mu.Lock(); defer mu.Unlock(); return len(starts) >= 20 })
	s.Stop()
	mu.Lock()
	defer mu.Unlock()
	for i := 1; i < len(starts); i++ {
		gap := starts[i].Sub(ends[i-1])
		// Due at the next 10 s slot after the end (5 s later), ±1 s jitter.
		if gap < 4*time.Second || gap > 6*time.Second {
			t.Fatalf("run %d started %v after the previous one ended (want the next slot, 4-6 s)", i, gap)
		}
		if starts[i].Before(ends[i-1]) {
			t.Fatalf("run %d overlapped the previous one", i)
		}
	}
}

func TestNextSkipsAndJitters(t *testing.T) {
	due := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	iv := 10 * time.Second
	for _, r := range []float64{0, 0.25, 0.5, 0.999} {
		n := Next(due, due.Add(time.Second), iv, 0.1, func() float64 { return r })
		if n.Before(due.Add(9*time.Second)) || n.After(due.Add(11*time.Second)) {
			t.Errorf("r=%v: next %v, want 10 s ±1 s", r, n.Sub(due))
		}
		n = Next(due, due.Add(35*time.Second), iv, 0.1, func() float64 { return r })
		if !n.After(due.Add(35*time.Second)) || n.After(due.Add(41*time.Second)) {
			t.Errorf("r=%v after an overrun: next %v, want 36-41 s", r, n.Sub(due))
		}
	}
	// Jitter never moves a slot to before now.
	now := due.Add(10*time.Second - time.Millisecond)
	if n := Next(due, now, iv, 0.5, func() float64 { return 0 }); !n.After(now) {
		t.Fatalf("next %v is not after now", n.Sub(due))
	}
}

// Checks set at the same moment do not run at the same moment: their first runs spread over the interval.
func TestFirstRunsSpreadOut(t *testing.T) {
	clk := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	t0 := clk.Now()
	var mu sync.Mutex
	first := map[string]time.Duration{}
	var cl *fakeClock = clk
	run := func(_ context.Context, p, c string) Outcome {
		mu.Lock()
		if _, ok := first[p+c]; !ok {
			first[p+c] = cl.Now().Sub(t0)
		}
		mu.Unlock()
		return Outcome{OK: true}
	}
	// Each loop has its own clock position in this fake, so measure the offsets with per-loop clocks.
	var offsets []time.Duration
	for i := 0; i < 40; i++ {
		c := &fakeClock{t: t0}
		cl = c
		s := New(Config{Now: c.Now, Sleep: c.Sleep}, run)
		s.Set("p"+string(rune('a'+i)), watched("database"))
		s.Start(context.Background())
		waitFor(t, "first run", func() bool {
			mu.Lock()
			defer mu.Unlock()
			_, ok := first["p"+string(rune('a'+i))+"database"]
			return ok
		})
		s.Stop()
		mu.Lock()
		offsets = append(offsets, first["p"+string(rune('a'+i))+"database"])
		mu.Unlock()
	}
	distinct := map[time.Duration]bool{}
	var lo, hi time.Duration = time.Hour, 0
	for _, o := range offsets {
		distinct[o] = true
		lo, hi = min(lo, o), max(hi, o)
		if o < 0 || o >= 60*time.Second {
			t.Fatalf("first run at %v, outside the 60 s interval", o)
		}
	}
	if len(distinct) < 35 || hi-lo < 30*time.Second {
		t.Fatalf("first runs not spread: %d distinct, range %v", len(distinct), hi-lo)
	}
}

// Never two runs of a check at once: a manual run (Exclusive) waits for a scheduled one, and a scheduled
// tick that finds a manual run going is skipped.
func TestNoOverlapWithManualRuns(t *testing.T) {
	var running, maxRunning, runs atomic.Int32
	body := func() {
		n := running.Add(1)
		for {
			m := maxRunning.Load()
			if n <= m || maxRunning.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(2 * time.Millisecond)
		running.Add(-1)
		runs.Add(1)
	}
	s := New(Config{IntervalOverride: time.Millisecond, MinInterval: time.Millisecond}, func(context.Context, string, string) Outcome {
		body()
		return Outcome{OK: true}
	})
	s.Set("p", watched("database"))
	s.Start(context.Background())
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 10; j++ {
				s.Exclusive(context.Background(), "p", "database", body)
			}
		}()
	}
	wg.Wait()
	waitFor(t, "scheduled runs", func() bool { return runs.Load() > 45 })
	s.Stop()
	if maxRunning.Load() != 1 {
		t.Fatalf("%d runs of one check at once", maxRunning.Load())
	}
}

// Stop cancels a run in progress and returns; its outcome is not recorded (a canceled run says nothing).
func TestStopCancelsRunsAndRecordsNothing(t *testing.T) {
	started := make(chan struct{})
	rec := &recorder{}
	s := New(Config{IntervalOverride: time.Millisecond, MinInterval: time.Millisecond, RunTimeout: time.Hour}, func(ctx context.Context, _, _ string) Outcome {
		close(started)
		<-ctx.Done()
		return Outcome{Code: "CANCELED"}
	}, rec)
	s.Set("p", watched("atlas"))
	s.Start(context.Background())
	<-started
	done := make(chan struct{})
	go func() { s.Stop(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Stop did not return")
	}
	if smp, _ := rec.snapshot(); len(smp) != 0 {
		t.Fatalf("a canceled run was recorded: %+v", smp)
	}
}

// Each run is bounded by the interval (RunTimeout default), even when the check ignores nothing else.
func TestRunIsBoundedByTheInterval(t *testing.T) {
	got := make(chan time.Duration, 1)
	s := New(Config{IntervalOverride: 20 * time.Millisecond, MinInterval: time.Millisecond}, func(ctx context.Context, _, _ string) Outcome {
		dl, ok := ctx.Deadline()
		if ok {
			select {
			case got <- time.Until(dl):
			default:
			}
		}
		return Outcome{OK: true}
	})
	s.Set("p", watched("site"))
	s.Start(context.Background())
	defer s.Stop()
	select {
	case d := <-got:
		if d > 20*time.Millisecond {
			t.Fatalf("run deadline %v beyond the interval", d)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no run had a deadline")
	}
}

func TestSamplesEventsAndManualRecord(t *testing.T) {
	clk := &fakeClock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	rec := &recorder{}
	var fail atomic.Bool
	var n atomic.Int32
	s := New(Config{Now: clk.Now, Sleep: clk.Sleep}, func(context.Context, string, string) Outcome {
		n.Add(1)
		if fail.Load() {
			return Outcome{Code: "UNREACHABLE", Detail: strings.Repeat("x", 500)}
		}
		return Outcome{OK: true, LatencyMs: 4}
	}, rec)
	s.Set("p", watched("database"))
	s.Record("p", "database", Outcome{OK: true, LatencyMs: 2}, clk.Now())
	if s.State("p", "database") != StateUp {
		t.Fatalf("manual sample did not set the state")
	}
	fail.Store(true)
	s.Start(context.Background())
	waitFor(t, "failures", func() bool { return n.Load() >= 5 })
	s.Stop()
	smp, evs := rec.snapshot()
	if !smp[0].Manual || smp[1].Manual || len([]rune(smp[1].Detail)) != MaxDetail {
		t.Fatalf("samples %+v", smp[:2])
	}
	if len(evs) != 1 || evs[0].Kind != EventDown || evs[0].ProfileID != "p" || evs[0].Check != "database" {
		t.Fatalf("events %+v", evs)
	}
	// A skipped outcome (profile gone) is no sample.
	before := len(smp)
	s.Record("p", "database", Outcome{Skipped: true}, clk.Now())
	if smp, _ := rec.snapshot(); len(smp) != before {
		t.Fatal("a skipped outcome was recorded")
	}
}

func TestActiveSetForget(t *testing.T) {
	s := New(Config{}, func(context.Context, string, string) Outcome { return Outcome{OK: true} })
	if s.Active() {
		t.Fatal("active with nothing set")
	}
	if bad := s.Set("p", Settings{FailuresToDown: 99}); bad == nil || s.Active() {
		t.Fatal("refused settings applied")
	}
	s.Set("p", watched("site"))
	if !s.Active() {
		t.Fatal("not active")
	}
	s.Forget("p")
	if s.Active() {
		t.Fatal("active after Forget")
	}
}

func TestFileRoundTripAndCorrupt(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, FileName)
	now := func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }
	f := OpenFile(path, now)
	st, _ := Normalize(watched("pusherLive"))
	if err := f.Put("p1", st); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(path); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v %v", info.Mode(), err)
	}
	g := OpenFile(path, now)
	if g.Warning() != nil || !g.Get("p1").For("pusherLive").Enabled || g.Get("p2").Watching() {
		t.Fatalf("reopen: %+v %+v", g.Warning(), g.All())
	}
	for name, body := range map[string]string{
		"not json":      "{nope",
		"newer":         `{"schemaVersion": 99, "profiles": {}}`,
		"no version":    `{"profiles": {}}`,
		"unknown field": `{"schemaVersion": 1, "profiles": {}, "x": 1}`,
		"bad settings":  `{"schemaVersion": 1, "profiles": {"p": {"notify": true, "failuresToDown": 0, "checks": [{"check": "database", "enabled": true, "intervalSec": 1, "degradedMs": 5}]}}}`,
	} {
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		h := OpenFile(path, func() time.Time { return now().Add(time.Duration(len(name)) * time.Second) })
		w := h.Warning()
		want := WarnCorrupt
		if name == "newer" {
			want = WarnNewerSchema
		}
		if w == nil || w.Code != want || len(h.All()) != 0 {
			t.Fatalf("%s: warning %+v", name, w)
		}
		if b, err := os.ReadFile(w.MovedTo); err != nil || string(b) != body {
			t.Fatalf("%s: moved-aside content %q %v", name, b, err)
		}
		if _, err := os.Stat(path); err == nil {
			t.Fatalf("%s: file still in place", name)
		}
	}
	// A file it wrote reads back as JSON with its schema version.
	_ = OpenFile(path, now).Put("p", Defaults())
	var probe struct {
		SchemaVersion int `json:"schemaVersion"`
	}
	b, _ := os.ReadFile(path)
	if json.Unmarshal(b, &probe) != nil || probe.SchemaVersion != SchemaVersion {
		t.Fatalf("written file: %s", b)
	}
}

func TestOutcomeOf(t *testing.T) {
	o := OutcomeOf(map[string]any{"ok": true, "code": "OK", "latencyMs": 4.5, "durationMs": 30, "message": "fine"})
	if !o.OK || o.LatencyMs != 4.5 || o.Detail != "fine" {
		t.Fatalf("%+v", o)
	}
	if o := OutcomeOf(map[string]any{"ok": true, "code": "OK", "requestMs": 7, "durationMs": 30}); o.LatencyMs != 7 {
		t.Fatalf("requestMs: %+v", o)
	}
	if o := OutcomeOf(map[string]any{"ok": false, "code": "TIMEOUT", "latencyMs": 0, "durationMs": 30}); o.LatencyMs != 30 || o.OK {
		t.Fatalf("duration: %+v", o)
	}
	if o := OutcomeOf(map[string]any{"ok": false, "code": "PAGES_WARN", "level": "warn", "durationMs": 30}); !o.OK || !o.Warn || o.Code != "PAGES_WARN" {
		t.Errorf("a warning is an answer that degrades, not a failure: %+v", o)
	}
	if o := OutcomeOf(map[string]any{"ok": false, "code": "PAGES_DOWN", "level": "down", "durationMs": 30}); o.OK || o.Warn {
		t.Errorf("a page down is a failure: %+v", o)
	}
	if o := OutcomeOf(make(chan int)); o.OK || o.Code != "INTERNAL" {
		t.Fatalf("unencodable: %+v", o)
	}
}
