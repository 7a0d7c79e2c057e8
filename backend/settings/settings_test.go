package settings

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"siyana/backend/profile"
	"siyana/backend/secrets"
)

var bg = context.Background()

func newService(t *testing.T) (*Service, *secrets.Memory) {
	t.Helper()
	mem := secrets.NewMemory()
	return serviceOver(t, mem), mem
}

// serviceOver is the service over a fresh profile store and the given keychain.
func serviceOver(t *testing.T, kc secrets.Store) *Service {
	t.Helper()
	store, err := profile.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return New(store, kc)
}

func mustCreate(t *testing.T, s *Service, name string) profile.Profile {
	t.Helper()
	r := s.SaveProfile(bg, profile.Profile{Name: name, Kind: profile.KindProduction, SiteURL: "https://shop.example.com"})
	if !r.OK {
		t.Fatalf("create: %+v", r)
	}
	return r.Profile
}

func writeEnv(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), ".env.local")
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func failOn(op, name string, err error) func(string, string, string) error {
	return func(o, _, n string) error {
		if o == op && (name == "" || n == name) {
			return err
		}
		return nil
	}
}

func TestSaveProfile(t *testing.T) {
	s, _ := newService(t)
	p := mustCreate(t, s, "الإنتاج")
	if p.ID == "" || p.Actor == "" || !p.Features.VerifyPaths {
		t.Fatalf("defaults not applied: %+v", p)
	}

	scenarios := []struct {
		name      string
		in        profile.Profile
		code      string
		badFields []string
	}{
		{"invalid fields", profile.Profile{Name: "", Kind: "x", SiteURL: "ftp://a"}, CodeInvalidInput, []string{"kind", "name", "siteUrl"}},
		{"unknown id", profile.Profile{ID: "nosuch", Name: "x", Kind: profile.KindStaging}, CodeProfileNotFound, nil},
		{"update", profile.Profile{ID: p.ID, Name: "جديد", Kind: profile.KindStaging}, CodeOK, nil},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			r := s.SaveProfile(bg, sc.in)
			if r.Code != sc.code || r.OK != (sc.code == CodeOK) || r.Message == "" {
				t.Fatalf("%+v", r)
			}
			var got []string
			for k := range r.FieldErrors {
				got = append(got, k)
			}
			slices.Sort(got)
			if !slices.Equal(got, sc.badFields) {
				t.Fatalf("field errors %v, want %v", r.FieldErrors, sc.badFields)
			}
		})
	}

	// The index of saved secrets is not the caller's to change.
	if o := s.SetSecret(bg, p.ID, secrets.DatabaseURL, "mongodb://127.0.0.1/x"); !o.OK {
		t.Fatal(o)
	}
	cur := s.ListProfiles(bg).Profiles[0]
	cur.SavedSecrets = []string{"PUSHER_SECRET"}
	r := s.SaveProfile(bg, cur)
	if !r.OK || !reflect.DeepEqual(r.Profile.SavedSecrets, []string{secrets.DatabaseURL}) {
		t.Fatalf("index changed by SaveProfile: %+v", r.Profile.SavedSecrets)
	}
	r = s.SaveProfile(bg, profile.Profile{Name: "new", Kind: profile.KindStaging, SavedSecrets: []string{"DATABASE_URL"}})
	if !r.OK || len(r.Profile.SavedSecrets) != 0 {
		t.Fatalf("new profile claims saved secrets: %+v", r.Profile.SavedSecrets)
	}

	list := s.ListProfiles(bg)
	if !list.OK || len(list.Profiles) != 2 || list.SelectedID != p.ID || list.Warning != nil {
		t.Fatalf("%+v", list)
	}
	if o := s.SelectProfile(bg, r.Profile.ID); !o.OK || s.ListProfiles(bg).SelectedID != r.Profile.ID {
		t.Fatalf("select: %+v", o)
	}
	if o := s.SelectProfile(bg, "nosuch"); o.OK || o.Code != CodeProfileNotFound {
		t.Fatalf("select unknown: %+v", o)
	}
	if nr := s.NewProfile(bg); !nr.OK || len(nr.Profile.Revalidation.Tags) == 0 || nr.Profile.ID != "" {
		t.Fatalf("NewProfile: %+v", nr)
	}
}

func TestListProfilesReportsLoadWarning(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, profile.FileName), []byte("{broken"), 0o600)
	store, err := profile.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	r := New(store, secrets.NewMemory()).ListProfiles(bg)
	if r.Warning == nil || r.Warning.Code != profile.WarnCorrupt || r.Profiles == nil {
		t.Fatalf("%+v", r)
	}
}

