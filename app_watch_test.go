package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"siyana/backend/check"
	"siyana/backend/history"
	"siyana/backend/i18n"
	"siyana/backend/platform"
	"siyana/backend/profile"
	"siyana/backend/secrets"
	"siyana/backend/testpeer"
	"siyana/backend/watch"
)

// fastWatch makes the app's scheduler run every watched check every 200 ms for this test.
func fastWatch(t *testing.T) {
	t.Helper()
	old := watchConfig
	watchConfig = watch.Config{IntervalOverride: 200 * time.Millisecond, MinInterval: time.Millisecond, RunTimeout: 3 * time.Second}
	t.Cleanup(func() { watchConfig = old })
}

func watchOnly(checkKind string) watch.Settings {
	s := watch.Defaults()
	for i := range s.Checks {
		s.Checks[i].Enabled = s.Checks[i].Check == checkKind
	}
	return s
}

func waitUntil(t *testing.T, what string, d time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// restart starts a stopped peer process again with the same command line (same port, same data).
func restart(t *testing.T, p *testpeer.Process, addr string) *testpeer.Process {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	np, err := p.Restart(ctx, addr)
	if err != nil {
		t.Fatal(err)
	}
	return np
}

// Watching the database against FerretDB: stopping it (its whole process group) opens an incident after
// two failures with exactly one Down notification; starting it again closes the incident with its
// duration and exactly one Recovered notification.
func TestWatchDatabaseDownAndRecoveredAgainstFerretDB(t *testing.T) {
	fastWatch(t)
	f := testpeer.FerretDBT(t, testpeer.FerretOptions{User: "dbadmin", Password: "Right-Pass-1"})
	a, rec, _ := initApp(t)
	p := saveProfile(t, a, profile.Profile{})
	setSecret(t, a, p.ID, secrets.DatabaseURL, f.URI)
	if r := a.SetWatch(p.ID, watchOnly(history.KindDatabase)); !r.OK || !r.Settings.For(history.KindDatabase).Enabled {
		t.Fatalf("SetWatch: %+v", r)
	}
	if !a.watchingAnything() {
		t.Fatal("watchingAnything false while the database is watched")
	}
	card := func() CardHistoryResult { return a.CardHistory(p.ID, history.KindDatabase) }
	waitUntil(t, "up with samples", 20*time.Second, func() bool { c := card(); return c.State == watch.StateUp && c.History.Uptime24h.Samples >= 2 })

	f.Proc.Stop()
	waitUntil(t, "the Down notification", 20*time.Second, func() bool { return len(rec.Notifications()) >= 1 })
	time.Sleep(time.Second) // several more failures: still one notification
	notes := rec.Notifications()
	if len(notes) != 1 {
		t.Fatalf("notifications while down: %+v", notes)
	}
	c := card()
	if time.Since(c.CheckedAt) > time.Minute {
		t.Fatalf("card read at %v: not the time of this answer", c.CheckedAt)
	}
	if c.State != watch.StateDown || len(c.History.Incidents) != 1 || c.History.Incidents[0].Ended != nil || c.History.Incidents[0].Code == check.CodeOK {
		t.Fatalf("down card: %+v", c)
	}
	down := notes[0]
	if down.ID != "watch:"+p.ID+":database" || !strings.Contains(down.Title, i18n.T("ar", "watch.check.database", nil)) ||
		!strings.Contains(down.Title, p.Name) || strings.Contains(down.Body, "{") {
		t.Fatalf("down notification: %+v", down)
	}

	f.Proc = restart(t, f.Proc, f.Addr)
	waitUntil(t, "the Recovered notification", 30*time.Second, func() bool { return len(rec.Notifications()) >= 2 })
	time.Sleep(time.Second)
	notes = rec.Notifications()
	if len(notes) != 2 || !strings.Contains(notes[1].Title, p.Name) || notes[1].Title == notes[0].Title {
		t.Fatalf("notifications after recovery: %+v", notes)
	}
	c = card()
	in := c.History.Incidents
	if c.State != watch.StateUp || len(in) != 1 || in[0].Ended == nil || in[0].DurationMs < 300 {
		t.Fatalf("recovered card: %+v", c)
	}
	if c.History.Uptime24h.Pct <= 0 || c.History.Uptime24h.Pct >= 100 || len(c.History.Sparkline) == 0 {
		t.Fatalf("uptime/sparkline: %+v", c.History)
	}
	// Diagnostics carries the summary: the uptime and the closed incident, by code.
	d := a.PreviewDiagnostics(p.ID)
	var bundle struct {
		Watch []struct {
			Check     string
			Uptime24h struct{ Pct float64 }
			Incidents []struct {
				Code  string
				Ended *time.Time
			}
		}
	}
	if err := json.Unmarshal([]byte(d.JSON), &bundle); err != nil || len(bundle.Watch) != 1 || bundle.Watch[0].Check != "database" ||
		len(bundle.Watch[0].Incidents) != 1 || bundle.Watch[0].Incidents[0].Ended == nil || bundle.Watch[0].Uptime24h.Pct <= 0 {
		t.Fatalf("diagnostics watch summary: %v %+v", err, bundle)
	}
	// The manual button joins the same history.
	before := card().History.Uptime24h.Samples
	a.w().watch.Stop()
	if res := a.CheckDatabase(p.ID); !res.OK {
		t.Fatalf("manual check: %+v", res)
	}
	if got := card().History; got.Uptime24h.Samples != before+1 || got.Last == nil {
		t.Fatalf("manual run not sampled: %d → %+v", before, got)
	}
}

// Notifications off for the profile: the incident is still kept, nothing is shown.
func TestWatchNotificationsOffStillRecordsTheIncident(t *testing.T) {
	fastWatch(t)
	a, rec, _ := initApp(t)
	p := saveProfile(t, a, profile.Profile{})
	// A refused port: every run fails at once.
	setSecret(t, a, p.ID, secrets.DatabaseURL, "mongodb://u:p@"+testpeer.ClosedAddr(t)+"/shopdb?authSource=admin&serverSelectionTimeoutMS=300")
	s := watchOnly(history.KindDatabase)
	s.Notify = false
	if r := a.SetWatch(p.ID, s); !r.OK {
		t.Fatalf("SetWatch: %+v", r)
	}
	waitUntil(t, "an incident", 20*time.Second, func() bool { return len(a.CardHistory(p.ID, "database").History.Incidents) == 1 })
	if n := rec.Notifications(); len(n) != 0 {
		t.Fatalf("notified with the switch off: %+v", n)
	}
}

func TestWatchSettingsRefusalsAndPersistence(t *testing.T) {
	a, _, _ := initApp(t)
	p := saveProfile(t, a, profile.Profile{})
	if r := a.WatchSettings(p.ID); !r.OK || r.Settings.Watching() || len(r.Checks) != len(watch.Checks) || r.MinIntervalSec != watch.MinIntervalSec {
		t.Fatalf("defaults: %+v", r)
	}
	bad := watchOnly(history.KindAtlas)
	bad.Checks[1].IntervalSec = 1
	r := a.SetWatch(p.ID, bad)
	if r.OK || r.Code != "INVALID_INPUT" || r.FieldErrors["checks.atlas.intervalSec"].Code != watch.FieldInterval || r.Settings.Watching() {
		t.Fatalf("refused: %+v", r)
	}
	if r := a.SetWatch("no-such-profile", watchOnly("site")); r.OK || r.Code != check.CodeProfileNotFound || a.watchingAnything() {
		t.Fatalf("unknown profile: %+v", r)
	}
	if r := a.SetWatch(p.ID, watchOnly(history.KindSite)); !r.OK {
		t.Fatalf("save: %+v", r)
	}
	// Reopened (a restart): the settings are back, and watching with them.
	b := NewApp()
	b.init(context.Background(), &platform.Recorder{}, secrets.NewMemory())
	defer b.shutdown(context.Background())
	if r := b.WatchSettings(p.ID); !r.Settings.For(history.KindSite).Enabled || !b.watchingAnything() {
		t.Fatalf("after restart: %+v", r)
	}
	for _, c := range []struct{ check, from, to, code string }{
		{"nope", "", "", watch.CodeUnknownCheck},
		{"database", "yesterday", "2026-01-01T00:00:00Z", "HISTORY_INVALID_RANGE"},
		{"database", "2026-01-02T00:00:00Z", "2026-01-01T00:00:00Z", "HISTORY_INVALID_RANGE"},
		{"database", "2025-01-01T00:00:00Z", "2026-01-01T00:00:00Z", "HISTORY_INVALID_RANGE"},
	} {
		if r := a.CheckHistory(p.ID, c.check, c.from, c.to); r.OK || r.Code != c.code {
			t.Errorf("%+v: %+v", c, r)
		}
	}
	if r := a.ExportHistory(p.ID, "database", "xlsx"); r.OK || r.Code != "HISTORY_INVALID_FORMAT" {
		t.Fatalf("format: %+v", r)
	}
	if r := a.ExportHistory(p.ID, "database", "csv"); r.OK || r.Code != check.CodeCanceled {
		t.Fatalf("dialog closed: %+v", r)
	}
	// Deleting the profile stops watching it.
	a.DeleteProfile(p.ID, true)
	if a.watchingAnything() {
		t.Fatal("still watching a deleted profile")
	}
}

// Watching the Pusher credentials against soketi: stopped by its process group, one Down; restarted, one
// Recovered and a closed incident.
func TestWatchPusherCredentialsDownAndRecoveredAgainstSoketi(t *testing.T) {
	fastWatch(t)
	sk := testpeer.SoketiT(t, testpeer.SoketiOptions{Apps: []testpeer.SoketiApp{{ID: "100001", Key: "watch-key", Secret: "watch-secret"}}})
	a, rec, _ := initApp(t)
	p := saveProfile(t, a, profile.Profile{Name: "soketi", Kind: profile.KindDevelopment, SiteURL: "https://shop.example.com",
		Pusher: profile.Pusher{AppID: "100001", Key: "watch-key", PublicKey: "watch-key", Cluster: "local", PublicCluster: "local", Host: sk.Host, Insecure: true}})
	setSecret(t, a, p.ID, secrets.PusherSecret, "watch-secret")
	if r := a.SetWatch(p.ID, watchOnly(history.KindPusherCreds)); !r.OK {
		t.Fatalf("SetWatch: %+v", r)
	}
	card := func() CardHistoryResult { return a.CardHistory(p.ID, history.KindPusherCreds) }
	waitUntil(t, "up", 20*time.Second, func() bool { return card().State == watch.StateUp })
	sk.Proc.Stop()
	waitUntil(t, "the Down notification", 20*time.Second, func() bool { return len(rec.Notifications()) >= 1 })
	sk.Proc = restart(t, sk.Proc, sk.Host)
	waitUntil(t, "the Recovered notification", 30*time.Second, func() bool { return len(rec.Notifications()) >= 2 })
	time.Sleep(time.Second)
	if n := rec.Notifications(); len(n) != 2 || n[0].ID != "watch:"+p.ID+":pusherCredentials" {
		t.Fatalf("notifications: %+v", n)
	}
	if in := card().History.Incidents; len(in) != 1 || in[0].Ended == nil || in[0].DurationMs <= 0 {
		t.Fatalf("incidents: %+v", in)
	}
}

// The notification texts in both languages: no placeholder left, Arabic first-class, the down time said
// with its plural form.
func TestWatchNotificationTexts(t *testing.T) {
	st := watch.Defaults()
	for _, lang := range i18n.Languages {
		for _, ev := range []watch.Event{
			{Kind: watch.EventDown, ProfileID: "p", Check: "database", Code: check.CodeTimeout},
			{Kind: watch.EventDegraded, ProfileID: "p", Check: "pusherLive", LatencyMs: 4200},
			{Kind: watch.EventRecovered, ProfileID: "p", Check: "site", DownFor: 3 * time.Second},
			{Kind: watch.EventRecovered, ProfileID: "p", Check: "atlas", DownFor: 2 * time.Minute},
			{Kind: watch.EventRecovered, ProfileID: "p", Check: "pusherCredentials", DownFor: 5 * time.Hour},
		} {
			n := watchNotification(lang, "متجر <b>&", &ev, st)
			if strings.ContainsAny(n.Title+n.Body, "{}") || n.Title == "" || n.Body == "" || !strings.Contains(n.Title, "متجر <b>&") {
				t.Errorf("%s %s: %+v", lang, ev.Kind, n)
			}
		}
	}
	n := watchNotification("ar", "x", &watch.Event{Kind: watch.EventRecovered, Check: "site", DownFor: 2 * time.Minute}, st)
	if !strings.Contains(n.Body, "دقيقتين") {
		t.Fatalf("Arabic dual not used: %q", n.Body)
	}
}

// Watching the site's route against the fixture Next.js site: stopped by its process group, one Down;
// restarted (same port, same build), one Recovered and a closed incident.
func TestWatchSiteDownAndRecoveredAgainstNextSite(t *testing.T) {
	fastWatch(t)
	const secret = "watch-reval-secret-0123456789abcdefghij"
	// A dry run spends one of the route's rate-limit tokens: five a second here needs a bigger bucket.
	site := testpeer.NextSiteT(t, testpeer.NextSiteOptions{Secret: secret, Env: map[string]string{
		"REVALIDATE_RATE_BURST": "1000", "REVALIDATE_RATE_PER_MINUTE": "6000"}})
	a, rec, _ := initApp(t)
	p := saveProfile(t, a, profile.Profile{Name: "site", Kind: profile.KindDevelopment, SiteURL: site.URL})
	setSecret(t, a, p.ID, secrets.RevalidateSecret, secret)
	if r := a.SetWatch(p.ID, watchOnly(history.KindSite)); !r.OK {
		t.Fatalf("SetWatch: %+v", r)
	}
	card := func() CardHistoryResult { return a.CardHistory(p.ID, history.KindSite) }
	waitUntil(t, "up", 30*time.Second, func() bool { return card().State == watch.StateUp })
	site.Proc.Stop()
	waitUntil(t, "the Down notification", 20*time.Second, func() bool { return len(rec.Notifications()) >= 1 })
	site.Proc = restart(t, site.Proc, strings.TrimPrefix(site.URL, "http://"))
	waitUntil(t, "the Recovered notification", 60*time.Second, func() bool { return len(rec.Notifications()) >= 2 })
	time.Sleep(time.Second)
	if n := rec.Notifications(); len(n) != 2 || n[1].ID != "watch:"+p.ID+":site" {
		t.Fatalf("notifications: %+v", n)
	}
	if in := card().History.Incidents; len(in) != 1 || in[0].Ended == nil || in[0].DurationMs <= 0 {
		t.Fatalf("incidents: %+v", in)
	}
}

// A damaged watch.json and history.db are moved aside at start and reported; the app starts and watches.
func TestWatchCorruptFilesAtStart(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(profile.ConfigDirEnv, dir)
	a := NewApp()
	a.init(context.Background(), &platform.Recorder{}, secrets.NewMemory())
	p := saveProfile(t, a, profile.Profile{})
	a.shutdown(context.Background())
	for _, name := range []string{watch.FileName, "history.db"} {
		if err := os.WriteFile(filepath.Join(a.configDir, name), []byte(strings.Repeat("\x00garbage", 600)), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	b := NewApp()
	b.init(context.Background(), &platform.Recorder{}, secrets.NewMemory())
	defer b.shutdown(context.Background())
	r := b.WatchSettings(p.ID)
	if !r.OK || r.Warning == nil || r.Warning.Code != watch.WarnCorrupt || r.HistoryWarning == nil || r.HistoryWarning.Code != "HISTORY_CORRUPT" {
		t.Fatalf("warnings: %+v %+v", r.Warning, r.HistoryWarning)
	}
	if s := b.SetWatch(p.ID, watchOnly(history.KindDatabase)); !s.OK {
		t.Fatalf("SetWatch after the move: %+v", s)
	}
	if c := b.CardHistory(p.ID, history.KindDatabase); !c.OK {
		t.Fatalf("card after the move: %+v", c)
	}
}
