package settings

import (
	"encoding/json"
	"strings"
	"testing"

	"siyana/backend/envimport"
	"siyana/backend/profile"
	"siyana/backend/secrets"
)

// importNew is the first run's import: the preview over the draft, then, when it passed, its apply (which
// creates the profile). A refused preview answers as the import would: its code and field errors.
func importNew(t *testing.T, s *Service, draft profile.Profile, path string) ImportResult {
	t.Helper()
	pv := s.PreviewImportNewFile(bg, draft, path)
	if !pv.OK {
		if pv.Token != "" {
			t.Fatalf("a refused preview holds a token: %+v", pv)
		}
		return ImportResult{Code: pv.Code, Params: pv.Params, FieldErrors: pv.FieldErrors}
	}
	return s.ApplyImport(bg, "", pv.Token)
}

// The first run: nothing is saved yet, and the .env import creates the profile from the admin's draft.
func TestImportEnvNew(t *testing.T) {
	t.Run("creates the profile with fields and secrets", func(t *testing.T) {
		s, _ := newService(t)
		r := importNew(t, s, profile.Profile{Name: "المتجر", Kind: profile.KindStaging}, writeEnv(t, siteEnv))
		if !r.OK || r.Profile.ID == "" || r.Profile.Name != "المتجر" || r.Profile.Kind != profile.KindStaging ||
			r.Profile.SiteURL != "https://new.example.com" || len(r.Profile.SavedSecrets) != len(secrets.Known) {
			t.Fatalf("%+v", r)
		}
		if v, _ := s.SecretValue(bg, r.Profile.ID, secrets.DatabaseURL); v == "" {
			t.Fatal("DATABASE_URL not stored under the new profile")
		}
		if list := s.ListProfiles(bg); len(list.Profiles) != 1 {
			t.Fatalf("want one profile: %+v", list.Profiles)
		}
		// The secret is bound to the imported site's origin, as on an import into a saved profile.
		if got := r.Profile.RevalidateSecretOrigins; len(got) != 1 || got[0] != "https://new.example.com" {
			t.Fatalf("origins %v", got)
		}
	})

	refused := []struct {
		name  string
		draft profile.Profile
		env   string
		field string
	}{
		{"no kind: no default", profile.Profile{Name: "p"}, siteEnv, "kind"},
		{"no name", profile.Profile{Kind: profile.KindProduction}, siteEnv, "name"},
		{"bad value in the file", profile.Profile{Name: "p", Kind: profile.KindProduction}, siteEnv + "PUSHER_CLUSTER=eu_west\n", "PUSHER_CLUSTER"},
		{"an id is not the caller's to choose", profile.Profile{ID: "../../x", Name: "p"}, siteEnv, "kind"},
	}
	for _, sc := range refused {
		t.Run(sc.name, func(t *testing.T) {
			s, mem := newService(t)
			r := importNew(t, s, sc.draft, writeEnv(t, sc.env))
			if r.OK || r.Code != CodeInvalidInput || r.FieldErrors[sc.field].Code == "" {
				t.Fatalf("%+v", r)
			}
			// The sentence blames the form when only its fields are refused, the file when a value of it is.
			if want := map[bool]string{true: "importInvalid", false: "importFormInvalid"}[sc.field == "PUSHER_CLUSTER"]; r.Params["reason"] != want {
				t.Fatalf("reason %q, want %q", r.Params["reason"], want)
			}
			if n := len(s.ListProfiles(bg).Profiles); n != 0 || mem.Len() != 0 {
				t.Fatalf("a refused import changed something: %d profiles, %d secrets", n, mem.Len())
			}
		})
	}

	t.Run("malformed file creates nothing", func(t *testing.T) {
		s, mem := newService(t)
		r := importNew(t, s, profile.Profile{Name: "p", Kind: profile.KindProduction}, writeEnv(t, "DATABASE_URL=\"CANARY-x\n"))
		if r.OK || r.Code != "ENV_MALFORMED" || len(s.ListProfiles(bg).Profiles) != 0 || mem.Len() != 0 {
			t.Fatalf("%+v", r)
		}
	})

	t.Run("locked keychain: nothing created", func(t *testing.T) {
		s, mem := newService(t)
		mem.FailWith(func(op, _, _ string) error {
			if op == "status" {
				return secrets.ErrLocked
			}
			return nil
		})
		r := importNew(t, s, profile.Profile{Name: "p", Kind: profile.KindProduction}, writeEnv(t, siteEnv))
		if r.OK || r.Code != secrets.CodeLocked || len(s.ListProfiles(bg).Profiles) != 0 {
			t.Fatalf("%+v", r)
		}
	})

	t.Run("first secret write fails: the new profile goes again", func(t *testing.T) {
		s, mem := newService(t)
		mem.FailWith(func(op, _, _ string) error {
			if op == "set" {
				return secrets.ErrLocked
			}
			return nil
		})
		r := importNew(t, s, profile.Profile{Name: "p", Kind: profile.KindProduction}, writeEnv(t, siteEnv))
		if r.OK || len(s.ListProfiles(bg).Profiles) != 0 {
			t.Fatalf("%+v / %+v", r, s.ListProfiles(bg).Profiles)
		}
	})
}

