package main

import (
	"encoding/json"
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"siyana/backend/buildinfo"
	"siyana/backend/redact"
	"siyana/backend/revalidate"
	"siyana/backend/watch"
)

// The metrics `siyanactl watch` serves (README "from a terminal or CI" lists them). Labels: profile (the
// profile's name), check (siyanactl's check names: database, atlas, pusher, live, site). Every label value
// passes the scrubber before it is set.
//
// Latency is a histogram, not a gauge: a gauge keeps only the last run, so a slow run between two scrapes is
// lost and latencies of several siyanactl instances cannot be combined; the histogram's buckets keep every
// run and give quantiles over any window (histogram_quantile). The buckets span a warm database ping (ms)
// to the 30 s run bound.
const (
	metricUp        = "siyana_check_up"
	metricDegraded  = "siyana_check_degraded"
	metricLatency   = "siyana_check_latency_seconds"
	metricLastRun   = "siyana_check_last_run_timestamp_seconds"
	metricRuns      = "siyana_check_runs_total"
	metricReval     = "siyana_revalidation_runs_total"
	metricRevalLast = "siyana_revalidation_last_run_timestamp_seconds"
	metricCertDays  = "siyana_tls_certificate_days_left"
	metricInfo      = "siyana_watch_info"
)

var latencyBuckets = []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30}

// metrics is the exporter of one watch: a registry of its own (the Go and process collectors plus ours).
type metrics struct {
	reg      *prometheus.Registry
	scrub    *redact.Registry
	profile  string // the watched profile's name (scrubbed)
	up       *prometheus.GaugeVec
	degraded *prometheus.GaugeVec
	latency  *prometheus.HistogramVec
	lastRun  *prometheus.GaugeVec
	runs     *prometheus.CounterVec
	reval    *prometheus.CounterVec
	revLast  *prometheus.GaugeVec
	certs    *certDays

	mu   sync.Mutex
	seen map[string]bool // revalidation run ids already counted
}

func newMetrics(scrub *redact.Registry, profileName, source string, now func() time.Time) *metrics {
	m := &metrics{reg: prometheus.NewRegistry(), scrub: scrub, profile: scrub.Scrub(profileName), seen: map[string]bool{}}
	pc := []string{"profile", "check"}
	m.up = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: metricUp,
		Help: "1 while the check answers (state up or degraded), 0 once it is down (failed failuresToDown times in a row)."}, pc)
	m.degraded = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: metricDegraded,
		Help: "1 while the check is degraded (slower than its threshold failuresToDown times in a row), else 0."}, pc)
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: metricLatency,
		Help: "Latency of each successful run (the check's own figure: warm round trip, request time), in seconds.", Buckets: latencyBuckets}, pc)
	m.lastRun = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: metricLastRun,
		Help: "When the check last finished a run (Unix time, seconds)."}, pc)
	m.runs = prometheus.NewCounterVec(prometheus.CounterOpts{Name: metricRuns,
		Help: "Runs of the check, by result (ok or failed)."}, append(pc, "result"))
	m.reval = prometheus.NewCounterVec(prometheus.CounterOpts{Name: metricReval,
		Help: "Revalidation runs in the operation log of the config dir (the desktop app's and siyanactl revalidate's), by kind and result."},
		[]string{"profile", "kind", "result"})
	m.revLast = prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: metricRevalLast,
		Help: "When the newest revalidation run of the operation log started (Unix time, seconds)."}, []string{"profile"})
	m.certs = &certDays{now: now, desc: prometheus.NewDesc(metricCertDays,
		"Days until the TLS certificate a check saw expires (negative once expired), now.", []string{"profile", "check", "page"}, nil),
		notAfter: map[certKey]time.Time{}}
	info := prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: metricInfo,
		Help: "siyanactl watch's version and credential source (always 1)."}, []string{"version", "source"})
	info.WithLabelValues(buildinfo.Version, source).Set(1)
	m.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.up, m.degraded, m.latency, m.lastRun, m.runs, m.reval, m.revLast, m.certs, info)
	return m
}

// handler serves /metrics from the registry.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Observe is the scheduler's sink: every sample moves the gauges and counters of its check.
func (m *metrics) Observe(s watch.Sample, _ *watch.Event) {
	name := cliName(s.Check)
	l := prometheus.Labels{"profile": m.profile, "check": name}
	up, deg := 1.0, 0.0
	switch s.State {
	case watch.StateDown:
		up = 0
	case watch.StateDegraded:
		deg = 1
	}
	m.up.With(l).Set(up)
	m.degraded.With(l).Set(deg)
	m.lastRun.With(l).Set(float64(s.At.UnixNano()) / 1e9)
	result := "failed"
	if s.OK {
		result = "ok"
		m.latency.With(l).Observe(s.LatencyMs / 1000)
	}
	m.runs.WithLabelValues(m.profile, name, result).Inc()
}

// revalidations counts the operation log's runs not counted yet (the log is compacted, so the counters
// follow run ids, never the log's length: they only go up).
func (m *metrics) revalidations(h revalidate.History) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var newest time.Time
	for _, e := range h.Entries {
		if e.Time.After(newest) {
			newest = e.Time
		}
		if m.seen[e.RunID] {
			continue
		}
		m.seen[e.RunID] = true
		m.reval.WithLabelValues(m.profile, m.scrub.Scrub(e.Kind), m.scrub.Scrub(e.Outcome)).Inc()
	}
	if !newest.IsZero() {
		m.revLast.WithLabelValues(m.profile).Set(float64(newest.UnixNano()) / 1e9)
	}
}

// certDays is the days-left gauge of every certificate a check reported, computed at scrape time from
// the certificate's notAfter (so it falls between runs too).
type certDays struct {
	now  func() time.Time
	desc *prometheus.Desc

	mu       sync.Mutex
	notAfter map[certKey]time.Time
}

type certKey struct{ profile, check, page string }

func (c *certDays) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *certDays) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	for k, t := range c.notAfter {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, t.Sub(now).Hours()/24, k.profile, k.check, k.page)
	}
}

// certsOf reads the certificates a (scrubbed) check result reports: the storefront pages check's
// pages[].cert.notAfter (backend/pages on its branch), keyed by the page's path. Other checks report none.
func (m *metrics) certsOf(check string, scrubbed json.RawMessage) {
	var r struct {
		Pages []struct {
			Path string `json:"path"`
			Cert *struct {
				NotAfter time.Time `json:"notAfter"`
			} `json:"cert"`
		} `json:"pages"`
	}
	if json.Unmarshal(scrubbed, &r) != nil {
		return
	}
	c := m.certs
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, p := range r.Pages {
		if p.Cert != nil && !p.Cert.NotAfter.IsZero() {
			c.notAfter[certKey{m.profile, check, m.scrub.Scrub(p.Path)}] = p.Cert.NotAfter
		}
	}
}
