package settings

import (
	"reflect"
	"strings"
	"testing"

	"siyana/backend/profile"
	"siyana/backend/secrets"
)

const shop = "https://shop.example.com"

func originsOf(t *testing.T, s *Service, id string) []string {
	t.Helper()
	p, err := s.profiles.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	return p.RevalidateSecretOrigins
}

// The secret is bound when the admin saves it, never moved by a profile save (whatever the caller sends),
// rebound only by ConfirmSecretOrigin or by saving the secret again, and dropped when it is cleared.
func TestSecretOriginBinding(t *testing.T) {
	s, _ := newService(t)
	p := mustCreate(t, s, "p")
	if got := originsOf(t, s, p.ID); got != nil {
		t.Fatalf("a new profile is bound to %v", got)
	}
	if o := s.SetSecret(bg, p.ID, secrets.PusherSecret, "v"); !o.OK || originsOf(t, s, p.ID) != nil {
		t.Fatalf("another secret bound the revalidation secret: %+v %v", o, originsOf(t, s, p.ID))
	}
	if o := s.SetSecret(bg, p.ID, secrets.RevalidateSecret, strings.Repeat("r", 40)); !o.OK {
		t.Fatal(o)
	}
	if got := originsOf(t, s, p.ID); !reflect.DeepEqual(got, []string{shop}) {
		t.Fatalf("bound to %v", got)
	}

	// Repointing the profile, even with a forged binding in the request, leaves the binding where it was.
	moved, _ := s.profiles.Get(p.ID)
	moved.SiteURL, moved.InstanceURLs = "https://evil.example", []string{"http://127.0.0.1:9"}
	moved.RevalidateSecretOrigins = []string{"https://evil.example", "http://127.0.0.1:9"}
	if r := s.SaveProfile(bg, moved); !r.OK || !reflect.DeepEqual(r.Profile.RevalidateSecretOrigins, []string{shop}) {
		t.Fatalf("save moved the binding: %+v", r)
	}
	forged := profile.Profile{Name: "new", Kind: profile.KindStaging, SiteURL: "https://evil.example",
		RevalidateSecretOrigins: []string{"https://evil.example"}, SavedSecrets: []string{secrets.RevalidateSecret}}
	if r := s.SaveProfile(bg, forged); !r.OK || r.Profile.RevalidateSecretOrigins != nil || r.Profile.SavedSecrets != nil {
		t.Fatalf("a new profile took the caller's binding: %+v", r.Profile)
	}

	if o := s.ConfirmSecretOrigin(bg, p.ID); !o.OK || !strings.Contains(o.Message, "https://evil.example") {
		t.Fatalf("confirm: %+v", o)
	}
	if got := originsOf(t, s, p.ID); !reflect.DeepEqual(got, []string{"https://evil.example", "http://127.0.0.1:9"}) {
		t.Fatalf("confirmed to %v", got)
	}
	// Entering the secret again binds it to the origins of that moment, like a confirmation.
	moved, _ = s.profiles.Get(p.ID)
	moved.SiteURL, moved.InstanceURLs = shop+"/base", nil
	s.SaveProfile(bg, moved)
	s.SetSecret(bg, p.ID, secrets.RevalidateSecret, strings.Repeat("q", 40))
	if got := originsOf(t, s, p.ID); !reflect.DeepEqual(got, []string{shop}) {
		t.Fatalf("re-entered secret bound to %v", got)
	}
	if o := s.ClearSecret(bg, p.ID, secrets.RevalidateSecret); !o.OK || originsOf(t, s, p.ID) != nil {
		t.Fatalf("clear kept the binding: %+v %v", o, originsOf(t, s, p.ID))
	}
}

func TestConfirmSecretOriginRefusals(t *testing.T) {
	s, mem := newService(t)
	p := mustCreate(t, s, "p")
	if o := s.ConfirmSecretOrigin(bg, p.ID); o.OK || o.Code != CodeSecretNotSaved || o.Message == "" {
		t.Fatalf("no secret: %+v", o)
	}
	if o := s.ConfirmSecretOrigin(bg, "nosuch"); o.OK || o.Code != CodeProfileNotFound {
		t.Fatalf("no profile: %+v", o)
	}
	s.SetSecret(bg, p.ID, secrets.RevalidateSecret, strings.Repeat("r", 40))
	noURL, _ := s.profiles.Get(p.ID)
	noURL.SiteURL = ""
	s.SaveProfile(bg, noURL)
	if o := s.ConfirmSecretOrigin(bg, p.ID); o.OK || o.Code != CodeInvalidInput || o.FieldErrors["siteUrl"].Code == "" {
		t.Fatalf("no url: %+v", o)
	}
	if got := originsOf(t, s, p.ID); !reflect.DeepEqual(got, []string{shop}) {
		t.Fatalf("a refused confirmation changed the binding: %v", got)
	}
	if mem.Len() != 1 {
		t.Fatal("confirming touched the keychain")
	}
}

// Importing a .env binds the imported secret to the imported site URL; an import that only moves the URL
// does not move the secret.
func TestImportEnvBindsTheSecret(t *testing.T) {
	s, _ := newService(t)
	p := mustCreate(t, s, "p")
	if r := s.ImportEnv(bg, p.ID, writeEnv(t, siteEnv)); !r.OK {
		t.Fatal(r)
	}
	if got := originsOf(t, s, p.ID); !reflect.DeepEqual(got, []string{"https://new.example.com"}) {
		t.Fatalf("imported secret bound to %v", got)
	}
	if r := s.ImportEnv(bg, p.ID, writeEnv(t, "NEXT_PUBLIC_SITE_URL=https://other.example\n")); !r.OK || r.Profile.SiteURL != "https://other.example" {
		t.Fatal(r)
	}
	if got := originsOf(t, s, p.ID); !reflect.DeepEqual(got, []string{"https://new.example.com"}) {
		t.Fatalf("a URL-only import moved the secret to %v", got)
	}
}

// A binding outlives nothing: when the keychain no longer has the secret, SecretStatus drops its origins, so a
// value put back behind the app's back is not sent before the admin confirms it.
func TestSecretStatusDropsABindingWithoutSecret(t *testing.T) {
	s, mem := newService(t)
	p := mustCreate(t, s, "p")
	s.SetSecret(bg, p.ID, secrets.RevalidateSecret, strings.Repeat("r", 40))
	if err := mem.Delete(bg, p.ID, secrets.RevalidateSecret); err != nil {
		t.Fatal(err)
	}
	if r := s.SecretStatus(bg, p.ID); !r.OK || r.Saved[secrets.RevalidateSecret] {
		t.Fatalf("%+v", r)
	}
	if got := originsOf(t, s, p.ID); got != nil {
		t.Fatalf("still bound to %v", got)
	}
	mem.Set(bg, p.ID, secrets.RevalidateSecret, strings.Repeat("x", 40))
	s.SecretStatus(bg, p.ID)
	if got, _ := s.profiles.Get(p.ID); !got.HasSecret(secrets.RevalidateSecret) || got.RevalidateSecretOrigins != nil {
		t.Fatalf("a reappeared secret: index %v bound %v", got.SavedSecrets, got.RevalidateSecretOrigins)
	}
}
