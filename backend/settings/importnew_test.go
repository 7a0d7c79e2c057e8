package settings

import (
	"testing"

	"siyana/backend/profile"
	"siyana/backend/secrets"
)

// The first run: nothing is saved yet, and the .env import creates the profile from the admin's draft.
func TestImportEnvNew(t *testing.T) {
	t.Run("creates the profile with fields and secrets", func(t *testing.T) {
		s, _ := newService(t)
		r := s.ImportEnvNew(bg, profile.Profile{Name: "المتجر", Kind: profile.KindStaging}, writeEnv(t, siteEnv))
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
			r := s.ImportEnvNew(bg, sc.draft, writeEnv(t, sc.env))
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
		r := s.ImportEnvNew(bg, profile.Profile{Name: "p", Kind: profile.KindProduction}, writeEnv(t, "DATABASE_URL=\"CANARY-x\n"))
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
		r := s.ImportEnvNew(bg, profile.Profile{Name: "p", Kind: profile.KindProduction}, writeEnv(t, siteEnv))
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
		r := s.ImportEnvNew(bg, profile.Profile{Name: "p", Kind: profile.KindProduction}, writeEnv(t, siteEnv))
		if r.OK || len(s.ListProfiles(bg).Profiles) != 0 {
			t.Fatalf("%+v / %+v", r, s.ListProfiles(bg).Profiles)
		}
	})
}
