package samples

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"siyana/backend/watch"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.t = t; c.mu.Unlock() }

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func smp(at time.Time, ok bool, ms float64) watch.Sample {
	st := watch.StateUp
	if !ok {
		st = watch.StateDown
	}
	code := "OK"
	if !ok {
		code = "TIMEOUT"
	}
	return watch.Sample{ProfileID: "p", Check: "database", At: at, OK: ok, Code: code, LatencyMs: ms, State: st}
}

func open(t *testing.T, c *clock) (*Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), FileName)
	s := Open(path, c.Now)
	if s.Warning() != nil {
		t.Fatalf("fresh open warned: %+v", s.Warning())
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}

func TestUptimeSparklineIncidents(t *testing.T) {
	c := &clock{t: t0}
	s, _ := open(t, c)
	ctx := context.Background()
	// 24 h of one sample a minute: 10% failed, latency 10 ms, one incident of 30 min 2 h ago.
	start := t0.Add(-24 * time.Hour)
	for i := 0; i < 24*60; i++ {
		at := start.Add(time.Duration(i) * time.Minute)
		ok := i%10 != 0
		var ev *watch.Event
		if at.Equal(t0.Add(-2 * time.Hour)) {
			ev = &watch.Event{Kind: watch.EventDown, Since: at, Code: "TIMEOUT"}
			ok = false
		}
		if at.Equal(t0.Add(-90 * time.Minute)) {
			ev, ok = &watch.Event{Kind: watch.EventRecovered}, true
		}
		if err := s.Insert(ctx, smp(at, ok, 10), ev); err != nil {
			t.Fatal(err)
		}
	}
	card, err := s.Card(ctx, "p", "database")
	if err != nil {
		t.Fatal(err)
	}
	if card.Uptime24h.Samples != 24*60 || card.Uptime24h.Pct < 89.8 || card.Uptime24h.Pct > 90.1 || card.Uptime30d.Samples != 24*60 {
		t.Fatalf("uptime %+v %+v", card.Uptime24h, card.Uptime30d)
	}
	if len(card.Sparkline) != SparklinePoints && len(card.Sparkline) != SparklinePoints+1 {
		t.Fatalf("sparkline has %d points", len(card.Sparkline))
	}
	for _, p := range card.Sparkline {
		if p.LatencyMs != 10 || p.Count == 0 {
			t.Fatalf("sparkline point %+v", p)
		}
	}
	if len(card.Incidents) != 1 || card.Incidents[0].Ended == nil || card.Incidents[0].DurationMs != float64(30*time.Minute/time.Millisecond) {
		t.Fatalf("incidents %+v", card.Incidents)
	}
	if card.Last == nil || !card.Last.At.Equal(start.Add(24*60*time.Minute-time.Minute)) {
		t.Fatalf("last %+v", card.Last)
	}
	// Another profile's card is empty.
	if o, _ := s.Card(ctx, "q", "database"); o.Uptime24h.Samples != 0 || len(o.Sparkline) != 0 || len(o.Incidents) != 0 {
		t.Fatalf("other profile %+v", o)
	}
	// A short recent range is raw, a long one bucketed to at most MaxSeriesPoints.
	r, err := s.Range(ctx, "p", "database", t0.Add(-time.Hour), t0)
	if err != nil || r.StepMs != 0 || len(r.Points) != 60 {
		t.Fatalf("raw range: step %d, %d points, %v", r.StepMs, len(r.Points), err)
	}
	r, err = s.Range(ctx, "p", "database", t0.Add(-30*24*time.Hour), t0)
	if err != nil || r.StepMs == 0 || len(r.Points) > MaxSeriesPoints || len(r.Incidents) != 1 {
		t.Fatalf("long range: step %d, %d points, %d incidents, %v", r.StepMs, len(r.Points), len(r.Incidents), err)
	}
	n := 0
	for _, p := range r.Points {
		n += p.Count
	}
	if n != 24*60 {
		t.Fatalf("bucketed range counts %d samples", n)
	}
}

