package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"siyana/backend/check"
	"siyana/backend/history"
	"siyana/backend/platform"
	"siyana/backend/profile"
	"siyana/backend/revalidate"
	"siyana/backend/secrets"
)

const testSecret = "facade-canary-secret-0123456789abcdef-5e1d"

// newTestApp wires the facade as startup does, with an in-memory keychain and a recording runtime.
func newTestApp(t *testing.T) (*App, *platform.Recorder) {
	t.Helper()
	a, rec, _ := initApp(t)
	return a, rec
}

func saveRevalProfile(t *testing.T, a *App, kind profile.Kind, siteURL string, withSecret bool) string {
	t.Helper()
	p := profile.Profile{Name: "p-" + string(kind), Kind: kind, SiteURL: siteURL}
	res := a.SaveProfile(p)
	if !res.OK {
		t.Fatalf("save profile: %+v", res)
	}
	if withSecret {
		if o := a.SetSecret(res.Profile.ID, secrets.RevalidateSecret, testSecret); !o.OK {
			t.Fatalf("set secret: %+v", o)
		}
	}
	return res.Profile.ID
}

func TestFullRefreshOnProductionNeedsConfirmation(t *testing.T) {
	a, _ := newTestApp(t)
	var posts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		posts.Add(1)
		w.WriteHeader(http.StatusNotFound)
	}))
	defer srv.Close()
	id := saveRevalProfile(t, a, profile.KindProduction, srv.URL, true)

	res := a.FullRefresh(id, false)
	if res.Code != revalidate.CodeConfirmRequired || res.OK || res.Message == "" || posts.Load() != 0 {
		t.Fatalf("unconfirmed production refresh: code=%s requests=%d", res.Code, posts.Load())
	}
	var kept revalidate.Result
	if ok, _ := a.history.Get(id, history.KindRevalidation, &kept); ok {
		t.Fatal("a refused confirmation was recorded as a run")
	}
	// Confirmed, it reaches the site (which has no route here).
	if res := a.FullRefresh(id, true); res.Code != revalidate.CodeRouteMissing || posts.Load() == 0 {
		t.Fatalf("confirmed refresh: code=%s requests=%d", res.Code, posts.Load())
	}
}

func TestMissingSecretIsNotConfigured(t *testing.T) {
	a, _ := newTestApp(t)
	id := saveRevalProfile(t, a, profile.KindDevelopment, "http://127.0.0.1:1", false)
	if res := a.RevalidateTags(id, []string{"products"}); res.Code != revalidate.CodeNotConfigured {
		t.Fatalf("code %s, want NOT_CONFIGURED", res.Code)
	}
	if res := a.RevalidateTags("no-such-profile", []string{"products"}); res.Code != check.CodeProfileNotFound {
		t.Fatalf("unknown profile: code %s", res.Code)
	}
}

// A run that hangs on the site must leave Status and Cancel answering, and cancel must end it.
func TestLongRunIsCancellableWhileOtherCallsAnswer(t *testing.T) {
	a, rec := newTestApp(t)
	release := make(chan struct{})
	var reached atomic.Bool // baseline GETs (verification is on by default) or the POST
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reached.Store(true)
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	defer srv.Close()
	defer close(release)
	id := saveRevalProfile(t, a, profile.KindDevelopment, srv.URL, true)

	done := make(chan revalidate.Result, 1)
	go func() { done <- a.RevalidateTags(id, []string{"products", "company"}) }()

	// Wait until the request hangs at the site, not only until the run is marked running: a cancel before
	// the first request would end the run without it ever reaching the site.
	deadline := time.Now().Add(5 * time.Second)
	for !a.RevalidationStatus(id).Running || !reached.Load() {
		if time.Now().After(deadline) {
			t.Fatal("the run never showed as running with its request at the site")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if busy := a.RevalidateTags(id, []string{"products"}); busy.Code != revalidate.CodeBusy {
		t.Fatalf("second run: code %s, want BUSY", busy.Code)
	}
	if v := a.ValidateRevalidation([]string{"ok", ""}, []string{"no-slash"}); len(v.Invalid) != 1 || v.Invalid[0].Item != "no-slash" {
		t.Fatalf("validate during a run: %+v", v)
	}
	if !a.CancelRevalidation(id) {
		t.Fatal("cancel found no run")
	}
	var res revalidate.Result
	select {
	case res = <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the run did not end after cancel")
	}
	if res.Code != revalidate.CodeCanceled || res.Outcome != revalidate.OutcomeCanceled || !reached.Load() {
		t.Fatalf("after cancel: code=%s outcome=%s reached=%v", res.Code, res.Outcome, reached.Load())
	}
	if a.CancelRevalidation(id) {
		t.Fatal("cancel reported a run after it ended")
	}

	var kept revalidate.Result
	if ok, err := a.history.Get(id, history.KindRevalidation, &kept); !ok || err != nil || kept.RunID != res.RunID {
		t.Fatalf("history: ok=%v err=%v run=%s want %s", ok, err, kept.RunID, res.RunID)
	}
	h := a.RevalidationHistory(id)
	if !h.OK || len(h.Entries) != 1 || h.Entries[0].RunID != res.RunID {
		t.Fatalf("log: %+v", h)
	}
	// The secret went to the site and nowhere else the frontend can see.
	for _, v := range []any{res, h, a.RevalidationStatus(id), rec.Events()} {
		b, _ := json.Marshal(v)
		if strings.Contains(string(b), testSecret) {
			t.Fatalf("secret leaked into %T", v)
		}
	}
	if len(rec.Events()) == 0 {
		t.Fatal("no progress event emitted")
	}
}
