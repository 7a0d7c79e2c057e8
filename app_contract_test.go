package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"siyana/backend/check"
	"siyana/backend/history"
	"siyana/backend/i18n"
	"siyana/backend/platform"
	"siyana/backend/profile"
	"siyana/backend/secrets"
	"siyana/backend/theme"
	"siyana/backend/watch"
)

// profileCalls calls every bound method that names a profile, with that id and otherwise valid input, and
// returns each answer's code by method name.
func profileCalls(a *App, id string) map[string]string {
	code := func(v any) string { return reflect.ValueOf(v).FieldByName("Code").String() }
	return map[string]string{
		"SelectProfile":           code(a.SelectProfile(id)),
		"DeleteProfile":           code(a.DeleteProfile(id, true)),
		"SetSecret":               code(a.SetSecret(id, secrets.PusherSecret, "a-valid-secret-value")),
		"ClearSecret":             code(a.ClearSecret(id, secrets.PusherSecret)),
		"ConfirmSecretOrigin":     code(a.ConfirmSecretOrigin(id)),
		"SecretStatus":            code(a.SecretStatus(id)),
		"Readiness":               code(a.Readiness(id)),
		"PreviewImportEnv":        code(a.PreviewImportEnv(id)),
		"ApplyImport":             code(a.ApplyImport(id, "no-such-token")),
		"DatabaseURLParts":        code(a.DatabaseURLParts(id)),
		"SetDatabaseUser":         code(a.SetDatabaseUser(id, "a-user")),
		"SetDatabasePassword":     code(a.SetDatabasePassword(id, "a-password")),
		"CheckDatabase":           code(a.CheckDatabase(id)),
		"CheckAtlas":              code(a.CheckAtlas(id)),
		"PusherPresence":          code(a.PusherPresence(id)),
		"ValidatePusher":          code(a.ValidatePusher(id)),
		"PusherLiveTest":          code(a.PusherLiveTest(id)),
		"RevalidateTags":          code(a.RevalidateTags(id, []string{"products"})),
		"RevalidatePaths":         code(a.RevalidatePaths(id, []string{"/"})),
		"FullRefresh":             code(a.FullRefresh(id, true)),
		"TestSiteConnection":      code(a.TestSiteConnection(id)),
		"CheckPages":              code(a.CheckPages(id)),
		"RetryFailedRevalidation": code(a.RetryFailedRevalidation(id, "run-1")),
		"RevalidationHistory":     code(a.RevalidationHistory(id)),
		"PreviewDiagnostics":      code(a.PreviewDiagnostics(id)),
		"SaveDiagnostics":         code(a.SaveDiagnostics(id)),
		"CopyDiagnostics":         code(a.CopyDiagnostics(id)),
		"WatchSettings":           code(a.WatchSettings(id)),
		"SetWatch":                code(a.SetWatch(id, watch.Defaults())),
		"CardHistory":             code(a.CardHistory(id, history.KindDatabase)),
		"CheckHistory":            code(a.CheckHistory(id, history.KindDatabase, "2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z")),
		"ExportHistory":           code(a.ExportHistory(id, history.KindDatabase, "csv")),
	}
}

// Bound methods that take a profile id but have no "not found" answer, and why.
var noProfileAnswer = map[string]string{
	"CancelRevalidation": "a bool: nothing running for an unknown profile is false",
	"RevalidationStatus": "a status, no code: an unknown profile is simply not running",
	"LastResults":        "a map: an unknown profile has no results (empty map)",
}

// checkCoverage fails when a bound method whose first parameter is a string (a profile id) is neither in
// profileCalls nor in noProfileAnswer: a new method must say how it answers an unknown profile.
func checkCoverage(t *testing.T, calls map[string]string) {
	t.Helper()
	// first parameter: tags, a language, a theme, a preview token
	notProfile := map[string]bool{"ValidateRevalidation": true, "SetLanguage": true, "SetTheme": true, "CancelImport": true}
	typ := reflect.TypeOf(&App{})
	for i := 0; i < typ.NumMethod(); i++ {
		m := typ.Method(i)
		if m.Type.NumIn() < 2 || m.Type.In(1).Kind() != reflect.String || notProfile[m.Name] {
			continue
		}
		if _, ok := calls[m.Name]; !ok && noProfileAnswer[m.Name] == "" {
			t.Errorf("bound method %s takes a profile id: add it to profileCalls or noProfileAnswer", m.Name)
		}
	}
}