// Raw samples go after 7 days, aggregates after 90; the uptime of 30 days still counts the expired raw
// samples through their aggregates.
func TestRetention(t *testing.T) {
	c := &clock{t: t0.Add(-100 * 24 * time.Hour)}
	s, _ := open(t, c)
	ctx := context.Background()
	for d := 100; d >= 0; d-- { // one sample a day, 100 days
		at := t0.Add(-time.Duration(d) * 24 * time.Hour)
		c.Set(at)
		if err := s.Insert(ctx, smp(at, d%2 == 0, 5), nil); err != nil {
			t.Fatal(err)
		}
	}
	c.Set(t0)
	if err := s.Prune(ctx); err != nil {
		t.Fatal(err)
	}
	count := func(q string) int {
		var n int
		if err := s.db.QueryRow(q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(`SELECT count(*) FROM samples`); n != 8 { // days 7..0 (day 7 is exactly at the cut: kept)
		t.Fatalf("%d raw samples kept, want 8", n)
	}
	if n := count(`SELECT count(*) FROM aggregates`); n != 91 { // days 90..0
		t.Fatalf("%d aggregates kept, want 91", n)
	}
	card, _ := s.Card(ctx, "p", "database")
	if card.Uptime30d.Samples != 31 || card.Uptime7d.Samples != 8 {
		t.Fatalf("uptime from aggregates: 30d %+v, 7d %+v", card.Uptime30d, card.Uptime7d)
	}
}

// A database that is not SQLite (or is damaged) is moved aside with its WAL and a new one starts; nothing
// panics and the history works.
func TestCorruptDatabaseMovedAside(t *testing.T) {
	c := &clock{t: t0}
	for name, body := range map[string][]byte{
		"garbage":   bytes.Repeat([]byte("not a database "), 400),
		"truncated": nil, // filled below from a real database cut in half
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, FileName)
			if body == nil {
				s := Open(path, c.Now)
				for i := 0; i < 300; i++ {
					_ = s.Insert(context.Background(), smp(t0.Add(time.Duration(i)*time.Second), true, 1), nil)
				}
				s.Close()
				b, _ := os.ReadFile(path)
				body = append(b[:len(b)/2:len(b)/2], bytes.Repeat([]byte{0xff}, 4096)...)
				copy(body[100:], bytes.Repeat([]byte{0xee}, 3000)) // the header's page and the schema page
			}
			if err := os.WriteFile(path, body, 0o600); err != nil {
				t.Fatal(err)
			}
			_ = os.WriteFile(path+"-wal", []byte("junk wal"), 0o600)
			s := Open(path, c.Now)
			defer s.Close()
			w := s.Warning()
			if w == nil || w.Code != WarnCorrupt || w.MovedTo == "" {
				t.Fatalf("warning %+v", w)
			}
			if b, err := os.ReadFile(w.MovedTo); err != nil || !bytes.Equal(b, body) {
				t.Fatalf("moved-aside file differs (%v)", err)
			}
			if b, err := os.ReadFile(path + "-wal"); err == nil && bytes.Contains(b, []byte("junk")) {
				t.Fatal("the old WAL was left beside the new database")
			}
			if err := s.Insert(context.Background(), smp(t0, true, 1), nil); err != nil {
				t.Fatalf("new database unusable: %v", err)
			}
		})
	}
}

