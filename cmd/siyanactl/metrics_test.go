package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"siyana/backend/redact"
	"siyana/backend/revalidate"
)

// The certificate gauge reads the storefront pages check's result shape (pages[].cert.notAfter) and counts
// the days at scrape time; the revalidation counters follow run ids (a compacted log never makes them go
// down); every label value passes the scrubber.
func TestMetricsCertDaysAndRevalidationCounters(t *testing.T) {
	const secret = "Pq4Lm8Zx2Vb6Nc9Kd3"
	reg := redact.NewRegistry()
	reg.Add("p", "REVALIDATE_SECRET", secret)
	now := time.Date(2026, 12, 1, 12, 0, 0, 0, time.UTC)
	m := newMetrics(reg, "shop "+secret, "env", func() time.Time { return now })
	res, _ := json.Marshal(map[string]any{"pages": []any{
		map[string]any{"path": "/", "cert": map[string]any{"notAfter": now.Add(10 * 24 * time.Hour)}},
		map[string]any{"path": "/x?k=" + secret, "cert": map[string]any{"notAfter": now.Add(-36 * time.Hour)}},
		map[string]any{"path": "/plain", "cert": nil},
	}})
	m.certsOf("pages", res)
	m.certsOf("database", json.RawMessage(`{"ok":true}`)) // no pages: nothing
	m.revalidations(revalidate.History{Entries: []revalidate.LogEntry{{RunID: "a", Kind: "tags", Outcome: "ok", Time: now},
		{RunID: "b", Kind: "paths", Outcome: "failed", Time: now.Add(-time.Minute)}}})
	m.revalidations(revalidate.History{Entries: []revalidate.LogEntry{{RunID: "c", Kind: "tags", Outcome: "ok", Time: now.Add(time.Minute)},
		{RunID: "a", Kind: "tags", Outcome: "ok", Time: now}}}) // "b" compacted away, "a" seen again

	families, err := m.reg.Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	var text strings.Builder
	for _, f := range families {
		for _, mt := range f.GetMetric() {
			key := f.GetName()
			for _, l := range mt.GetLabel() {
				key += "," + l.GetName() + "=" + l.GetValue()
				text.WriteString(l.GetValue() + "\n")
			}
			switch {
			case mt.Gauge != nil:
				got[key] = mt.Gauge.GetValue()
			case mt.Counter != nil:
				got[key] = mt.Counter.GetValue()
			}
		}
	}
	noLeak(t, []string{secret}, "metric labels", text.String())
	prof := "shop " + redact.Placeholder
	for key, want := range map[string]float64{
		metricCertDays + ",check=pages,page=/,profile=" + prof:                               10,
		metricCertDays + ",check=pages,page=/x?k=" + redact.Placeholder + ",profile=" + prof: -1.5,
		metricReval + ",kind=tags,profile=" + prof + ",result=ok":                            2,
		metricReval + ",kind=paths,profile=" + prof + ",result=failed":                       1,
		metricRevalLast + ",profile=" + prof:                                                 float64(now.Add(time.Minute).Unix()),
	} {
		if v, ok := got[key]; !ok || math.Abs(v-want) > 1e-6 {
			t.Errorf("%s = %v (present %v), want %v\n%v", key, v, ok, want, got)
		}
	}
}

func TestListenAllowed(t *testing.T) {
	for addr, ok := range map[string]bool{"127.0.0.1:9464": true, "[::1]:9464": true, "localhost:9464": true, "127.9.9.9:1": true,
		"0.0.0.0:9464": false, ":9464": false, "192.0.2.1:9464": false, "[::]:9464": false, "example.com:9464": false,
		"127.0.0.1": false, "nonsense": false, "": false} {
		if err := listenAllowed(addr, false); (err == nil) != ok {
			t.Errorf("%q: %v", addr, err)
		}
	}
	if err := listenAllowed("0.0.0.0:9464", true); err != nil {
		t.Errorf("--allow-remote: %v", err)
	}
	if err := listenAllowed("nonsense", true); err == nil {
		t.Error("--allow-remote accepts an address without a port")
	}
}
