package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"siyana/backend/testpeer"
)

// rulesFile is the shipped alert rules (integrations/prometheus).
var rulesFile = func() string {
	p, _ := filepath.Abs("../../integrations/prometheus/siyana-alerts.yml")
	return p
}()

// tool finds a Debian prometheus binary: a skip locally when it is not installed, a failure under CI.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed (scripts/bootstrap.sh test installs Debian's prometheus)", name)
		}
		t.Skipf("%s is not installed: run `make test` once (Debian's prometheus package)", name)
	}
	return p
}

// daemon is a process this test started in its own process group, stopped by its PID.
type daemon struct {
	cmd          *exec.Cmd
	out, err     bytes.Buffer
	done         chan struct{}
	stoppedClean bool
}

func startDaemon(t *testing.T, env []string, bin string, args ...string) *daemon {
	t.Helper()
	d := &daemon{cmd: exec.Command(bin, args...), done: make(chan struct{})}
	d.cmd.Env = env
	d.cmd.Stdout, d.cmd.Stderr = &d.out, &d.err
	d.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	if err := d.cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	go func() { _ = d.cmd.Wait(); close(d.done) }()
	t.Cleanup(func() {
		_ = syscall.Kill(-d.cmd.Process.Pid, syscall.SIGKILL)
		<-d.done
	})
	return d
}

// term sends SIGTERM to the process and waits (bounded) for it to exit; it returns the exit code.
func (d *daemon) term(t *testing.T, bound time.Duration) int {
	t.Helper()
	_ = d.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-d.done:
	case <-time.After(bound):
		t.Fatalf("%s did not stop within %v of SIGTERM\nstderr:\n%s", d.cmd.Path, bound, d.err.String())
	}
	return d.cmd.ProcessState.ExitCode()
}

