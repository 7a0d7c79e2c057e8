package settings

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"siyana/backend/envimport"
	"siyana/backend/profile"
	"siyana/backend/secrets"
)

const siteEnv = `DATABASE_URL="mongodb+srv://shop:CANARY-db@cluster0.example.mongodb.net/shop"
PUSHER_APP_ID=1234567
PUSHER_KEY=abcdef
PUSHER_SECRET=CANARY-pusher
PUSHER_CLUSTER=eu
ATLAS_PUBLIC_KEY=CANARY-pub
ATLAS_PRIVATE_KEY=CANARY-priv
ATLAS_GROUP_ID=5f1a2b3c4d5e6f708192a3b4
REVALIDATE_SECRET=CANARY-reval
NEXT_PUBLIC_SITE_URL=https://new.example.com/
AUTH_SECRET=CANARY-auth
`

func TestImportEnv(t *testing.T) {
	t.Run("applies fields and secrets", func(t *testing.T) {
		s, _ := newService(t)
		p := mustCreate(t, s, "p")
		r := s.ImportEnv(bg, p.ID, writeEnv(t, siteEnv))
		if !r.OK || r.Code != CodeOK || !reflect.DeepEqual(r.Stored, secrets.Known) || !reflect.DeepEqual(r.Ignored, []string{"AUTH_SECRET"}) || len(r.Taken) != 10 {
			t.Fatalf("%+v", r)
		}
		got := r.Profile
		if got.SiteURL != "https://new.example.com" || got.Pusher.Cluster != "eu" || got.Atlas.GroupID != "5f1a2b3c4d5e6f708192a3b4" ||
			got.Name != "p" || !reflect.DeepEqual(got.SavedSecrets, secrets.Known) {
			t.Fatalf("%+v", got)
		}
		if v, _ := s.SecretValue(bg, p.ID, secrets.RevalidateSecret); v != "CANARY-reval" {
			t.Fatal("secret not stored")
		}
	})

	invalid := []struct {
		name, content, code, fieldKey string
	}{
		{"bad cluster", siteEnv + "PUSHER_CLUSTER=eu_west\n", CodeInvalidInput, "PUSHER_CLUSTER"},
		{"bad site url", "SITE_URL=ftp://x\nPUSHER_KEY=a\n", CodeInvalidInput, "SITE_URL"},
		{"secret too big", "REVALIDATE_SECRET=" + strings.Repeat("r", secrets.MaxValueBytes+1) + "\n", CodeInvalidInput, "REVALIDATE_SECRET"},
		{"malformed", "DATABASE_URL=\"CANARY-unterminated\n", "ENV_MALFORMED", ""},
		{"nothing known", "FOO=CANARY-foo\n", "ENV_NOTHING_RECOGNISED", ""},
	}
	for _, sc := range invalid {
		t.Run(sc.name, func(t *testing.T) {
			s, mem := newService(t)
			p := mustCreate(t, s, "p")
			r := s.ImportEnv(bg, p.ID, writeEnv(t, sc.content))
			if r.OK || r.Code != sc.code || r.Message == "" || (sc.fieldKey != "" && r.FieldErrors[sc.fieldKey].Code == "") {
				t.Fatalf("%+v", r)
			}
			assertUnchanged(t, s, mem, p)
		})
	}

	t.Run("keychain unavailable changes nothing", func(t *testing.T) {
		s, mem := newService(t)
		p := mustCreate(t, s, "p")
		mem.FailWith(failOn("status", "", secrets.ErrNoKeychain))
		r := s.ImportEnv(bg, p.ID, writeEnv(t, siteEnv))
		if r.OK || r.Code != secrets.ErrNoKeychain.Code() || len(r.Taken) == 0 {
			t.Fatalf("%+v", r)
		}
		mem.FailWith(nil)
		assertUnchanged(t, s, mem, p)
	})

	t.Run("keychain failure midway names what was stored", func(t *testing.T) {
		s, mem := newService(t)
		p := mustCreate(t, s, "p")
		mem.FailWith(failOn("set", secrets.AtlasPublicKey, secrets.ErrLocked))
		r := s.ImportEnv(bg, p.ID, writeEnv(t, siteEnv))
		stored := []string{secrets.DatabaseURL, secrets.PusherSecret}
		if r.OK || r.Code != secrets.ErrLocked.Code() || !reflect.DeepEqual(r.Stored, stored) ||
			!strings.Contains(r.Message, "PUSHER_SECRET") || !strings.Contains(r.Message, secrets.AtlasPublicKey) {
			t.Fatalf("%+v", r)
		}
		got, _ := s.profiles.Get(p.ID)
		if got.SiteURL != p.SiteURL || got.Pusher.Cluster != "" || !reflect.DeepEqual(got.SavedSecrets, stored) {
			t.Fatalf("after partial import: %+v", got)
		}
		mem.FailWith(nil)
		if r := s.ImportEnv(bg, p.ID, writeEnv(t, siteEnv)); !r.OK {
			t.Fatalf("retry: %+v", r)
		}
	})

	t.Run("unknown profile and unreadable path", func(t *testing.T) {
		s, mem := newService(t)
		p := mustCreate(t, s, "p")
		if r := s.ImportEnv(bg, "nosuch", writeEnv(t, siteEnv)); r.Code != CodeProfileNotFound {
			t.Fatalf("%+v", r)
		}
		if r := s.ImportEnv(bg, p.ID, t.TempDir()); r.Code != "ENV_NOT_A_FILE" {
			t.Fatalf("%+v", r)
		}
		assertUnchanged(t, s, mem, p)
	})
}