// The first run's preview: what the file sets over the draft, secrets by name only, nothing written; its
// token creates the profile once, and only through ApplyImport with no profile ID.
func TestPreviewImportNew(t *testing.T) {
	s, mem := newService(t)
	draft := profile.Profile{Name: "المتجر", Kind: profile.KindStaging}
	pv := s.PreviewImportNewText(bg, draft, []byte(siteEnv))
	if !pv.OK || pv.Token == "" {
		t.Fatalf("%+v", pv)
	}
	by := map[string]ImportChange{}
	for _, c := range pv.Changes {
		by[c.Name] = c
	}
	if c := by["DATABASE_URL"]; !c.Secret || c.Status != ChangeNew || c.Old != "" || c.New != "" {
		t.Fatalf("DATABASE_URL %+v", c)
	}
	if c := by["NEXT_PUBLIC_SITE_URL"]; c.Secret || c.Status != ChangeNew || c.New != "https://new.example.com" {
		t.Fatalf("site url %+v", c)
	}
	if c := by["AUTH_SECRET"]; c.Status != ChangeIgnored {
		t.Fatalf("AUTH_SECRET %+v", c)
	}
	if b, _ := json.Marshal(pv); strings.Contains(string(b), "CANARY") {
		t.Fatalf("the preview carries a value: %s", b)
	}
	if n := len(s.ListProfiles(bg).Profiles); n != 0 || mem.Len() != 0 {
		t.Fatalf("a preview wrote something: %d profiles, %d secrets", n, mem.Len())
	}

	// A draft's token applies to no saved profile, and a saved profile's token creates nothing.
	saved := mustCreate(t, s, "saved")
	if r := s.ApplyImport(bg, saved.ID, pv.Token); r.OK || r.Code != CodeImportExpired {
		t.Fatalf("%+v", r)
	}
	pvSaved := s.PreviewImportText(bg, saved.ID, []byte(siteEnv))
	if r := s.ApplyImport(bg, "", pvSaved.Token); r.OK || r.Code != CodeImportExpired || len(s.ListProfiles(bg).Profiles) != 1 {
		t.Fatalf("%+v", r)
	}

	pv = s.PreviewImportNewText(bg, draft, []byte(siteEnv))
	r := s.ApplyImport(bg, "", pv.Token)
	if !r.OK || r.Profile.ID == "" || r.Profile.Name != "المتجر" || r.Profile.SiteURL != "https://new.example.com" {
		t.Fatalf("%+v", r)
	}
	if again := s.ApplyImport(bg, "", pv.Token); again.OK || again.Code != CodeImportExpired {
		t.Fatalf("a token applied twice: %+v", again)
	}
	if n := len(s.ListProfiles(bg).Profiles); n != 2 {
		t.Fatalf("want the saved profile and the created one, got %d", n)
	}

	// Text in memory has the file's size limit, on both previews.
	huge := []byte(strings.Repeat("X=1\n", envimport.MaxFileBytes/4+1))
	if pv := s.PreviewImportNewText(bg, draft, huge); pv.OK || pv.Code != "ENV_TOO_BIG" || pv.Token != "" {
		t.Fatalf("%+v", pv.Code)
	}
	if pv := s.PreviewImportText(bg, saved.ID, huge); pv.OK || pv.Code != "ENV_TOO_BIG" || pv.Token != "" {
		t.Fatalf("%+v", pv.Code)
	}

	// Cancelled: nothing is created.
	pv = s.PreviewImportNewText(bg, draft, []byte(siteEnv))
	s.CancelImport(pv.Token)
	if r := s.ApplyImport(bg, "", pv.Token); r.OK || r.Code != CodeImportExpired || len(s.ListProfiles(bg).Profiles) != 2 {
		t.Fatalf("%+v", r)
	}
}
