package main

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"siyana/backend/applog"
	"siyana/backend/i18n"
	"siyana/backend/profile"
	"siyana/backend/redact"
	"siyana/backend/revalidate"
	"siyana/backend/secrets"
)

// Hostile values: JSON-escaping characters, so a raw match of the log line or history would miss them.
const (
	lockedSelected = `sel"ected\secret<&>-0123456789`
	lockedOther    = `oth"er\pusher<&>-9876543210`
	lockedDBPass   = `db"pass\word<&>-5555555555`
)

// escapedForms are the ways the values sit in the JSON files: raw, JSON-escaped once (history, a log
// attribute) and twice (a result logged as a JSON string), with and without HTML escaping, and the tail.
func escapedForms(v string) []string {
	once, _ := json.Marshal(v)
	twice, _ := json.Marshal(string(once))
	return []string{v, string(once[1 : len(once)-1]), string(twice[3 : len(twice)-3]),
		strings.ReplaceAll(strings.ReplaceAll(v, `\`, `\\`), `"`, `\"`), v[len(v)-10:]}
}

// configFiles returns every file under the config dir, by path.
func configFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	_ = filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(path)
			out[path] = string(b)
		}
		return nil
	})
	return out
}

// echoSite is a site whose route echoes what it got: the Authorization header and, JSON-escaped, a value it
// should never have seen (here: another profile's Pusher secret).
func echoSite(t *testing.T, also string) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusInternalServerError)
		_ = json.NewEncoder(w).Encode(map[string]any{"ok": false, "error": "got " + r.Header.Get("Authorization") + " and " + also})
	}))
	t.Cleanup(srv.Close)
	return srv
}

