package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"siyana/backend/history"
	storefront "siyana/backend/pages"
	"siyana/backend/platform"
	"siyana/backend/profile"
	"siyana/backend/samples"
	"siyana/backend/secrets"
	"siyana/backend/settings"
	"siyana/backend/update"
	"siyana/backend/watch"
)

// runLeakFlow is the table of the leak sweep: every bound method, on its success path (the selected
// profile's first values, which the peers accept) and its failure paths (the other profiles' hostile values,
// the selected profile's later wrong values, an unencoded DATABASE_URL, refused values, a deleted profile, a
// locked keychain, a restart whose first keychain read fails). Codes are not asserted except where a
// success path must really have reached its peer; the sweep is about what leaks.
func runLeakFlow(t *testing.T, s *leakSweep, plan *leakPlan, pr leakPeers, fk leakFakes, kc *leakFailStore) {
	rec := &platform.Recorder{}
	s.rec = rec
	a := newLeakApp(t, rec, kc)
	a.atlas.BaseURL = fk.atlasURL
	inputs := t.TempDir()
	wait := func() { time.Sleep(1100 * time.Millisecond) } // the profiles' 1 s revalidation cooldown
	s.collect("start-up")

	leakCall(s, "BuildInfo", "ok", a.BuildInfo)
	leakCall(s, "ListProfiles", "ok", a.ListProfiles)
	leakCall(s, "ValidateRevalidation", "ok", func() any { return a.ValidateRevalidation([]string{"products"}, []string{"/"}) })
	leakCall(s, "ValidateRevalidation", "fail", func() any {
		return a.ValidateRevalidation([]string{"", "tag with space?#"}, []string{"no-slash", "/a?b#c"})
	})

	// Three profiles on the same peers, with a 1 s cooldown and every feature on.
	mk := func(name string, kind profile.Kind) profile.Profile {
		return profile.Profile{Name: name, Kind: kind, SiteURL: pr.site.URL, Actor: "leak-sweep",
			Pusher: profile.Pusher{AppID: "100001", Key: plan.pusherKey, PublicKey: plan.pusherKey, Cluster: "local",
				PublicCluster: "local", Host: pr.pusher.Host, Insecure: true},
			Atlas:        profile.Atlas{GroupID: "5f0c0ffee0c0ffee0c0ffee0", ClusterName: "Cluster0"},
			Revalidation: profile.Revalidation{Tags: []string{"products"}, Paths: []string{"/"}, CooldownSeconds: 1},
			Features:     profile.Features{DBStats: true, AtlasLookup: true, VerifyPaths: true},
		}
	}
	for _, x := range []struct {
		lp   *leakProfile
		name string
		kind profile.Kind
	}{{plan.sel, "المختار", profile.KindDevelopment}, {plan.other, "غير المختار", profile.KindStaging}, {plan.deleted, "المحذوف", profile.KindProduction}} {
		p := mk(x.name, x.kind)
		if x.lp == plan.other {
			p.SiteURL = fk.echoSite        // the non-selected profile's site echoes what it is sent
			p.Features.VerifyPaths = false // its pages are not Next's: polling them would only cost time
			// Its storefront pages echo the secret in headers, body and a redirect; one lacks its text.
			p.Pages = []profile.Page{{Path: "/", MustContain: "سلة"}, {Path: "/go"}}
		}
		if x.lp == plan.deleted {
			p.Features.VerifyPaths = false // a refused run still polls the pages for 5 s: the selected one covers it
		}
		leakCall(s, "SaveProfile", "ok", func() any { return a.SaveProfile(p) })
	}
	list := a.ListProfiles()
	for _, p := range list.Profiles {
		switch p.Name {
		case "المختار":
			plan.sel.id = p.ID
		case "غير المختار":
			plan.other.id = p.ID
		case "المحذوف":
			plan.deleted.id = p.ID
		}
	}
	if plan.sel.id == "" || plan.other.id == "" || plan.deleted.id == "" {
		t.Fatalf("profiles not saved: %+v", list)
	}
	sel, other, del := plan.sel.id, plan.other.id, plan.deleted.id
	leakCall(s, "SaveProfile", "fail", func() any {
		p := mk("", profile.KindStaging)
		p.SiteURL = "javascript:alert(1)"
		return a.SaveProfile(p)
	})
	leakCall(s, "SelectProfile", "ok", func() any { return a.SelectProfile(sel) })
	leakCall(s, "SelectProfile", "fail", func() any { return a.SelectProfile("no-such-profile") })

	// The selected profile's first values arrive through the .env import, then every slot is set directly.
	rec.OpenPath = writeLeakEnv(t, inputs, "site.env", [][2]string{
		{secrets.DatabaseURL, plan.sel.values[secrets.DatabaseURL]}, {secrets.PusherSecret, plan.sel.values[secrets.PusherSecret]},
		{secrets.AtlasPublicKey, plan.sel.values[secrets.AtlasPublicKey]}, {secrets.AtlasPrivateKey, plan.sel.values[secrets.AtlasPrivateKey]},
		{secrets.RevalidateSecret, plan.sel.values[secrets.RevalidateSecret]}})
	imp := leakCall(s, "PreviewImportEnv", "ok", func() settings.ImportPreview { return a.PreviewImportEnv(sel) })
	leakMustOK(t, "the first .env preview", imp)
	leakMustOK(t, "the first .env import", leakCall(s, "ApplyImport", "ok", func() any { return a.ApplyImport(sel, imp.Token) }))
	rec.OpenPath = writeLeakEnv(t, inputs, "bad.env", nil)
	leakWriteRaw(t, rec.OpenPath, "PUSHER_SECRET=\"unterminated "+plan.refused["malformed .env"]+"\nDATABASE_URL='"+plan.refused["malformed .env"]+"\n")
	leakCall(s, "PreviewImportEnvNew", "fail", func() any {
		return a.PreviewImportEnvNew(profile.Profile{Name: "الأولى", Kind: profile.KindDevelopment})
	})
	// The first run's import: a preview over the draft, then its apply creates the profile (deleted again at
	// once: the plan has three profiles).
	rec.OpenPath = writeLeakEnv(t, inputs, "first.env", [][2]string{{secrets.PusherSecret, plan.other.values[secrets.PusherSecret]}})
	pvNew := leakCall(s, "PreviewImportEnvNew", "ok", func() settings.ImportPreview {
		return a.PreviewImportEnvNew(profile.Profile{Name: "الأولى", Kind: profile.KindDevelopment})
	})
	leakMustOK(t, "PreviewImportEnvNew", pvNew)
	first := leakCall(s, "ApplyImport", "ok", func() settings.ImportResult { return a.ApplyImport("", pvNew.Token) })
	leakMustOK(t, "the first run's import", first)
	leakCall(s, "DeleteProfile", "ok", func() any { return a.DeleteProfile(first.Profile.ID, false) })
	leakCall(s, "ApplyImport", "fail", func() any { return a.ApplyImport("", pvNew.Token) }) // used once already
	leakCall(s, "PreviewImportEnvNew", "fail", func() any { return a.PreviewImportEnvNew(profile.Profile{Name: "no kind"}) })
	rec.OpenPath = ""
	leakCall(s, "PreviewImportEnvNew", "fail", func() any { return a.PreviewImportEnvNew(profile.Profile{Name: "p"}) }) // dialog closed
	rec.OpenPath = ""
	for _, lp := range []*leakProfile{plan.sel, plan.other, plan.deleted} {
		leakSetAll(s, a, lp)
	}
	// The success path needs the selected profile's values exactly as planted (the others may be refused
	// at the door, e.g. an unencoded DATABASE_URL: they are searched for all the same).
	for n, v := range plan.sel.values {
		if got, err := kc.Get(context.Background(), sel, n); err != nil || got != v {
			t.Fatalf("%s of the selected profile is not stored as planted (%v)", n, err)
		}
	}
	leakEditors(s, a, rec, inputs, plan, sel, other, del)
	leakCall(s, "SetSecret", "fail", func() any { return a.SetSecret(sel, secrets.PusherSecret, plan.refused["too big"]) })
	leakCall(s, "SetSecret", "fail", func() any { return a.SetSecret(sel, "NOT_A_SECRET_NAME", plan.refused["bad name"]) })
	leakCall(s, "SetSecret", "fail", func() any {
		return a.SetSecret(sel, secrets.RevalidateSecret, plan.refused["REVALIDATE_SECRET not ASCII"])
	})
	leakCall(s, "SetSecret", "fail", func() any {
		return a.SetSecret("no-such-profile", secrets.PusherSecret, plan.refused["unknown profile"])
	})
	leakCall(s, "SecretStatus", "ok", func() any { return a.SecretStatus(sel) })
	leakCall(s, "SecretStatus", "fail", func() any { return a.SecretStatus("no-such-profile") })
	leakCall(s, "Readiness", "ok", func() any { return a.Readiness(sel) })
	leakCall(s, "Readiness", "fail", func() any { return a.Readiness("no-such-profile") })
	leakCall(s, "NewProfile", "ok", func() any { return a.NewProfile() })
	leakCall(s, "ClearSecret", "fail", func() any { return a.ClearSecret(sel, "NOT_A_SECRET_NAME") })
	leakCall(s, "ConfirmSecretOrigin", "ok", func() any { return a.ConfirmSecretOrigin(sel) })
	leakCall(s, "ConfirmSecretOrigin", "fail", func() any { return a.ConfirmSecretOrigin("no-such-profile") })
	// The release notice holds no secret; called so a future field that echoes one is searched too.
	leakCall(s, "UpdateSettings", "ok", func() any { return a.UpdateSettings() })
	leakCall(s, "SaveUpdateSettings", "fail", func() any {
		return a.SaveUpdateSettings(update.Settings{Enabled: true, FeedURL: "ftp://" + plan.refused["bad name"]})
	})
	leakCall(s, "SaveUpdateSettings", "ok", func() any { return a.SaveUpdateSettings(update.Settings{}) })
	leakCall(s, "CheckForUpdate", "ok", func() any { return a.CheckForUpdate() }) // off: DISABLED, no request
	leakCall(s, "CheckForUpdate", "fail", func() any {
		_ = a.SaveUpdateSettings(update.Settings{Enabled: true, FeedURL: "http://127.0.0.1:1/feed"})
		defer a.SaveUpdateSettings(update.Settings{})
		return a.CheckForUpdate()
	})

	// The language and the theme hold no secret either; a refused one is echoed nowhere.
	leakCall(s, "Language", "ok", func() any { return a.Language() })
	leakCall(s, "SetLanguage", "fail", func() any { return a.SetLanguage(plan.refused["bad name"]) })
	leakCall(s, "SetLanguage", "ok", func() any { return a.SetLanguage("en") })
	leakCall(s, "SetLanguage", "ok", func() any { return a.SetLanguage("ar") })
	leakCall(s, "Theme", "ok", func() any { return a.Theme() })
	leakCall(s, "SetTheme", "fail", func() any { return a.SetTheme(plan.refused["bad name"]) })
	leakCall(s, "SetTheme", "ok", func() any { return a.SetTheme("dark") })
	leakCall(s, "SetTheme", "ok", func() any { return a.SetTheme("system") })

	// Every check on the three profiles: the selected one's must really pass on the peers.
	for _, lp := range []*leakProfile{plan.sel, plan.other, plan.deleted} {
		path := leakPathOf(lp == plan.sel)
		db := leakCall(s, "CheckDatabase", path, func() any { return a.CheckDatabase(lp.id) })
		fk.atlasAccept.Store(lp == plan.sel)
		atl := leakCall(s, "CheckAtlas", path, func() any { return a.CheckAtlas(lp.id) })
		fk.atlasAccept.Store(false)
		leakCall(s, "PusherPresence", "ok", func() any { return a.PusherPresence(lp.id) })
		creds := leakCall(s, "ValidatePusher", path, func() any { return a.ValidatePusher(lp.id) })
		leakCall(s, "PusherLiveTest", path, func() any { return a.PusherLiveTest(lp.id) })
		site := leakCall(s, "TestSiteConnection", path, func() any { return a.TestSiteConnection(lp.id) })
		// After the dry run, so the echo site has a secret to put in its pages' headers and body.
		pages := leakCall(s, "CheckPages", path, func() any { return a.CheckPages(lp.id) })
		if r, ok := pages.(storefront.Result); lp == plan.other && (!ok || len(r.Pages) != 2 || len(r.Pages[1].Redirects) != 1 ||
			r.Pages[1].Redirects[0].Location != fk.echoSite+"/landing" || r.Pages[0].Code != "PAGE_TEXT_MISSING") {
			t.Fatalf("the echo site's pages were not fetched as planned: %+v", pages)
		}
		if lp == plan.sel {
			leakMustOK(t, "the storefront pages on the fixture site", pages)
			leakMustOK(t, "the database check with the hostile percent-encoded password on FerretDB", db)
			leakMustOK(t, "the Pusher credentials (a hostile secret at the keychain's cap) on soketi", creds)
			leakMustOK(t, "the Atlas lookup with hostile keys (fake Atlas)", atl)
			leakMustOK(t, "the site dry run with the hostile REVALIDATE_SECRET", site)
		}
	}
	runIDs := map[string]string{}
	leakRevalidations(s, a, plan, wait, runIDs)
	for _, lp := range []*leakProfile{plan.sel, plan.other} {
		leakCall(s, "RevalidationStatus", leakPathOf(lp == plan.sel), func() any { return a.RevalidationStatus(lp.id) })
		leakCall(s, "RevalidationHistory", leakPathOf(lp == plan.sel), func() any { return a.RevalidationHistory(lp.id) })
		leakCall(s, "CancelRevalidation", leakPathOf(lp == plan.sel), func() any { return a.CancelRevalidation(lp.id) })
		leakCall(s, "LastResults", leakPathOf(lp == plan.sel), func() any { return a.LastResults(lp.id) })
	}
	leakDiagnostics(s, a, rec, inputs, sel, "diagnostics.json", "ok")
	checkBundleFields(t, readBundle(t, filepath.Join(inputs, "diagnostics.json")), "المختار")
	leakDiagnostics(s, a, rec, inputs, other, "diagnostics-other.json", "ok")
	leakWatch(s, a, rec, inputs, sel, other)

	// The deleted profile: its secrets were read by every check above; now it goes, and every call on it fails.
	leakCall(s, "DeleteProfile", "ok", func() any { return a.DeleteProfile(del, false) })
	leakAfterDelete(s, a, del)
	leakDiagnostics(s, a, rec, inputs, del, "diagnostics-deleted.json", "fail")

	// The selected profile stops verifying pages (each refused run would poll them for 5 s).
	for _, p := range a.ListProfiles().Profiles {
		if p.ID == sel {
			p.Features.VerifyPaths = false
			leakCall(s, "SaveProfile", "ok", func() any { return a.SaveProfile(p) })
		}
	}
	// Later wrong values on the selected profile (percent-encoded, then unencoded) and an unencoded URI on
	// the non-selected one: failure paths whose messages may echo what was sent.
	for _, w := range plan.wrong {
		w.id = sel
		leakSetAll(s, a, w)
		leakChecksFail(s, a, sel)
		wait()
		leakCall(s, "RevalidateTags", "fail", func() any { return a.RevalidateTags(sel, []string{"products"}) })
	}
	leakCall(s, "SetSecret", "ok", func() any { return a.SetSecret(other, secrets.DatabaseURL, plan.wrong[1].values[secrets.DatabaseURL]) })
	leakCall(s, "CheckDatabase", "fail", func() any { return a.CheckDatabase(other) })
	leakCall(s, "ClearSecret", "ok", func() any { return a.ClearSecret(sel, secrets.AtlasPrivateKey) })
	leakDiagnostics(s, a, rec, inputs, sel, "diagnostics-wrong.json", "ok")
	rec.SavePath = ""
	leakCall(s, "SaveDiagnostics", "fail", func() any { return a.SaveDiagnostics(sel) }) // dialog closed

	// A locked keychain: diagnostics must refuse (nothing saved, nothing copied), checks say so.
	kc.FailWith(func(op string) error {
		if op == "get" || op == "status" {
			return secrets.ErrLocked
		}
		return nil
	})
	clip := rec.Clipboard
	leakDiagnostics(s, a, rec, inputs, sel, "diagnostics-locked.json", "fail")
	if _, err := os.Stat(filepath.Join(inputs, "diagnostics-locked.json")); err == nil || rec.Clipboard != clip {
		t.Errorf("with the keychain locked, diagnostics was still saved or copied: redaction must fail closed (saved: %v, copied: %v)",
			err == nil, rec.Clipboard != clip)
	}
	leakChecksFail(s, a, sel)
	kc.FailWith(nil)
	win := &windowRecorder{}
	a.win = win
	leakCall(s, "Quit", "ok", func() any { a.Quit(); return win.calls })
	a.shutdown(context.Background())
	s.collect("shutdown")

	// A restart whose first keychain read fails: the log must still redact what later checks read, for the
	// non-selected profile too.
	kc.FailWith(func(op string) error {
		if op == "get" {
			return secrets.ErrLocked
		}
		return nil
	})
	rec2 := &platform.Recorder{}
	s.rec, s.evN, s.clip = rec2, 0, ""
	b := newLeakApp(t, rec2, kc)
	b.atlas.BaseURL = fk.atlasURL
	time.Sleep(300 * time.Millisecond) // the start-up redactor refresh runs (and fails) off the start path
	kc.FailWith(nil)
	s.collect("restart")
	leakChecksFail(s, b, other)
	leakCall(s, "CheckDatabase", "fail", func() any { return b.CheckDatabase(sel) })
	// A package logging a peer's raw answer (the second line of defence): the values the checks above read
	// of the non-selected profile, in every form issue 10 names, through the app's logger and slog's default.
	var echo []string
	// All four are read by the checks above (the Atlas lookup needs both keys); a consumer that registers
	// what it uses (the revalidation and Pusher clients do) must not be the only reason they are redacted.
	for _, n := range []string{secrets.PusherSecret, secrets.RevalidateSecret, secrets.AtlasPublicKey, secrets.AtlasPrivateKey} {
		for _, f := range leakPoint1 {
			echo = append(echo, leakFormOf(f)(plan.other.values[n]))
		}
	}
	b.log.Error("peer answer", "body", strings.Join(echo[:len(echo)/2], " | "))
	slog.Warn("peer answer", slog.Group("req", slog.String("body", strings.Join(echo[len(echo)/2:], " | ")),
		slog.String("auth", "Bearer "+plan.other.values[secrets.RevalidateSecret])))
	s.collect("a peer's raw answer logged after the restart")
	leakDiagnostics(s, b, rec2, inputs, other, "diagnostics-restart.json", "ok")
	b.shutdown(context.Background())
}

