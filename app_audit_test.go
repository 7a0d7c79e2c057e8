package main

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"siyana/backend/applog"
	"siyana/backend/profile"
	"siyana/backend/secrets"
)

// Every change the admin makes is in the log file: at INFO when it went through, at WARN when it was
// refused; secrets by name, never by value.
func TestAuditLogOfSettingsChanges(t *testing.T) {
	a, rec, _ := initApp(t)
	const canary = "cAnArY-audit-77f1"
	saved := a.SaveProfile(profile.Profile{Name: "متجر", Kind: profile.KindStaging})
	if !saved.OK {
		t.Fatalf("save: %+v", saved)
	}
	id := saved.Profile.ID
	a.SaveProfile(profile.Profile{Name: "no kind"}) // refused: kind required
	a.SetSecret(id, secrets.PusherSecret, canary)
	a.SetSecret(id, "NOT_A_SECRET", canary+"-bad")
	a.ClearSecret(id, secrets.PusherSecret)
	env := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(env, []byte("NEXT_PUBLIC_SITE_URL=https://shop.example.com\nREVALIDATE_SECRET="+canary+"-revalidate-0123456789abcdef\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	rec.OpenPath = env
	pv := a.PreviewImportEnvNew(profile.Profile{Name: "من ملف", Kind: profile.KindDevelopment})
	imported := a.ApplyImport("", pv.Token)
	if !imported.OK {
		t.Fatalf("import: %+v / %+v", pv, imported)
	}
	a.PreviewImportEnvNew(profile.Profile{Name: "no kind"}) // refused: kind required
	a.DeleteProfile(imported.Profile.ID, false)
	a.shutdown(context.Background())

	b, err := os.ReadFile(filepath.Join(a.configDir, applog.Dir, applog.File))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), canary) {
		t.Fatalf("a secret value reached the log:\n%s", b)
	}
	type line struct {
		Level, Msg, Code, Secret, Profile string
		Fields, Stored                    []string
	}
	var got []line
	sc := bufio.NewScanner(strings.NewReader(string(b)))
	for sc.Scan() {
		var l line
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("%v: %s", err, sc.Text())
		}
		if l.Msg != "started" {
			got = append(got, l)
		}
	}
	want := []line{
		{Level: "INFO", Msg: "profile saved", Code: "OK", Profile: id},
		{Level: "WARN", Msg: "profile saved", Code: "INVALID_INPUT", Fields: []string{"kind"}},
		{Level: "INFO", Msg: "secret saved", Code: "OK", Secret: secrets.PusherSecret, Profile: id},
		{Level: "WARN", Msg: "secret saved", Code: "SECRET_INVALID_NAME", Secret: "unknown", Profile: id, Fields: []string{"name"}},
		{Level: "INFO", Msg: "secret cleared", Code: "OK", Secret: secrets.PusherSecret, Profile: id},
		{Level: "INFO", Msg: "import previewed", Code: "OK"},
		{Level: "INFO", Msg: "import", Code: "OK", Profile: imported.Profile.ID, Stored: []string{secrets.RevalidateSecret}},
		{Level: "WARN", Msg: "import previewed", Code: "INVALID_INPUT", Fields: []string{"kind"}},
		{Level: "INFO", Msg: "profile deleted", Code: "OK", Profile: imported.Profile.ID},
	}
	if len(got) != len(want) {
		t.Fatalf("want %d records, got %d:\n%s", len(want), len(got), b)
	}
	for i, w := range want {
		g := got[i]
		if g.Level != w.Level || g.Msg != w.Msg || g.Code != w.Code || g.Secret != w.Secret || g.Profile != w.Profile ||
			strings.Join(g.Fields, ",") != strings.Join(w.Fields, ",") || strings.Join(g.Stored, ",") != strings.Join(w.Stored, ",") {
			t.Errorf("record %d: got %+v, want %+v", i, g, w)
		}
	}
}