func TestSetAndClearSecret(t *testing.T) {
	big := strings.Repeat("x", secrets.MaxValueBytes+1)
	scenarios := []struct {
		name, profileID, secret, value string
		failWith                       error
		code                           string
		fieldKey                       string
	}{
		{"ok, trimmed", "", secrets.DatabaseURL, "  mongodb://127.0.0.1/x \n", nil, CodeOK, ""},
		{"blank", "", secrets.DatabaseURL, " \t ", nil, secrets.ErrInvalidValue.Code(), secrets.DatabaseURL},
		{"too big", "", secrets.PusherSecret, big, nil, secrets.ErrTooBig.Code(), secrets.PusherSecret},
		{"header value not ASCII", "", secrets.RevalidateSecret, "سر-إعادة-التحقق-2026", nil, secrets.CodeNotASCII, secrets.RevalidateSecret},
		{"ASCII with a space inside", "", secrets.RevalidateSecret, "a b!~", nil, CodeOK, ""},
		{"unknown name", "", "HOME", "v", nil, secrets.ErrInvalidName.Code(), "name"},
		{"unknown profile", "nosuch", secrets.DatabaseURL, "v", nil, CodeProfileNotFound, ""},
		{"keychain locked", "", secrets.DatabaseURL, "v", secrets.ErrLocked, secrets.ErrLocked.Code(), ""},
		{"no keychain", "", secrets.DatabaseURL, "v", secrets.ErrNoKeychain, secrets.ErrNoKeychain.Code(), ""},
	}
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			s, mem := newService(t)
			p := mustCreate(t, s, "p")
			id := p.ID
			if sc.profileID != "" {
				id = sc.profileID
			}
			if sc.failWith != nil {
				mem.FailWith(failOn("set", "", sc.failWith))
			}
			o := s.SetSecret(bg, id, sc.secret, sc.value)
			if o.Code != sc.code || o.OK != (sc.code == CodeOK) || o.Message == "" {
				t.Fatalf("%+v", o)
			}
			if sc.fieldKey != "" && o.FieldErrors[sc.fieldKey].Code != sc.code {
				t.Fatalf("no field error under %q: %+v", sc.fieldKey, o.FieldErrors)
			}
			got, _ := s.profiles.Get(p.ID)
			if !o.OK {
				if mem.Len() != 0 || len(got.SavedSecrets) != 0 {
					t.Fatal("a failed SetSecret changed the keychain or the index")
				}
				return
			}
			if v, err := s.SecretValue(bg, p.ID, sc.secret); err != nil || v != strings.TrimSpace(sc.value) {
				t.Fatalf("stored %q, %v", v, err)
			}
			if !got.HasSecret(sc.secret) {
				t.Fatal("index not updated")
			}
			if o := s.ClearSecret(bg, p.ID, sc.secret); !o.OK {
				t.Fatal(o)
			}
			if o := s.ClearSecret(bg, p.ID, sc.secret); !o.OK {
				t.Fatalf("clearing twice should succeed: %+v", o)
			}
			got, _ = s.profiles.Get(p.ID)
			if mem.Len() != 0 || got.HasSecret(sc.secret) {
				t.Fatal("clear left the secret or the index entry")
			}
		})
	}

	t.Run("clear fails when the keychain does", func(t *testing.T) {
		s, mem := newService(t)
		p := mustCreate(t, s, "p")
		s.SetSecret(bg, p.ID, secrets.RevalidateSecret, "v")
		mem.FailWith(failOn("delete", "", secrets.ErrTimeout))
		o := s.ClearSecret(bg, p.ID, secrets.RevalidateSecret)
		got, _ := s.profiles.Get(p.ID)
		if o.OK || o.Code != secrets.ErrTimeout.Code() || !got.HasSecret(secrets.RevalidateSecret) {
			t.Fatalf("%+v index %v", o, got.SavedSecrets)
		}
	})
}