func leakPathOf(ok bool) string {
	if ok {
		return "ok"
	}
	return "fail"
}

// mustOK fails the sweep when a success path did not succeed (it would not have exercised the peer).
func leakMustOK(t *testing.T, what string, v any) {
	t.Helper()
	if f := reflect.ValueOf(v).FieldByName("OK"); !f.IsValid() || !f.Bool() {
		t.Fatalf("%s did not pass, so the success path was not exercised: %+v", what, v)
	}
}

func leakRunIDOf(v any) string {
	if f := reflect.ValueOf(v).FieldByName("RunID"); f.IsValid() {
		return f.String()
	}
	return ""
}

func leakWriteRaw(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func leakSetAll(s *leakSweep, a *App, lp *leakProfile) {
	for _, n := range secrets.Known {
		leakCall(s, "SetSecret", "ok", func() any { return a.SetSecret(lp.id, n, lp.values[n]) })
	}
}

// checksFail runs every check of a profile whose values the peers refuse.
func leakChecksFail(s *leakSweep, a *App, id string) {
	leakCall(s, "CheckDatabase", "fail", func() any { return a.CheckDatabase(id) })
	leakCall(s, "CheckAtlas", "fail", func() any { return a.CheckAtlas(id) })
	leakCall(s, "PusherPresence", "fail", func() any { return a.PusherPresence(id) })
	leakCall(s, "ValidatePusher", "fail", func() any { return a.ValidatePusher(id) })
	leakCall(s, "PusherLiveTest", "fail", func() any { return a.PusherLiveTest(id) })
	leakCall(s, "TestSiteConnection", "fail", func() any { return a.TestSiteConnection(id) })
	leakCall(s, "CheckPages", "fail", func() any { return a.CheckPages(id) })
}

// revalidations runs each revalidation method on the three profiles, one cooldown apart.
func leakRevalidations(s *leakSweep, a *App, plan *leakPlan, wait func(), runIDs map[string]string) {
	profiles := []*leakProfile{plan.sel, plan.other, plan.deleted}
	for _, lp := range profiles {
		r := leakCall(s, "RevalidateTags", leakPathOf(lp == plan.sel), func() any { return a.RevalidateTags(lp.id, []string{"products", "company"}) })
		runIDs[lp.id] = leakRunIDOf(r)
	}
	wait()
	for _, lp := range profiles {
		leakCall(s, "RevalidatePaths", leakPathOf(lp == plan.sel), func() any { return a.RevalidatePaths(lp.id, []string{"/", "/dashboard"}) })
	}
	wait()
	for _, lp := range profiles {
		leakCall(s, "FullRefresh", leakPathOf(lp == plan.sel), func() any { return a.FullRefresh(lp.id, true) })
	}
	leakCall(s, "FullRefresh", "fail", func() any { return a.FullRefresh(plan.deleted.id, false) }) // production: confirm first
	wait()
	for _, lp := range profiles {
		leakCall(s, "RetryFailedRevalidation", leakPathOf(lp == plan.sel), func() any { return a.RetryFailedRevalidation(lp.id, runIDs[lp.id]) })
	}
	wait()
}

func leakAfterDelete(s *leakSweep, a *App, del string) {
	leakChecksFail(s, a, del)
	leakCall(s, "RevalidateTags", "fail", func() any { return a.RevalidateTags(del, []string{"products"}) })
	leakCall(s, "RevalidatePaths", "fail", func() any { return a.RevalidatePaths(del, []string{"/"}) })
	leakCall(s, "RetryFailedRevalidation", "fail", func() any { return a.RetryFailedRevalidation(del, "no-such-run") })
	leakCall(s, "RevalidationStatus", "fail", func() any { return a.RevalidationStatus(del) })
	leakCall(s, "RevalidationHistory", "fail", func() any { return a.RevalidationHistory(del) })
	leakCall(s, "CancelRevalidation", "fail", func() any { return a.CancelRevalidation(del) })
	leakCall(s, "LastResults", "fail", func() any { return a.LastResults(del) })
	leakCall(s, "SecretStatus", "fail", func() any { return a.SecretStatus(del) })
	leakCall(s, "SetSecret", "fail", func() any { return a.SetSecret(del, secrets.PusherSecret, "x-after-delete-x") })
	leakCall(s, "SelectProfile", "fail", func() any { return a.SelectProfile(del) })
	leakCall(s, "DeleteProfile", "fail", func() any { return a.DeleteProfile(del, true) })
	leakCall(s, "WatchSettings", "fail", func() any { return a.WatchSettings(del) })
	leakCall(s, "CardHistory", "fail", func() any { return a.CardHistory(del, history.KindDatabase) })
	leakCall(s, "ExportHistory", "fail", func() any { return a.ExportHistory(del, history.KindDatabase, samples.FormatJSON) })
}

// leakWatch watches the selected profile's database and Pusher credentials (the scheduler's samples join
// the manual ones of the checks above in history.db and its WAL, which the sweep searches), reads every
// card's history and exports the selected and the non-selected profile's (whose samples hold what the
// echo site sent back, scrubbed) to files the sweep searches.
func leakWatch(s *leakSweep, a *App, rec *platform.Recorder, dir, sel, other string) {
	st := watch.Defaults()
	for i := range st.Checks {
		st.Checks[i].Enabled = st.Checks[i].Check == history.KindDatabase || st.Checks[i].Check == history.KindPusherCreds
		st.Checks[i].IntervalSec = watch.MinIntervalSec
	}
	leakCall(s, "WatchSettings", "ok", func() any { return a.WatchSettings(sel) })
	leakCall(s, "WatchSettings", "fail", func() any { return a.WatchSettings("no-such-profile") })
	leakCall(s, "SetWatch", "ok", func() any { return a.SetWatch(sel, st) })
	bad := st
	bad.FailuresToDown = watch.MaxFailuresDown + 1
	leakCall(s, "SetWatch", "fail", func() any { return a.SetWatch(sel, bad) })
	from, to := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339), time.Now().Add(time.Minute).UTC().Format(time.RFC3339)
	for _, id := range []string{sel, other} {
		for _, c := range watch.Checks {
			leakCall(s, "CardHistory", "ok", func() any { return a.CardHistory(id, c.Check) })
			leakCall(s, "CheckHistory", "ok", func() any { return a.CheckHistory(id, c.Check, from, to) })
		}
		for _, f := range []string{samples.FormatCSV, samples.FormatJSON} {
			rec.SavePath = filepath.Join(dir, "history-"+id+"."+f)
			s.extra = append(s.extra, rec.SavePath)
			leakCall(s, "ExportHistory", "ok", func() any { return a.ExportHistory(id, history.KindPusherCreds, f) })
		}
	}
	leakCall(s, "CardHistory", "fail", func() any { return a.CardHistory(sel, "no-such-check") })
	leakCall(s, "CheckHistory", "fail", func() any { return a.CheckHistory(sel, history.KindDatabase, to, from) })
	leakCall(s, "ExportHistory", "fail", func() any { return a.ExportHistory(sel, history.KindDatabase, "xlsx") })
}

// diagnostics previews, saves (through the dialog seam, to a file the sweep then searches) and copies.
func leakDiagnostics(s *leakSweep, a *App, rec *platform.Recorder, dir, id, file, path string) {
	rec.SavePath = filepath.Join(dir, file)
	s.extra = append(s.extra, rec.SavePath)
	leakCall(s, "PreviewDiagnostics", path, func() any { return a.PreviewDiagnostics(id) })
	leakCall(s, "SaveDiagnostics", path, func() any { return a.SaveDiagnostics(id) })
	leakCall(s, "CopyDiagnostics", path, func() any { return a.CopyDiagnostics(id) })
}