func assertUnchanged(t *testing.T, s *Service, mem *secrets.Memory, before profile.Profile) {
	t.Helper()
	got, err := s.profiles.Get(before.ID)
	if err != nil || !reflect.DeepEqual(got, before) {
		t.Fatalf("profile changed:\n%+v\n%+v", before, got)
	}
	if mem.Len() != 0 {
		t.Fatalf("%d secrets written", mem.Len())
	}
}

// No result meant for the frontend may ever carry a secret value: a canary goes through every method, on
// success and failure paths, and no rendering of any result may contain it.
func TestNoResultCarriesASecret(t *testing.T) {
	const canary = "CANARY"
	s, mem := newService(t)
	p := mustCreate(t, s, "p")
	var results []any
	add := func(r any) { results = append(results, r) }

	add(s.NewProfile(bg))
	for _, n := range secrets.Known {
		add(s.SetSecret(bg, p.ID, n, "  "+canary+"-"+n+"  "))
	}
	add(s.SetSecret(bg, p.ID, secrets.DatabaseURL, strings.Repeat(canary, secrets.MaxValueBytes)))
	add(s.SetSecret(bg, p.ID, canary, canary))
	add(s.SetSecret(bg, "nosuch", secrets.DatabaseURL, canary))
	add(s.SecretStatus(bg, p.ID))
	add(s.ImportEnv(bg, p.ID, writeEnv(t, siteEnv)))
	add(s.ImportEnv(bg, p.ID, writeEnv(t, siteEnv+"PUSHER_CLUSTER=bad_"+canary+"\n")))
	add(s.ImportEnv(bg, p.ID, writeEnv(t, "DATABASE_URL=\""+canary+"\n")))
	add(s.ImportEnv(bg, p.ID, writeEnv(t, "REVALIDATE_SECRET="+strings.Repeat(canary, 1000)+"\n")))
	mem.FailWith(failOn("set", secrets.AtlasPrivateKey, secrets.ErrLocked))
	add(s.ImportEnv(bg, p.ID, writeEnv(t, siteEnv)))
	add(s.SetSecret(bg, p.ID, secrets.AtlasPrivateKey, canary))
	mem.FailWith(failOn("status", "", secrets.ErrNoKeychain))
	add(s.SecretStatus(bg, p.ID))
	add(s.ImportEnv(bg, p.ID, writeEnv(t, siteEnv)))
	mem.FailWith(nil)
	add(s.SaveProfile(bg, p))
	add(s.ListProfiles(bg))
	add(s.SelectProfile(bg, p.ID))
	add(s.ClearSecret(bg, p.ID, secrets.PusherSecret))
	mem.FailWith(failOn("delete", secrets.AtlasPublicKey, secrets.ErrLocked))
	add(s.DeleteProfile(bg, p.ID, false))
	add(s.DeleteProfile(bg, p.ID, true))
	add(s.ListProfiles(bg))

	if v, err := s.SecretValue(bg, p.ID, secrets.AtlasPublicKey); err != nil || !strings.Contains(v, canary) {
		t.Fatalf("test setup: the canary should still be in the keychain (%v)", err)
	}
	for i, r := range results {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		for _, rendered := range []string{string(b), fmt.Sprintf("%+v", r), fmt.Sprintf("%#v", r)} {
			// The bad cluster value is a profile field, not a secret, yet must not be echoed either.
			if strings.Contains(rendered, canary) {
				t.Fatalf("result %d (%T) contains a secret: %s", i, r, rendered)
			}
		}
	}
}