// "Profile not found" is one code from every bound method (it was three codes and three sentences), and
// nothing is written for the unknown profile.
func TestDriftProfileNotFoundIsOneCode(t *testing.T) {
	a, rec, _ := initApp(t)
	rec.OpenPath = "" // the .env dialog must not even open for an unknown profile
	calls := profileCalls(a, "no-such-profile")
	checkCoverage(t, calls)
	for name, code := range calls {
		if code != check.CodeProfileNotFound {
			t.Errorf("%s: code %q, want %s", name, code, check.CodeProfileNotFound)
		}
	}
	if got := a.LastResults("no-such-profile"); got != (LastResults{}) {
		t.Errorf("LastResults of an unknown profile: %v", got)
	}
}

// When the config dir cannot be opened every service still exists (no nil, no panic) and every bound method
// that needs the store answers the one STORE_UNAVAILABLE code; nothing is written anywhere.
func TestStoreUnavailableIsOneCodeAndNoServiceIsNil(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(blocker, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv(profile.ConfigDirEnv, filepath.Join(blocker, "siyana"))
	t.Chdir(t.TempDir()) // a service that fell back to a relative path would write here
	a := NewApp()
	a.init(context.Background(), &platform.Recorder{}, secrets.NewMemory())
	if a.initErr == nil {
		t.Fatal("the config dir under a file opened")
	}
	for _, v := range []reflect.Value{reflect.ValueOf(a).Elem(), reflect.ValueOf(a.w()).Elem()} { // the watch side once open
		for i := 0; i < v.NumField(); i++ {
			if f := v.Field(i); f.Kind() == reflect.Pointer && f.IsNil() {
				t.Errorf("service %s is nil", v.Type().Field(i).Name)
			}
		}
	}
	calls := profileCalls(a, "any-profile")
	checkCoverage(t, calls)
	for name, code := range calls {
		if code != check.CodeStoreUnavailable {
			t.Errorf("%s: code %q, want %s", name, code, check.CodeStoreUnavailable)
		}
	}
	if r := a.ListProfiles(); r.OK || r.Code != check.CodeStoreUnavailable || r.Profiles == nil {
		t.Errorf("ListProfiles: %+v", r)
	}
	if r := a.SaveProfile(profile.Profile{Name: "n", Kind: profile.KindStaging}); r.Code != check.CodeStoreUnavailable {
		t.Errorf("SaveProfile: %+v", r)
	}
	if r := a.SaveUpdateSettings(a.UpdateSettings().Settings); r.OK {
		t.Errorf("SaveUpdateSettings without a config dir: %+v", r)
	}
	if r := a.SetLanguage("en"); r.OK || r.Language != "ar" {
		t.Errorf("SetLanguage without a config dir: %+v", r)
	}
	if r := a.SetTheme("dark"); r.OK || r.Code != i18n.CodeStoreFailed || r.Theme != theme.System {
		t.Errorf("SetTheme without a config dir: %+v", r)
	}
	_ = a.CheckForUpdate()
	_ = a.RevalidationStatus("any-profile")
	_ = a.CancelRevalidation("any-profile")
	a.shutdown(context.Background())
	if left, _ := os.ReadDir("."); len(left) != 0 {
		t.Errorf("wrote %d entries into the working directory (first %s)", len(left), left[0].Name())
	}
}

// A new profile's kind comes from Go and is empty: the admin must choose (the UI preset production).
func TestDriftNewProfileKindIsEmpty(t *testing.T) {
	a, _, _ := initApp(t)
	p := a.NewProfile()
	if p.Kind != "" || p.ID != "" {
		t.Fatalf("new profile: kind %q id %q, want both empty", p.Kind, p.ID)
	}
	if len(p.Revalidation.Tags) == 0 || p.Revalidation.CooldownSeconds == 0 || p.Actor == "" {
		t.Fatalf("new profile lacks Go's defaults: %+v", p)
	}
	if b, _ := json.Marshal(p); bytes.Contains(b, []byte("null")) {
		t.Fatalf("the preset has a null the form cannot read: %s", b)
	}
	if r := a.SaveProfile(p); r.OK || r.FieldErrors["kind"].Code == "" {
		t.Fatalf("saving a new profile without a kind must ask for it: %+v", r)
	}
}