func httpGet(u string) (string, int, error) {
	c := &http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get(u)
	if err != nil {
		return "", 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return string(b), resp.StatusCode, err
}

// eventually polls cond every 250 ms until it is true or bound passes.
func eventually(t *testing.T, bound time.Duration, what string, cond func() bool) {
	t.Helper()
	end := time.Now().Add(bound)
	for !cond() {
		if time.Now().After(end) {
			t.Fatalf("%s: not within %v", what, bound)
		}
		time.Sleep(250 * time.Millisecond)
	}
}

// promResult is the result of a Prometheus API query (instant vector or range matrix).
type promResult struct {
	Metric map[string]string `json:"metric"`
	Value  []any             `json:"value"`
	Values [][]any           `json:"values"`
}

func promQuery(t *testing.T, base, path string, q url.Values) []promResult {
	t.Helper()
	body, code, err := httpGet(base + path + "?" + q.Encode())
	if err != nil || code != 200 {
		t.Fatalf("prometheus %s %v: %d %v\n%s", path, q, code, err, body)
	}
	var r struct {
		Status string `json:"status"`
		Data   struct {
			Result []promResult `json:"result"`
		} `json:"data"`
	}
	if err := json.Unmarshal([]byte(body), &r); err != nil || r.Status != "success" {
		t.Fatalf("prometheus answer: %v\n%s", err, body)
	}
	return r.Data.Result
}

// instant is the value of a one-series instant query, or "" when the query has no result.
func instant(t *testing.T, base, q string) string {
	t.Helper()
	res := promQuery(t, base, "/api/v1/query", url.Values{"query": {q}})
	if len(res) == 0 || len(res[0].Value) < 2 {
		return ""
	}
	return fmt.Sprint(res[0].Value[1])
}

// A real Prometheus (Debian's) scrapes `siyanactl watch` on loopback while FerretDB is stopped (SIGSTOP to
// its process group: the process is there, it answers nothing) and back (SIGCONT); the shipped rules are
// loaded into it (pending alerts seen live). Then `promtool test rules` runs on the series Prometheus
// recorded from this run — replayed one sample per 15 s for the down alert and one per minute for the
// degraded one, so the 2- and 10-minute `for` clauses are crossed by the real sequence of samples — and
// proves the down alert fires after 2 minutes and clears when FerretDB is back, and the degraded one fires
// on the slow site check (--degraded-ms site=1). `promtool check metrics` passes on the exposition, the
// leak search finds no planted secret in /metrics, stdout or stderr, and SIGTERM ends watch with exit 0.
func TestWatchPrometheus(t *testing.T) {
	prom, promtool := tool(t, "prometheus"), tool(t, "promtool")
	p := startPeers(t)
	env := withVars(baseEnv(t, t.TempDir()), p.siteEnv())
	listen := testpeer.FreeAddr(t)
	w := startDaemon(t, env, ctlBin, "watch", "--env", "--kind", "staging", "--pusher-insecure", "--lang", "en",
		"--listen", listen, "--test-interval", "1s", "--failures", "2", "--degraded-ms", "site=1")
	metricsURL := "http://" + listen + "/metrics"
	var exposition string
	eventually(t, 30*time.Second, "watch serves every check's up", func() bool {
		exposition, _, _ = httpGet(metricsURL)
		return strings.Count(exposition, metricUp+"{") >= 4 && strings.Contains(exposition, metricDegraded+`{check="site",profile="env"} 1`)
	})

	check := exec.Command(promtool, "check", "metrics")
	check.Stdin = strings.NewReader(exposition)
	if out, err := check.CombinedOutput(); err != nil {
		t.Fatalf("promtool check metrics: %v\n%s\n%s", err, out, exposition)
	}
	for _, name := range []string{metricUp, metricDegraded, metricLatency + "_bucket", metricLastRun, metricRuns, metricInfo} {
		if !strings.Contains(exposition, name) {
			t.Fatalf("%s missing from the exposition:\n%s", name, exposition)
		}
	}

	dir := t.TempDir()
	promAddr := testpeer.FreeAddr(t)
	cfg := filepath.Join(dir, "prometheus.yml")
	conf := fmt.Sprintf("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files: [%q]\nscrape_configs:\n"+
		"  - job_name: siyana\n    static_configs:\n      - targets: [%q]\n", rulesFile, listen)
	if err := os.WriteFile(cfg, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	startDaemon(t, os.Environ(), prom, "--config.file="+cfg, "--storage.tsdb.path="+filepath.Join(dir, "data"),
		"--web.listen-address="+promAddr, "--log.level=warn")
	base := "http://" + promAddr
	eventually(t, 60*time.Second, "prometheus ready", func() bool { _, code, _ := httpGet(base + "/-/ready"); return code == 200 })
	start := time.Now()
	db := `siyana_check_up{check="database",job="siyana"}`
	eventually(t, 60*time.Second, "prometheus scrapes the database up", func() bool { return instant(t, base, db) == "1" })

	pgid := p.ferret.Proc.PID()
	if err := syscall.Kill(-pgid, syscall.SIGSTOP); err != nil {
		t.Fatal(err)
	}
	resumed := false
	defer func() {
		if !resumed {
			_ = syscall.Kill(-pgid, syscall.SIGCONT)
		}
	}()
	eventually(t, 30*time.Second, "database down in prometheus", func() bool { return instant(t, base, db) == "0" })
	pending := `ALERTS{alertname="SiyanaCheckDown",alertstate="pending",check="database"}`
	eventually(t, 15*time.Second, "the shipped down rule pending in the real prometheus", func() bool { return instant(t, base, pending) == "1" })
	time.Sleep(11 * time.Second) // ≥ 9 recorded down samples: 2 minutes at one sample per 15 s
	_ = syscall.Kill(-pgid, syscall.SIGCONT)
	resumed = true
	eventually(t, 30*time.Second, "database back up in prometheus", func() bool { return instant(t, base, db) == "1" })
	eventually(t, 15*time.Second, "the pending alert gone", func() bool { return instant(t, base, pending) == "" })
	time.Sleep(3 * time.Second)
	eventually(t, 30*time.Second, "site degraded for 12 samples", func() bool {
		n, _ := strconv.ParseFloat(instant(t, base, `sum_over_time(siyana_check_degraded{check="site",job="siyana"}[15s])`), 64)
		return n >= 12
	})

	// The recorded series → a promtool unit test of the shipped rules.
	rng := func(q string) promResult {
		res := promQuery(t, base, "/api/v1/query_range", url.Values{"query": {q}, "start": {strconv.FormatInt(start.Unix(), 10)},
			"end": {strconv.FormatInt(time.Now().Unix(), 10)}, "step": {"1"}})
		if len(res) != 1 {
			t.Fatalf("%s: %d series", q, len(res))
		}
		return res[0]
	}
	downTest := recordedTest(t, "SiyanaCheckDown", rng(db), "0", 15*time.Second, 2*time.Minute)
	degTest := recordedTest(t, "SiyanaCheckDegraded", rng(`siyana_check_degraded{check="site",job="siyana"}`), "1", time.Minute, 10*time.Minute)
	tests := map[string]any{"rule_files": []string{rulesFile}, "evaluation_interval": "15s", "tests": []any{downTest, degTest}}
	raw, _ := json.MarshalIndent(tests, "", "  ") // JSON is YAML: promtool reads it as its test file
	testFile := filepath.Join(dir, "recorded.test.json")
	if err := os.WriteFile(testFile, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(promtool, "test", "rules", testFile).CombinedOutput(); err != nil {
		t.Fatalf("promtool test rules (recorded series): %v\n%s\n%s", err, out, raw)
	}
	// The shipped unit tests (the TLS rule on synthetic series, as no watched check reports a certificate yet).
	if out, err := exec.Command(promtool, "test", "rules", "../../integrations/prometheus/siyana-alerts.test.yml").CombinedOutput(); err != nil {
		t.Fatalf("promtool test rules (shipped): %v\n%s", err, out)
	}

	final, _, _ := httpGet(metricsURL)
	if code := w.term(t, shutdownBound+5*time.Second); code != 0 {
		t.Fatalf("watch exit %d after SIGTERM\nstderr:\n%s", code, w.err.String())
	}
	if !strings.Contains(w.err.String(), "Stopped") || !strings.Contains(w.err.String(), "database: up → down") {
		t.Fatalf("stderr:\n%s", w.err.String())
	}
	if _, _, err := httpGet(metricsURL); err == nil {
		t.Fatal("/metrics still answers after watch stopped")
	}
	noLeak(t, p.secrets, "watch", exposition, final, w.out.String(), w.err.String())
}

// recordedTest is a promtool test group over one recorded series: its samples replayed one per step, and
// three evaluations of alert — a step before for has passed since the first sample equal to hot (none),
// when it has (firing, with the rule's labels and annotations) and, when the series left hot, the step it
// did (none: cleared).
func recordedTest(t *testing.T, alert string, s promResult, hot string, step, forDur time.Duration) map[string]any {
	t.Helper()
	first, last, back := -1, -1, -1
	vals := make([]string, 0, len(s.Values))
	t0 := s.Values[0][0].(float64)
	for _, v := range s.Values {
		for i := int(v[0].(float64) - t0); len(vals) < i; {
			vals = append(vals, "_")
		}
		vals = append(vals, fmt.Sprint(v[1]))
	}
	for i, val := range vals {
		switch {
		case val == hot && first < 0:
			first = i
		case val != hot && val != "_" && first >= 0 && back < 0:
			back = i
		}
	}
	last = len(vals) - 1
	if back >= 0 {
		last = back - 1
	}
	need := int(forDur / step)
	if first < 0 || last-first < need {
		t.Fatalf("%s: the recorded series is %s from sample %d to %d, fewer than the %d samples for needs:\n%v", alert, hot, first, last, need+1, vals)
	}
	labels := map[string]string{}
	var sel []string
	for k, v := range s.Metric {
		if k != "__name__" {
			labels[k] = v
			sel = append(sel, fmt.Sprintf("%s=%q", k, v))
		}
	}
	series := s.Metric["__name__"] + "{" + strings.Join(sel, ",") + "}"
	rule := shippedRule(t, alert)
	exp := map[string]string{}
	for k, v := range labels {
		exp[k] = v
	}
	for k, v := range rule.Labels {
		exp[k] = v
	}
	ann := map[string]string{}
	for k, v := range rule.Annotations {
		ann[k] = render(v, labels)
	}
	at := func(i int) string { return (time.Duration(i) * step).String() }
	evals := []any{
		map[string]any{"eval_time": at(first + need - 1), "alertname": alert, "exp_alerts": []any{}},
		map[string]any{"eval_time": at(first + need), "alertname": alert,
			"exp_alerts": []any{map[string]any{"exp_labels": exp, "exp_annotations": ann}}},
	}
	if back >= 0 {
		evals = append(evals, map[string]any{"eval_time": at(back), "alertname": alert, "exp_alerts": []any{}})
	}
	return map[string]any{"name": alert + " on the series recorded from the real run", "interval": step.String(),
		"input_series": []any{map[string]any{"series": series, "values": strings.Join(vals, " ")}}, "alert_rule_test": evals}
}

type alertRule struct {
	Alert       string            `yaml:"alert"`
	Labels      map[string]string `yaml:"labels"`
	Annotations map[string]string `yaml:"annotations"`
}

func shippedRule(t *testing.T, name string) alertRule {
	t.Helper()
	b, err := os.ReadFile(rulesFile)
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		Groups []struct {
			Rules []alertRule `yaml:"rules"`
		} `yaml:"groups"`
	}
	if err := yaml.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	for _, g := range f.Groups {
		for _, r := range g.Rules {
			if r.Alert == name {
				return r
			}
		}
	}
	t.Fatalf("no rule %s in %s", name, rulesFile)
	return alertRule{}
}

var labelRef = regexp.MustCompile(`\{\{\s*\$labels\.(\w+)\s*\}\}`)

// render fills the {{ $labels.x }} of an annotation (the only template the shipped rules use).
func render(s string, labels map[string]string) string {
	return labelRef.ReplaceAllStringFunc(s, func(m string) string { return labels[labelRef.FindStringSubmatch(m)[1]] })
}