func TestNewerSchemaMovedAsideAndMigrationsRecorded(t *testing.T) {
	c := &clock{t: t0}
	path := filepath.Join(t.TempDir(), FileName)
	s := Open(path, c.Now)
	var v int
	if err := s.db.QueryRow(`SELECT version FROM schema_version`).Scan(&v); err != nil || v != SchemaVersion {
		t.Fatalf("version %d %v", v, err)
	}
	if _, err := s.db.Exec(`UPDATE schema_version SET version = 99`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = Open(path, c.Now)
	defer s.Close()
	if w := s.Warning(); w == nil || w.Code != WarnNewerSchema {
		t.Fatalf("newer schema: %+v", w)
	}
	// A migration step that fails leaves the version where it was (the step is one transaction).
	db, _ := openDSN("file::memory:")
	defer db.Close()
	saved := migrations
	migrations = append(append([][]string(nil), saved...), []string{`CREATE TABLE extra(x)`, `NOT SQL`})
	defer func() { migrations = saved }()
	if err := migrate(context.Background(), db); err == nil {
		t.Fatal("a broken step migrated")
	}
	if v, _ := version(context.Background(), db); v != len(saved) {
		t.Fatalf("version after a failed step: %d", v)
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'extra'`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("half a step applied: %d %v", n, err)
	}
}

func TestUnopenableDirFallsBackToMemory(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "missing", "deeper", FileName)
	s := Open(path, nil)
	defer s.Close()
	if w := s.Warning(); w == nil || w.Code != CodeUnavailable {
		t.Fatalf("warning %+v", w)
	}
	if err := s.Insert(context.Background(), smp(time.Now(), true, 1), nil); err != nil {
		t.Fatalf("memory history unusable: %v", err)
	}
}

// Text is stored verbatim in the file and its WAL, so the leak sweep's byte search of the config dir sees
// anything a sample holds.
func TestStoredTextIsVisibleToAByteSearch(t *testing.T) {
	c := &clock{t: t0}
	s, path := open(t, c)
	const canary = "canary-in-the-history-7f3a"
	x := smp(t0, false, 1)
	x.Detail = "server said " + canary
	if err := s.Insert(context.Background(), x, nil); err != nil {
		t.Fatal(err)
	}
	var all []byte
	for _, p := range []string{path, path + "-wal"} {
		b, _ := os.ReadFile(p)
		all = append(all, b...)
	}
	if !bytes.Contains(all, []byte(canary)) {
		t.Fatal("the stored detail is not in the database files as text")
	}
}

func TestExportCSVAndJSON(t *testing.T) {
	c := &clock{t: t0}
	s, _ := open(t, c)
	ctx := context.Background()
	x := smp(t0.Add(-time.Minute), false, 3)
	x.Detail = "=HYPERLINK(\"http://evil\")"
	_ = s.Insert(ctx, x, &watch.Event{Kind: watch.EventDown, Since: x.At, Code: "TIMEOUT"})
	_ = s.Insert(ctx, smp(t0, true, 4), &watch.Event{Kind: watch.EventRecovered})
	e, err := s.Export(ctx, "p", "database")
	if err != nil || len(e.Rows) != 2 || len(e.Incidents) != 1 {
		t.Fatalf("export %+v %v", e, err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, e, FormatCSV); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil || len(rows) != 3 || rows[1][9] != "'=HYPERLINK(\"http://evil\")" {
		t.Fatalf("csv %q %v", rows, err)
	}
	buf.Reset()
	_ = Write(&buf, e, FormatJSON)
	var back Export
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil || len(back.Rows) != 2 || strings.Contains(buf.String(), `"p"`) {
		t.Fatalf("json %s %v", buf.String(), err)
	}
	if !ValidFormat("csv") || ValidFormat("CSV ") || ValidFormat("") {
		t.Fatal("ValidFormat")
	}
}

// The kill -9 test: a child process (this test binary again) writes samples, printing the sequence number
// of each one after its commit; it is killed with SIGKILL mid-stream. Reopened, the database passes the
// integrity check and holds every sample up to the last one reported committed, in order, none missing.
func TestKill9KeepsEveryCommittedSample(t *testing.T) {
	if os.Getenv("SIYANA_SAMPLES_CHILD") != "" {
		childWriter(os.Getenv("SIYANA_SAMPLES_CHILD"))
		return
	}
	path := filepath.Join(t.TempDir(), FileName)
	cmd := exec.Command(os.Args[0], "-test.run=^TestKill9KeepsEveryCommittedSample$")
	cmd.Env = append(os.Environ(), "SIYANA_SAMPLES_CHILD="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	last := 0
	for sc.Scan() {
		if n, err := strconv.Atoi(strings.TrimPrefix(sc.Text(), "committed ")); err == nil {
			last = n
			if n >= 1500 {
				break
			}
		}
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix: no handler, no flush, no close
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if last < 1500 {
		t.Fatalf("child committed only %d samples", last)
	}
	s := Open(path, time.Now)
	defer s.Close()
	if w := s.Warning(); w != nil {
		t.Fatalf("reopen after kill -9: %+v", w)
	}
	var check string
	if err := s.db.QueryRow(`PRAGMA integrity_check`).Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check %q %v", check, err)
	}
	rows, err := s.db.Query(`SELECT latency_ms FROM samples ORDER BY at`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	want := 1
	for rows.Next() {
		var ms float64
		if err := rows.Scan(&ms); err != nil {
			t.Fatal(err)
		}
		if int(ms) != want {
			t.Fatalf("sample %d missing (found %v)", want, ms)
		}
		want++
	}
	if want-1 < last {
		t.Fatalf("reopened with %d samples, %d were committed", want-1, last)
	}
	var aggN int
	_ = s.db.QueryRow(`SELECT sum(n) FROM aggregates`).Scan(&aggN)
	if aggN != want-1 {
		t.Fatalf("aggregates count %d samples, the table holds %d (a torn transaction)", aggN, want-1)
	}
	t.Logf("killed after %d reported commits; %d samples in the reopened database", last, want-1)
}

func childWriter(path string) {
	s := Open(path, time.Now)
	base := time.Now()
	for i := 1; ; i++ {
		if err := s.Insert(context.Background(), smp(base.Add(time.Duration(i)*time.Millisecond), i%7 != 0, float64(i)), nil); err != nil {
			fmt.Fprintln(os.Stderr, "insert:", err)
			os.Exit(3)
		}
		fmt.Printf("committed %d\n", i)
	}
}

var _ = sql.ErrNoRows