// A locked keychain: diagnostics refuses (a KEYCHAIN_* code, no file, no clipboard); the log, history and
// operation log still redact every value read before the lock, of the selected and of another profile.
func TestLockedKeychainDiagnosticsRefusesAndLogStillRedacts(t *testing.T) {
	a, rec, kc := initApp(t)
	ctx := context.Background()
	site := echoSite(t, lockedOther)
	sel := a.SaveProfile(profile.Profile{Name: "مختار", Kind: profile.KindDevelopment, SiteURL: site.URL})
	other := a.SaveProfile(profile.Profile{Name: "آخر", Kind: profile.KindDevelopment,
		Pusher: profile.Pusher{AppID: "1", Key: "k", Host: "127.0.0.1:1", PublicKey: "k"}})
	if !sel.OK || !other.OK {
		t.Fatalf("save: %+v %+v", sel, other)
	}
	if o := a.SelectProfile(sel.Profile.ID); !o.OK {
		t.Fatal(o)
	}
	// The site's secret is saved through Settings, which binds it to the site's origin (a secret put
	// straight into the keychain is bound to no origin, and the run would send nothing). The other
	// profile's were stored in an earlier session: straight into the keychain, so only a read can teach
	// the redactor.
	if o := a.SetSecret(sel.Profile.ID, secrets.RevalidateSecret, lockedSelected); !o.OK {
		t.Fatalf("set: %s %s", o.Code, o.Message)
	}
	if err := errors.Join(kc.Set(ctx, other.Profile.ID, secrets.PusherSecret, lockedOther),
		kc.Set(ctx, other.Profile.ID, secrets.DatabaseURL, "mongodb://u:"+url.QueryEscape(lockedDBPass)+"@127.0.0.1:1/db")); err != nil {
		t.Fatal(err)
	}
	// Checks of the non-selected profile read its secrets (the hosts refuse; the reads are the point). The
	// database check registers nothing itself: only the keychain wrapper can teach the redactor its URL.
	_ = a.ValidatePusher(other.Profile.ID)
	_ = a.CheckDatabase(other.Profile.ID)
	// The selected profile's revalidation: the site echoes its secret and the other profile's.
	if r := a.RevalidateTags(sel.Profile.ID, []string{"products"}); r.Code != revalidate.CodeSiteError {
		t.Fatalf("echo run: %s %s", r.Code, r.Message)
	}
	if r := a.PreviewDiagnostics(sel.Profile.ID); !r.OK {
		t.Fatalf("unlocked preview: %s %s", r.Code, r.Message)
	}

	kc.FailWith(func(op, _, _ string) error {
		if op == "get" || op == "status" {
			return secrets.ErrLocked
		}
		return nil
	})
	rec.SavePath = filepath.Join(t.TempDir(), "diagnostics.json")
	for name, call := range map[string]func(string) DiagnosticsResult{
		"preview": a.PreviewDiagnostics, "save": a.SaveDiagnostics, "copy": a.CopyDiagnostics,
	} {
		r := call(sel.Profile.ID)
		if r.OK || r.Code != secrets.ErrLocked.Code() || r.JSON != "" || r.Path != "" {
			t.Errorf("%s with a locked keychain: ok=%v code=%s json=%d bytes path=%q", name, r.OK, r.Code, len(r.JSON), r.Path)
		}
		// The card says why (diagnostics.why.secretsUnreadable) and the code's fix: unlock the keychain.
		if r.Params["reason"] != "secretsUnreadable" || !strings.Contains(i18n.T("ar", "code."+r.Code+".hint", nil), "افتح قفلها") {
			t.Errorf("%s: the result does not say to unlock: %+v", name, r)
		}
	}
	if _, err := os.Stat(rec.SavePath); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a diagnostics file was written: %v", err)
	}
	if rec.Clipboard != "" {
		t.Errorf("the clipboard was set (%d bytes)", len(rec.Clipboard))
	}

	// After the lock: the log still knows both values, in a message, an attribute and a result string.
	result, _ := json.Marshal(map[string]string{"detail": lockedSelected + " " + lockedOther + " " + lockedDBPass})
	a.log.Error("after the lock "+lockedOther, "detail", lockedSelected, "result", string(result), "db", lockedDBPass)
	a.shutdown(ctx)

	files := configFiles(t, a.configDir)
	for _, want := range []string{filepath.Join(applog.Dir, applog.File), "last-results.json", revalidate.LogFile} {
		if _, ok := files[filepath.Join(a.configDir, want)]; !ok {
			t.Errorf("%s was not written (have %v)", want, len(files))
		}
	}
	for path, text := range files {
		for _, v := range []string{lockedSelected, lockedOther, lockedDBPass} {
			for _, f := range escapedForms(v) {
				if strings.Contains(text, f) {
					t.Errorf("%s holds %q", filepath.Base(path), f)
				}
			}
		}
	}
	if log := files[filepath.Join(a.configDir, applog.Dir, applog.File)]; strings.Count(log, redact.Placeholder) < 3 {
		t.Errorf("log redacted too little:\n%s", log)
	}
}

// A DATABASE_URL whose password holds an unencoded '?' (admins paste passwords as they are): whatever the
// URI parser makes of it, no fragment of the password reaches the card, history, the log or diagnostics.
func TestPasswordFragmentNeverLeavesTheApp(t *testing.T) {
	a, rec, _ := initApp(t)
	p := a.SaveProfile(profile.Profile{Name: "frag", Kind: profile.KindDevelopment})
	if !p.OK {
		t.Fatal(p)
	}
	if o := a.SetSecret(p.Profile.ID, secrets.DatabaseURL, "mongodb://siteusr:ab?cd/efgh@127.0.0.1:1/shop"); !o.OK {
		t.Fatal(o)
	}
	res := a.CheckDatabase(p.Profile.ID)
	rec.SavePath = filepath.Join(t.TempDir(), "diagnostics.json")
	diag := a.SaveDiagnostics(p.Profile.ID)
	if !diag.OK {
		t.Fatalf("diagnostics: %s %s", diag.Code, diag.Message)
	}
	a.shutdown(context.Background())
	card, _ := json.Marshal(res)
	outputs := configFiles(t, a.configDir)
	outputs["card"] = string(card)
	outputs["diagnostics"] = diag.JSON
	for where, text := range outputs {
		for _, bad := range []string{"siteusr:a", ":ab", "ab?cd", "efgh"} {
			if strings.Contains(text, bad) {
				t.Errorf("%s holds %q", filepath.Base(where), bad)
			}
		}
	}
}
