package settings

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"siyana/backend/envimport"
	"siyana/backend/secrets"
)

func TestPreviewThenApply(t *testing.T) {
	s, _ := newService(t)
	p := mustCreate(t, s, "p")
	if o := s.SetSecret(bg, p.ID, secrets.PusherSecret, "CANARY-pusher"); !o.OK { // the file's value: unchanged
		t.Fatal(o)
	}
	if o := s.SetSecret(bg, p.ID, secrets.AtlasPublicKey, "CANARY-old-pub"); !o.OK { // a different one: changed
		t.Fatal(o)
	}
	before, _ := s.profiles.Get(p.ID)
	pv := s.PreviewImportFile(bg, p.ID, writeEnv(t, siteEnv))
	if !pv.OK || pv.Token == "" {
		t.Fatalf("%+v", pv)
	}
	status := map[string]ImportChange{}
	for _, c := range pv.Changes {
		status[c.Name] = c
	}
	want := map[string]string{"DATABASE_URL": ChangeNew, "PUSHER_SECRET": ChangeUnchanged, "ATLAS_PUBLIC_KEY": ChangeChanged,
		"PUSHER_CLUSTER": ChangeNew, "NEXT_PUBLIC_SITE_URL": ChangeChanged, "AUTH_SECRET": ChangeIgnored}
	for n, st := range want {
		if status[n].Status != st {
			t.Errorf("%s: %q, want %q", n, status[n].Status, st)
		}
	}
	if c := status["NEXT_PUBLIC_SITE_URL"]; c.New != "https://new.example.com" || c.Old == "" || c.Secret {
		t.Errorf("site url change %+v", c)
	}
	// Nothing of a secret is in the preview (names only) and nothing was written.
	b, _ := json.Marshal(pv)
	if strings.Contains(string(b), "CANARY") {
		t.Fatalf("the preview carries a value: %s", b)
	}
	if now, _ := s.profiles.Get(p.ID); !reflect.DeepEqual(now, before) {
		t.Fatal("a preview changed the profile")
	}
	if v, _ := s.SecretValue(bg, p.ID, secrets.AtlasPublicKey); v != "CANARY-old-pub" {
		t.Fatal("a preview wrote a secret")
	}
	// A token of another profile applies nothing; the right one applies exactly the plan, once.
	other := mustCreate(t, s, "other")
	if r := s.ApplyImport(bg, other.ID, pv.Token); r.OK || r.Code != CodeImportExpired {
		t.Fatalf("%+v", r)
	}
	pv = s.PreviewImportFile(bg, p.ID, writeEnv(t, siteEnv))
	r := s.ApplyImport(bg, p.ID, pv.Token)
	if !r.OK || r.Profile.SiteURL != "https://new.example.com" {
		t.Fatalf("%+v", r)
	}
	if v, _ := s.SecretValue(bg, p.ID, secrets.AtlasPublicKey); v != "CANARY-pub" {
		t.Fatal("apply did not write the secret")
	}
	if r := s.ApplyImport(bg, p.ID, pv.Token); r.Code != CodeImportExpired {
		t.Fatalf("a token applied twice: %+v", r)
	}
}

func TestCancelledExpiredOrStalePreviewChangesNothing(t *testing.T) {
	s, _ := newService(t)
	p := mustCreate(t, s, "p")
	before, _ := s.profiles.Get(p.ID)
	file := writeEnv(t, siteEnv)

	pv := s.PreviewImportFile(bg, p.ID, file)
	if o := s.CancelImport(pv.Token); !o.OK {
		t.Fatal(o)
	}
	if r := s.ApplyImport(bg, p.ID, pv.Token); r.Code != CodeImportExpired {
		t.Fatalf("cancelled: %+v", r)
	}

	now := time.Now()
	s.previews.now = func() time.Time { return now }
	pv = s.PreviewImportFile(bg, p.ID, file)
	now = now.Add(PreviewTTL + time.Second)
	if r := s.ApplyImport(bg, p.ID, pv.Token); r.Code != CodeImportExpired {
		t.Fatalf("expired: %+v", r)
	}
	s.previews.now = nil

	pv = s.PreviewImportFile(bg, p.ID, file)
	edited := before
	edited.Name = "renamed meanwhile"
	if r := s.SaveProfile(bg, edited); !r.OK {
		t.Fatal(r)
	}
	if r := s.ApplyImport(bg, p.ID, pv.Token); r.Code != CodeImportExpired {
		t.Fatalf("stale: %+v", r)
	}
	if names, _ := s.SecretStatus(bg, p.ID), 0; names.Saved[secrets.DatabaseURL] {
		t.Fatal("a refused apply wrote a secret")
	}
}

func TestPreviewNamesTheLineAndTheLimit(t *testing.T) {
	s, _ := newService(t)
	p := mustCreate(t, s, "p")
	pv := s.PreviewImportFile(bg, p.ID, writeEnv(t, "PUSHER_KEY=a\n# note\nPUSHER_SECRET=\"CANARY-open\nPUSHER_CLUSTER=eu\n"))
	if pv.OK || pv.Code != envimport.CodeMalformed || pv.Params["line"] != "3" || pv.Token != "" {
		t.Fatalf("%+v", pv)
	}
	if b, _ := json.Marshal(pv); strings.Contains(string(b), "CANARY") {
		t.Fatalf("the error echoes the line: %s", b)
	}
	pv = s.PreviewImportText(bg, p.ID, []byte(strings.Repeat("#", envimport.MaxFileBytes+1)))
	if pv.Code != envimport.CodeTooBig || pv.Params["limit"] != "256 KB" {
		t.Fatalf("%+v", pv)
	}
	pv = s.PreviewImportText(bg, p.ID, []byte("PUSHER_APP_ID=abc\nPUSHER_CLUSTER=eu\n"))
	if pv.Code != CodeInvalidInput || pv.FieldErrors["PUSHER_APP_ID"].Code != "pusherAppId" {
		t.Fatalf("%+v", pv)
	}
}
