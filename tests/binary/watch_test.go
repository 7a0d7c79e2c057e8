package binary

// The watch of the real app against its real peers: the dev build (its bound methods over the dev bridge,
// as the page calls them) watches a FerretDB (the database check), a soketi (the Pusher credentials) and the
// fixture Next.js site (the site's route); closing the window while it watches hides it and the schedule
// goes on; stopping each peer and starting it again sends exactly one "down" and one "recovered" native
// notification to a real daemon (dunst), in Arabic from the catalog; a second launch shows the window again.

import (
	"context"
	"encoding/json"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"siyana/backend/history"
	"siyana/backend/i18n"
	"siyana/backend/samples"
	"siyana/backend/secrets"
	"siyana/backend/testpeer"
	"siyana/backend/watch"
	"siyana/tests/xwindow"
)

// watchInterval is how often the dev build runs the watched check here (SIYANA_TEST_WATCH_INTERVAL,
// below the settings' 10 s floor).
const watchInterval = time.Second

// cardView is what the test reads of CardHistory's answer.
type cardView struct {
	OK      bool         `json:"ok"`
	Code    string       `json:"code"`
	State   watch.State  `json:"state"`
	Watched bool         `json:"watched"`
	History samples.Card `json:"history"`
}

func cardOf(t *testing.T, c *websocket.Conn, profileID, kind string) cardView {
	t.Helper()
	var v cardView
	if err := json.Unmarshal(call(t, c, "CardHistory", profileID, kind), &v); err != nil || !v.OK {
		t.Fatalf("CardHistory: %+v %v", v, err)
	}
	return v
}

