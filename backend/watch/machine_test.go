package watch

import (
	"testing"
	"time"
)

func TestDownAfterNFailuresOnceThenRecovered(t *testing.T) {
	var m machine
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(s int) time.Time { return t0.Add(time.Duration(s) * time.Second) }
	if st, ev := m.step(Outcome{OK: true, LatencyMs: 5}, at(0), 2, 100); st != StateUp || ev != nil {
		t.Fatalf("first success: %s %v", st, ev)
	}
	if st, ev := m.step(Outcome{Code: "UNREACHABLE"}, at(10), 2, 100); st != StateUp || ev != nil {
		t.Fatalf("one failure is not down yet: %s %v", st, ev)
	}
	st, ev := m.step(Outcome{Code: "TIMEOUT"}, at(20), 2, 100)
	if st != StateDown || ev == nil || ev.Kind != EventDown || ev.Code != "TIMEOUT" || !ev.Since.Equal(at(10)) {
		t.Fatalf("second failure: %s %+v", st, ev)
	}
	for i := 3; i < 10; i++ { // still failing: no more events
		if st, ev := m.step(Outcome{Code: "TIMEOUT"}, at(i*10), 2, 100); st != StateDown || ev != nil {
			t.Fatalf("failure %d emitted %+v", i, ev)
		}
	}
	st, ev = m.step(Outcome{OK: true, LatencyMs: 3}, at(100), 2, 100)
	if st != StateUp || ev == nil || ev.Kind != EventRecovered || ev.DownFor != 90*time.Second {
		t.Fatalf("recovery: %s %+v", st, ev)
	}
	if _, ev := m.step(Outcome{OK: true, LatencyMs: 3}, at(110), 2, 100); ev != nil {
		t.Fatalf("second success emitted %+v", ev)
	}
}

// A latency hovering around the threshold does not flap: degraded needs n slow runs in a row, and back up
// needs n fast ones.
func TestDegradedHasHysteresis(t *testing.T) {
	var m machine
	t0 := time.Now()
	var events []EventKind
	for i, ms := range []float64{50, 150, 50, 150, 50, 150, 150, 50, 150, 50, 50, 150} {
		if _, ev := m.step(Outcome{OK: true, LatencyMs: ms}, t0.Add(time.Duration(i)*time.Second), 2, 100); ev != nil {
			events = append(events, ev.Kind)
		}
	}
	want := []EventKind{EventDegraded, EventRestored}
	if len(events) != len(want) || events[0] != want[0] || events[1] != want[1] {
		t.Fatalf("events %v, want %v", events, want)
	}
}

func TestOneFailureDownWhenNIsOne(t *testing.T) {
	var m machine
	if st, ev := m.step(Outcome{Code: "X"}, time.Now(), 1, 100); st != StateDown || ev == nil || ev.From != StateUnknown {
		t.Fatalf("%s %+v", st, ev)
	}
	// Recovered slow with n = 1 goes straight to degraded (one event: the recovery says to what).
	if st, ev := m.step(Outcome{OK: true, LatencyMs: 500}, time.Now(), 1, 100); st != StateDegraded || ev.Kind != EventRecovered || ev.To != StateDegraded {
		t.Fatalf("%s %+v", st, ev)
	}
}

func TestRestoredDownRecoversWithItsStart(t *testing.T) {
	var m machine
	since := time.Now().Add(-time.Hour)
	m.restore(since)
	st, ev := m.step(Outcome{OK: true, LatencyMs: 1}, since.Add(time.Hour), 2, 100)
	if st != StateUp || ev == nil || ev.Kind != EventRecovered || ev.DownFor != time.Hour {
		t.Fatalf("%s %+v", st, ev)
	}
}

// A warning (a storefront certificate near its end) is fast but not fine: degraded after n of them, never down.
func TestWarningDegradesNeverDown(t *testing.T) {
	var m machine
	t0 := time.Now()
	for i := range 5 {
		st, ev := m.step(Outcome{OK: true, Warn: true, Code: "PAGES_WARN", LatencyMs: 5}, t0.Add(time.Duration(i)*time.Second), 2, 100)
		if st == StateDown || (i == 1) != (ev != nil) || (ev != nil && ev.Kind != EventDegraded) {
			t.Fatalf("warning %d: %s %+v", i, st, ev)
		}
	}
}