// ImportEnvText (siyanactl --env) is the file import over text in memory: the same result, the same
// refusals, and the file's size cap.
func TestImportEnvText(t *testing.T) {
	s, _ := newService(t)
	p := mustCreate(t, s, "p")
	r := s.ImportEnvText(bg, p.ID, []byte(siteEnv))
	if !r.OK || !reflect.DeepEqual(r.Stored, secrets.Known) || len(r.Taken) != 10 {
		t.Fatalf("%+v", r)
	}
	if v, _ := s.SecretValue(bg, p.ID, secrets.RevalidateSecret); v != "CANARY-reval" {
		t.Fatal("secret not stored")
	}
	for name, text := range map[string]string{
		"ENV_MALFORMED":          "DATABASE_URL=\"CANARY-unterminated\n",
		"ENV_NOTHING_RECOGNISED": "FOO=CANARY-foo\n",
		"ENV_TOO_BIG":            "SITE_URL=https://x.example\n#" + strings.Repeat("x", envimport.MaxFileBytes),
	} {
		q := mustCreate(t, s, "q-"+strings.ToLower(name[4:9]))
		r := s.ImportEnvText(bg, q.ID, []byte(text))
		if r.OK || r.Code != name || strings.Contains(fmt.Sprintf("%+v", r), "CANARY") {
			t.Fatalf("%s: %+v", name, r)
		}
		if got, _ := s.Profile(q.ID); !reflect.DeepEqual(got, q) {
			t.Fatalf("%s changed the profile: %+v", name, got)
		}
	}
	if r := s.ImportEnvText(bg, "nope", []byte(siteEnv)); r.OK || r.Code != CodeProfileNotFound {
		t.Fatalf("unknown profile: %+v", r)
	}
	// A REVALIDATE_SECRET the route could never match (it travels in a header): named, nothing stored.
	q := mustCreate(t, s, "q-ascii")
	r = s.ImportEnvText(bg, q.ID, []byte("REVALIDATE_SECRET=CANARY-سر\nNEXT_PUBLIC_SITE_URL=https://shop.example\n"))
	if r.OK || r.FieldErrors["REVALIDATE_SECRET"].Code != secrets.CodeNotASCII || strings.Contains(fmt.Sprintf("%+v", r), "CANARY") {
		t.Fatalf("non-ASCII REVALIDATE_SECRET: %+v", r)
	}
	if v, err := s.SecretValue(bg, q.ID, secrets.RevalidateSecret); err == nil || v != "" {
		t.Fatal("the refused secret was stored")
	}
}