func TestSecretStatus(t *testing.T) {
	s, mem := newService(t)
	p := mustCreate(t, s, "p")
	s.SetSecret(bg, p.ID, secrets.PusherSecret, "v")
	// A secret the index does not know about (saved by an older run, say): the keychain answer wins.
	mem.Set(bg, p.ID, secrets.AtlasPublicKey, "pub")

	r := s.SecretStatus(bg, p.ID)
	want := map[string]bool{"DATABASE_URL": false, "PUSHER_SECRET": true, "ATLAS_PUBLIC_KEY": true, "ATLAS_PRIVATE_KEY": false, "REVALIDATE_SECRET": false}
	if !r.OK || r.Source != SourceKeychain || !reflect.DeepEqual(r.Saved, want) {
		t.Fatalf("%+v", r)
	}
	got, _ := s.profiles.Get(p.ID)
	if !reflect.DeepEqual(got.SavedSecrets, []string{secrets.PusherSecret, secrets.AtlasPublicKey}) {
		t.Fatalf("index not reconciled: %v", got.SavedSecrets)
	}

	mem.FailWith(failOn("status", "", secrets.ErrNoKeychain))
	r = s.SecretStatus(bg, p.ID)
	if r.OK || r.Source != SourceIndex || r.Code != secrets.ErrNoKeychain.Code() || !reflect.DeepEqual(r.Saved, want) || r.Message == "" {
		t.Fatalf("fallback: %+v", r)
	}
	mem.FailWith(failOn("get", secrets.AtlasPrivateKey, secrets.ErrLocked))
	if r = s.SecretStatus(bg, p.ID); r.Source != SourceIndex || r.Code != secrets.ErrLocked.Code() {
		t.Fatalf("a failing Get must fall back too: %+v", r)
	}
	if r = s.SecretStatus(bg, "nosuch"); r.OK || r.Code != CodeProfileNotFound {
		t.Fatalf("%+v", r)
	}
}

func TestDeleteProfile(t *testing.T) {
	setup := func(t *testing.T) (*Service, *secrets.Memory, profile.Profile) {
		s, mem := newService(t)
		p := mustCreate(t, s, "p")
		other := mustCreate(t, s, "other")
		for _, n := range []string{secrets.DatabaseURL, secrets.PusherSecret} {
			s.SetSecret(bg, p.ID, n, "v-"+n)
		}
		s.SetSecret(bg, other.ID, secrets.DatabaseURL, "keep")
		return s, mem, p
	}

	t.Run("removes secrets then profile", func(t *testing.T) {
		s, mem, p := setup(t)
		r := s.DeleteProfile(bg, p.ID, false)
		if !r.OK || !r.Deleted || !reflect.DeepEqual(r.SecretsRemoved, []string{secrets.DatabaseURL, secrets.PusherSecret}) || len(r.SecretsLeft) != 0 {
			t.Fatalf("%+v", r)
		}
		if mem.Len() != 1 || len(s.ListProfiles(bg).Profiles) != 1 {
			t.Fatal("wrong things deleted")
		}
		if r := s.DeleteProfile(bg, p.ID, false); r.OK || r.Code != CodeProfileNotFound {
			t.Fatalf("%+v", r)
		}
	})

	t.Run("keychain failure keeps the profile", func(t *testing.T) {
		s, mem, p := setup(t)
		mem.FailWith(failOn("delete", secrets.PusherSecret, secrets.ErrLocked))
		r := s.DeleteProfile(bg, p.ID, false)
		if r.OK || r.Deleted || r.Code != secrets.ErrLocked.Code() ||
			!reflect.DeepEqual(r.SecretsRemoved, []string{secrets.DatabaseURL}) || !reflect.DeepEqual(r.SecretsLeft, []string{secrets.PusherSecret}) {
			t.Fatalf("%+v", r)
		}
		got, err := s.profiles.Get(p.ID)
		if err != nil || !reflect.DeepEqual(got.SavedSecrets, []string{secrets.PusherSecret}) {
			t.Fatalf("profile or index wrong after partial failure: %v %v", got.SavedSecrets, err)
		}
	})

	t.Run("forced delete says what is left", func(t *testing.T) {
		s, mem, p := setup(t)
		mem.FailWith(failOn("delete", "", secrets.ErrNoKeychain))
		r := s.DeleteProfile(bg, p.ID, true)
		if r.OK || !r.Deleted || r.Code != CodeSecretsLeft || len(r.SecretsRemoved) != 0 ||
			!reflect.DeepEqual(r.SecretsLeft, []string{secrets.DatabaseURL, secrets.PusherSecret}) || !strings.Contains(r.Message, "PUSHER_SECRET") {
			t.Fatalf("%+v", r)
		}
		if _, err := s.profiles.Get(p.ID); err == nil {
			t.Fatal("profile survived a forced delete")
		}
	})
}

// Concurrent writers of different secrets on one profile must all end up in the index.
func TestConcurrentSecretWrites(t *testing.T) {
	s, _ := newService(t)
	p := mustCreate(t, s, "p")
	var wg sync.WaitGroup
	for _, n := range secrets.Known {
		wg.Add(2)
		go func() { defer wg.Done(); s.SetSecret(bg, p.ID, n, "v") }()
		go func() { defer wg.Done(); s.SecretStatus(bg, p.ID); s.ListProfiles(bg) }()
	}
	wg.Wait()
	got, _ := s.profiles.Get(p.ID)
	if !reflect.DeepEqual(got.SavedSecrets, secrets.Known) {
		t.Fatalf("index %v", got.SavedSecrets)
	}
}
