package watch

import (
	"math"
	"testing"
)

func TestNormalize(t *testing.T) {
	def := Defaults()
	if def.Watching() || !def.Notify || def.FailuresToDown != 2 || len(def.Checks) != len(Checks) {
		t.Fatalf("defaults %+v", def)
	}
	got, bad := Normalize(Settings{Notify: false, Checks: []CheckSettings{{Check: "pusherLive", Enabled: true, IntervalSec: 300, DegradedMs: 10}}})
	if bad != nil || got.Notify || got.FailuresToDown != DefaultFailuresDown || !got.For("pusherLive").Enabled || got.For("database").Enabled {
		t.Fatalf("normalized %+v %v", got, bad)
	}
	if got.Checks[0].Check != Checks[0].Check || len(got.Checks) != len(Checks) {
		t.Fatalf("not in table order: %+v", got.Checks)
	}
	for name, s := range map[string]Settings{
		"unknown check":    {Checks: []CheckSettings{{Check: "../etc", IntervalSec: 60, DegradedMs: 1}}},
		"repeated check":   {Checks: []CheckSettings{{Check: "database", IntervalSec: 60, DegradedMs: 1}, {Check: "database", IntervalSec: 60, DegradedMs: 1}}},
		"interval too low": {Checks: []CheckSettings{{Check: "database", IntervalSec: 9, DegradedMs: 1}}},
		"interval huge":    {Checks: []CheckSettings{{Check: "database", IntervalSec: math.MaxInt, DegradedMs: 1}}},
		"negative":         {Checks: []CheckSettings{{Check: "database", IntervalSec: -60, DegradedMs: 1}}},
		"NaN threshold":    {Checks: []CheckSettings{{Check: "database", IntervalSec: 60, DegradedMs: math.NaN()}}},
		"Inf threshold":    {Checks: []CheckSettings{{Check: "database", IntervalSec: 60, DegradedMs: math.Inf(1)}}},
		"zero threshold":   {Checks: []CheckSettings{{Check: "database", IntervalSec: 60}}},
		"failures 11":      {FailuresToDown: 11},
		"failures -1":      {FailuresToDown: -1},
		"unicode check":    {Checks: []CheckSettings{{Check: "داتابيس", IntervalSec: 60, DegradedMs: 1}}},
	} {
		if got, bad := Normalize(s); bad == nil {
			t.Errorf("%s accepted: %+v", name, got)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	f.Add("database", 60, 500.0, 2)
	f.Fuzz(func(t *testing.T, check string, iv int, ms float64, n int) {
		got, bad := Normalize(Settings{FailuresToDown: n, Checks: []CheckSettings{{Check: check, Enabled: true, IntervalSec: iv, DegradedMs: ms}}})
		if bad != nil {
			return
		}
		c := got.For(check)
		if c.IntervalSec < MinIntervalSec || c.IntervalSec > MaxIntervalSec || !(c.DegradedMs >= MinDegradedMs && c.DegradedMs <= MaxDegradedMs) ||
			got.FailuresToDown < 1 || got.FailuresToDown > MaxFailuresDown || len(got.Checks) != len(Checks) {
			t.Fatalf("accepted out of range: %+v", got)
		}
	})
}