// waitCard polls the card until cond holds (at most d) and returns it.
func waitCard(t *testing.T, c *websocket.Conn, profileID, kind, what string, d time.Duration, cond func(cardView) bool) cardView {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		v := cardOf(t, c, profileID, kind)
		if cond(v) {
			return v
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %v, no %s: card %+v", d, what, v)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// dunstNotes waits until dunst displays want notifications, waits a few more intervals (a duplicate would
// show by then), closes them all and returns its history, newest first, and when they were displayed.
func dunstNotes(t *testing.T, d *testpeer.Dunst, want int, what string) ([]testpeer.DunstNotification, time.Time) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for shown, _ := d.Displayed(); shown < want; shown, _ = d.Displayed() {
		if time.Now().After(deadline) {
			t.Fatalf("dunst displays %d notifications, want %d (%s)", shown, want, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
	shown := time.Now()
	time.Sleep(4 * watchInterval)
	if err := d.CloseAll(); err != nil {
		t.Fatal(err)
	}
	h, err := d.History()
	if err != nil {
		t.Fatal(err)
	}
	return h, shown
}

// watchedPeer is one row of TestWatchNotifiesDunst: a profile watching one check against one real peer,
// and how to stop that peer and start it again on the same address.
type watchedPeer struct {
	name    string         // the case's name and the tail of its profile's name
	check   string         // the watched check (a history.Kind*)
	label   string         // its name's catalog key, written out here (the test's own reading of the catalog)
	profile map[string]any // SaveProfile's input, without the name
	secret  [2]string      // the secret the check needs: its name and value
	stop    func()
	restart func(ctx context.Context) error
}

// watchSession is the running dev build the cases share.
type watchSession struct {
	dev string
	d   *testpeer.Dunst
	c   *websocket.Conn
}

// watchOne saves the peer's profile with its secret and watches its check (and only it) every second.
func (s watchSession) watchOne(t *testing.T, name string, w watchedPeer) string {
	t.Helper()
	p := map[string]any{"name": name}
	for k, v := range w.profile {
		p[k] = v
	}
	var saved savedProfile
	if err := json.Unmarshal(call(t, s.c, "SaveProfile", p), &saved); err != nil || !saved.OK {
		t.Fatalf("SaveProfile %s: %+v %v", w.name, saved, err)
	}
	id := saved.Profile.ID
	var ok struct {
		OK   bool   `json:"ok"`
		Code string `json:"code"`
	}
	if err := json.Unmarshal(call(t, s.c, "SetSecret", id, w.secret[0], w.secret[1]), &ok); err != nil || !ok.OK {
		t.Fatalf("SetSecret %s: %+v %v", w.name, ok, err)
	}
	ws := watch.Settings{Notify: true, FailuresToDown: 2, Checks: []watch.CheckSettings{
		{Check: w.check, Enabled: true, IntervalSec: watch.MinIntervalSec, DegradedMs: watch.MaxDegradedMs}}}
	var set struct {
		OK       bool           `json:"ok"`
		Code     string         `json:"code"`
		Settings watch.Settings `json:"settings"`
	}
	if err := json.Unmarshal(call(t, s.c, "SetWatch", id, ws), &set); err != nil || !set.OK || !set.Settings.For(w.check).Enabled {
		t.Fatalf("SetWatch %s: %+v %v", w.name, set, err)
	}
	return id
}

// downAndRecovered stops the watched peer (its process group): after two failures, exactly one Arabic
// "down" notification in dunst; starts it again on the same address: the incident closes and exactly one
// "recovered" notification says for how long the check was down.
func (s watchSession) downAndRecovered(t *testing.T, id, name string, w watchedPeer) {
	t.Helper()
	before, err := s.d.History()
	if err != nil {
		t.Fatal(err)
	}
	w.stop()
	stopped := time.Now()
	h, shown := dunstNotes(t, s.d, 1, w.name+" down")
	down := cardOf(t, s.c, id, w.check)
	t.Logf("%s: down notified %v after the stop", w.name, shown.Sub(stopped).Round(time.Millisecond))
	in := down.History.Incidents
	if down.State != watch.StateDown || len(in) != 1 || in[0].Ended != nil || in[0].Code == "OK" || in[0].Code == "" {
		t.Fatalf("%s card while the peer is stopped: %+v", w.name, down)
	}
	code := in[0].Code
	check := i18n.T("ar", w.label, nil)
	if check == w.label || check == "" {
		t.Fatalf("no Arabic label %s in the catalog", w.label)
	}
	params := i18n.Params{"profile": "\u2068" + name + "\u2069", "check": check, "code": code,
		"codeLabel": i18n.T("ar", "code."+code+".label", nil)}
	downTitle, downBody := i18n.T("ar", "watch.notify.downTitle", params), i18n.T("ar", "watch.notify.downBody", params)
	app := filepath.Base(s.dev)
	if len(h) != len(before)+1 || h[0].Summary != downTitle || h[0].Body != downBody || h[0].AppName != app {
		t.Fatalf("%s: dunst history after the stop: %+v\nwant one more, %q / %q from %s", w.name, h, downTitle, downBody, app)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	err = w.restart(ctx)
	cancel()
	if err != nil {
		t.Fatal(err)
	}
	restarted := time.Now()
	h, shown = dunstNotes(t, s.d, 1, w.name+" recovered")
	back := cardOf(t, s.c, id, w.check)
	t.Logf("%s: recovery notified %v after the restart", w.name, shown.Sub(restarted).Round(time.Millisecond))
	in = back.History.Incidents
	if back.State != watch.StateUp || len(in) != 1 || in[0].Ended == nil || in[0].DurationMs < float64(watchInterval/time.Millisecond) {
		t.Fatalf("%s card after the restart: %+v", w.name, back)
	}
	upTitle := i18n.T("ar", "watch.notify.recoveredTitle", params)
	if len(h) != len(before)+2 || h[1].Summary != downTitle || h[1].Body != downBody || h[0].Summary != upTitle || h[0].AppName != app {
		t.Fatalf("%s: dunst history after the restart: %+v\nwant the down one, then %q", w.name, h, upTitle)
	}
	// The body names the down time in seconds: the incident's, give or take the rounding of a second.
	secs := int(math.Round(in[0].DurationMs / 1000))
	matched := false
	for _, n := range []int{secs - 1, secs, secs + 1} {
		if h[0].Body == i18n.T("ar", "watch.notify.recoveredSeconds", i18n.Params{"n": strconv.Itoa(n)}) {
			matched = true
		}
	}
	if !matched {
		t.Fatalf("%s: recovery body %q, want the down time of about %d s (incident %+v)", w.name, h[0].Body, secs, in[0])
	}
}

func TestWatchNotifiesDunst(t *testing.T) {
	dev := needBinary(t, "SIYANA_DEV_BINARY")
	d := testpeer.DunstT(t)
	d.KeyringT(t) // the app's session bus is dunst's: its keychain must be there too
	f := testpeer.FerretDBT(t, testpeer.FerretOptions{User: "dbadmin", Password: "Right-Pass-1"})
	sk := testpeer.SoketiT(t, testpeer.SoketiOptions{Apps: []testpeer.SoketiApp{{ID: "100001", Key: "watch-key", Secret: "watch-secret"}}})
	const revalidate = "watch-reval-secret-0123456789abcdefghij"
	// A dry run spends one of the route's rate-limit tokens: one a second here needs a bigger bucket.
	site := testpeer.NextSiteT(t, testpeer.NextSiteOptions{Secret: revalidate, Env: map[string]string{
		"REVALIDATE_RATE_BURST": "1000", "REVALIDATE_RATE_PER_MINUTE": "6000"}})
	restartOn := func(p **testpeer.Process, addr string) func(context.Context) error {
		return func(ctx context.Context) error {
			np, err := (*p).Restart(ctx, addr)
			if err == nil {
				*p = np
			}
			return err
		}
	}
	peers := []watchedPeer{
		{name: "FerretDB", check: history.KindDatabase, label: "watch.check.database",
			profile: map[string]any{"kind": "production", "siteUrl": "https://shop.example"},
			secret:  [2]string{secrets.DatabaseURL, f.URI},
			stop:    func() { f.Proc.Stop() }, restart: restartOn(&f.Proc, f.Addr)},
		{name: "soketi", check: history.KindPusherCreds, label: "watch.check.pusherCredentials",
			profile: map[string]any{"kind": "development", "siteUrl": "https://shop.example", "pusher": map[string]any{
				"appId": "100001", "key": "watch-key", "publicKey": "watch-key", "cluster": "local", "publicCluster": "local",
				"host": sk.Host, "insecure": true}},
			secret: [2]string{secrets.PusherSecret, "watch-secret"},
			stop:   func() { sk.Proc.Stop() }, restart: restartOn(&sk.Proc, sk.Host)},
		// Saving REVALIDATE_SECRET binds it to the site's origin (the saved siteUrl), as entering it in Settings does.
		{name: "site", check: history.KindSite, label: "watch.check.site",
			profile: map[string]any{"kind": "development", "siteUrl": site.URL},
			secret:  [2]string{secrets.RevalidateSecret, revalidate},
			stop:    func() { site.Proc.Stop() }, restart: restartOn(&site.Proc, strings.TrimPrefix(site.URL, "http://"))},
	}
	start := time.Now()

	// Names with Latin, Arabic and the characters notification markup would take for tags or entities.
	const name = `Shop <b>&amp; "متجر" الإنتاج`
	addr, args := devBridgeArgs(t)
	env := append(d.Env(), "SIYANA_CONFIG_DIR="+t.TempDir(), "SIYANA_TEST_WATCH_INTERVAL="+watchInterval.String())
	l := launch(t, dev, env, args...)
	win := windowOf(t, l)
	s := watchSession{dev: dev, d: d, c: dialOwn(t, addr)}
	ids := make([]string, len(peers))
	for i, w := range peers {
		ids[i] = s.watchOne(t, name+" "+w.name, w)
	}
	for i, w := range peers {
		up := waitCard(t, s.c, ids[i], w.check, w.name+" up with samples", 30*time.Second, func(v cardView) bool {
			return v.Watched && v.State == watch.StateUp && v.History.Uptime24h.Samples >= 2
		})
		t.Logf("%s watched and up after %v (%d samples)", w.name, time.Since(start).Round(time.Millisecond), up.History.Uptime24h.Samples)
	}

	// Closing the window while checks are watched hides it; the process and its schedule go on.
	xwindow.Close(t, win)
	if _, visible := xwindow.WaitVisible(t, l.PID(), false, 5*time.Second); !visible {
		t.Fatal("the window is still on screen after closing it")
	}
	if l.ExitedWithin(time.Second) {
		t.Fatalf("the app quit when its window was closed while checks are watched (status %d)", l.ExitCode())
	}
	hidden := cardOf(t, s.c, ids[0], peers[0].check).History.Uptime24h.Samples
	waitCard(t, s.c, ids[0], peers[0].check, "samples while the window is hidden", 15*time.Second, func(v cardView) bool {
		return v.History.Uptime24h.Samples >= hidden+3
	})
	if l.ExitedWithin(0) {
		t.Fatalf("the app exited while its window was hidden (status %d)", l.ExitCode())
	}

	// Each peer in turn, the others watched and up meanwhile (a stray notification would count).
	for i, w := range peers {
		t.Run(w.name, func(t *testing.T) {
			began := time.Now()
			s.downAndRecovered(t, ids[i], name+" "+w.name, w)
			t.Logf("%s: down and recovered in %v", w.name, time.Since(began).Round(time.Millisecond))
		})
	}

	// A second launch (same config dir and session bus) shows the hidden window and exits.
	_, args2 := devBridgeArgs(t)
	second := launch(t, dev, env, args2...)
	if !second.ExitedWithin(20 * time.Second) {
		t.Fatal("the second launch is still running")
	}
	if _, visible := xwindow.WaitVisible(t, l.PID(), true, 10*time.Second); !visible {
		t.Fatal("the second launch did not show the hidden window")
	}
	if l.ExitedWithin(0) {
		t.Fatal("the first instance exited")
	}
	t.Logf("whole test %v", time.Since(start).Round(time.Millisecond))
}
