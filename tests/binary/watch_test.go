package binary

// The watch of the real app against its real peers: the dev build (its bound methods over the dev bridge,
// as the page calls them) watches a FerretDB; closing the window while it watches hides it and the schedule
// goes on; stopping FerretDB and starting it again sends exactly one "down" and one "recovered" native
// notification to a real daemon (dunst), in Arabic from the catalog; a second launch shows the window again.

import (
	"context"
	"encoding/json"
	"math"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/gorilla/websocket"

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

func cardOf(t *testing.T, c *websocket.Conn, profileID string) cardView {
	t.Helper()
	var v cardView
	if err := json.Unmarshal(call(t, c, "CardHistory", profileID, "database"), &v); err != nil || !v.OK {
		t.Fatalf("CardHistory: %+v %v", v, err)
	}
	return v
}

// waitCard polls the card until cond holds (at most d) and returns it.
func waitCard(t *testing.T, c *websocket.Conn, profileID, what string, d time.Duration, cond func(cardView) bool) cardView {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		v := cardOf(t, c, profileID)
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

func TestWatchNotifiesDunst(t *testing.T) {
	dev := needBinary(t, "SIYANA_DEV_BINARY")
	d := testpeer.DunstT(t)
	d.KeyringT(t) // the app's session bus is dunst's: its keychain must be there too
	f := testpeer.FerretDBT(t, testpeer.FerretOptions{User: "dbadmin", Password: "Right-Pass-1"})
	start := time.Now()

	// A name with Latin, Arabic and the characters notification markup would take for tags or entities.
	const name = `Shop <b>&amp; "متجر" الإنتاج`
	addr, args := devBridgeArgs(t)
	env := append(d.Env(), "SIYANA_CONFIG_DIR="+t.TempDir(), "SIYANA_TEST_WATCH_INTERVAL="+watchInterval.String())
	l := launch(t, dev, env, args...)
	win := windowOf(t, l)
	c := dialOwn(t, addr)

	p := map[string]any{"name": name, "kind": "production", "siteUrl": "https://shop.example"}
	var saved savedProfile
	if err := json.Unmarshal(call(t, c, "SaveProfile", p), &saved); err != nil || !saved.OK {
		t.Fatalf("SaveProfile: %+v %v", saved, err)
	}
	id := saved.Profile.ID
	var ok struct {
		OK   bool   `json:"ok"`
		Code string `json:"code"`
	}
	if err := json.Unmarshal(call(t, c, "SetSecret", id, secrets.DatabaseURL, f.URI), &ok); err != nil || !ok.OK {
		t.Fatalf("SetSecret: %+v %v", ok, err)
	}
	ws := watch.Settings{Notify: true, FailuresToDown: 2, Checks: []watch.CheckSettings{
		{Check: "database", Enabled: true, IntervalSec: watch.MinIntervalSec, DegradedMs: watch.MaxDegradedMs}}}
	var set struct {
		OK       bool           `json:"ok"`
		Code     string         `json:"code"`
		Settings watch.Settings `json:"settings"`
	}
	if err := json.Unmarshal(call(t, c, "SetWatch", id, ws), &set); err != nil || !set.OK || !set.Settings.For("database").Enabled {
		t.Fatalf("SetWatch: %+v %v", set, err)
	}
	up := waitCard(t, c, id, "up with samples", 20*time.Second, func(v cardView) bool {
		return v.Watched && v.State == watch.StateUp && v.History.Uptime24h.Samples >= 2
	})
	t.Logf("watched and up after %v (%d samples)", time.Since(start).Round(time.Millisecond), up.History.Uptime24h.Samples)

	// Closing the window while the database is watched hides it; the process and its schedule go on.
	xwindow.Close(t, win)
	if _, visible := xwindow.WaitVisible(t, l.PID(), false, 5*time.Second); !visible {
		t.Fatal("the window is still on screen after closing it")
	}
	if l.ExitedWithin(time.Second) {
		t.Fatalf("the app quit when its window was closed while the database is watched (status %d)", l.ExitCode())
	}
	hidden := cardOf(t, c, id).History.Uptime24h.Samples
	waitCard(t, c, id, "samples while the window is hidden", 15*time.Second, func(v cardView) bool {
		return v.History.Uptime24h.Samples >= hidden+3
	})
	if l.ExitedWithin(0) {
		t.Fatalf("the app exited while its window was hidden (status %d)", l.ExitCode())
	}

	// FerretDB stopped (its process group): after two failures, one "down" notification.
	f.Proc.Stop()
	stopped := time.Now()
	h, shown := dunstNotes(t, d, 1, "down")
	down := cardOf(t, c, id)
	t.Logf("down notified %v after the stop", shown.Sub(stopped).Round(time.Millisecond))
	in := down.History.Incidents
	if down.State != watch.StateDown || len(in) != 1 || in[0].Ended != nil || in[0].Code == "OK" || in[0].Code == "" {
		t.Fatalf("card while FerretDB is stopped: %+v", down)
	}
	code := in[0].Code
	check := i18n.T("ar", "watch.check.database", nil)
	params := i18n.Params{"profile": "\u2068" + name + "\u2069", "check": check, "code": code,
		"codeLabel": i18n.T("ar", "code."+code+".label", nil)}
	downTitle, downBody := i18n.T("ar", "watch.notify.downTitle", params), i18n.T("ar", "watch.notify.downBody", params)
	if len(h) != 1 || h[0].Summary != downTitle || h[0].Body != downBody || h[0].AppName != filepath.Base(dev) {
		t.Fatalf("dunst history after the stop: %+v\nwant one %q / %q from %s", h, downTitle, downBody, filepath.Base(dev))
	}

	// FerretDB started again on the same port: the incident closes and one "recovered" notification says
	// for how long the database was down.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	np, err := f.Proc.Restart(ctx, f.Addr)
	cancel()
	if err != nil {
		t.Fatal(err)
	}
	f.Proc = np
	restarted := time.Now()
	h, shown = dunstNotes(t, d, 1, "recovered")
	back := cardOf(t, c, id)
	t.Logf("recovery notified %v after the restart", shown.Sub(restarted).Round(time.Millisecond))
	in = back.History.Incidents
	if back.State != watch.StateUp || len(in) != 1 || in[0].Ended == nil || in[0].DurationMs < float64(watchInterval/time.Millisecond) {
		t.Fatalf("card after the restart: %+v", back)
	}
	upTitle := i18n.T("ar", "watch.notify.recoveredTitle", params)
	if len(h) != 2 || h[1].Summary != downTitle || h[1].Body != downBody || h[0].Summary != upTitle || h[0].AppName != filepath.Base(dev) {
		t.Fatalf("dunst history after the restart: %+v\nwant the down one, then %q", h, upTitle)
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
		t.Fatalf("recovery body %q, want the down time of about %d s (incident %+v)", h[0].Body, secs, in[0])
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
