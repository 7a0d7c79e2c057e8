package main

import (
	"strings"
	"testing"

	"siyana/backend/profile"
	"siyana/backend/revalidate"
	"siyana/backend/secrets"
	"siyana/backend/testpeer"
)

// The whole path the card uses: a profile whose secret was saved for the real fixture site is repointed (as
// the settings form, or a hostile page talking to a dev build, would do) to another loopback server. No bound
// method sends it anything until the admin confirms the new origin; then the secret goes there.
func TestRepointedSiteGetsNoSecretUntilConfirmed(t *testing.T) {
	site := testpeer.NextSiteT(t, testpeer.NextSiteOptions{Secret: "origin-secret-0123456789abcdefghijklmnop"})
	evil := testpeer.NewSnoop(t)
	a, _ := newTestApp(t)
	saved := a.SaveProfile(profile.Profile{Name: "shop", Kind: profile.KindStaging, SiteURL: site.URL})
	if !saved.OK {
		t.Fatalf("%+v", saved)
	}
	id := saved.Profile.ID
	if o := a.SetSecret(id, secrets.RevalidateSecret, site.Secret); !o.OK {
		t.Fatal(o)
	}
	first := a.TestSiteConnection(id)
	if first.Code != revalidate.CodeOK {
		t.Fatalf("bound to the fixture site: %s %s", first.Code, first.Message)
	}
	if r := a.RevalidateTags(id, []string{"products"}); r.Code != revalidate.CodeOK {
		t.Fatalf("real run: %s %s", r.Code, r.Message)
	}

	// Repoint, and try to smuggle a binding for the new host along with it.
	p := saved.Profile
	p.SiteURL, p.RevalidateSecretOrigins = evil.URL, []string{evil.URL}
	if r := a.SaveProfile(p); !r.OK || len(r.Profile.RevalidateSecretOrigins) != 1 || r.Profile.RevalidateSecretOrigins[0] != site.URL {
		t.Fatalf("repoint: %+v", r)
	}
	calls := map[string]func() revalidate.Result{
		"test connection": func() revalidate.Result { return a.TestSiteConnection(id) },
		"tags":            func() revalidate.Result { return a.RevalidateTags(id, []string{"products"}) },
		"paths":           func() revalidate.Result { return a.RevalidatePaths(id, []string{"/"}) },
		"full refresh":    func() revalidate.Result { return a.FullRefresh(id, true) },
	}
	for name, call := range calls {
		r := call()
		if r.Code != revalidate.CodeSecretOriginChanged || r.OriginChange == nil ||
			!strings.Contains(r.Message, site.URL) || !strings.Contains(r.Message, evil.URL) {
			t.Fatalf("%s after repointing: %s %s %+v", name, r.Code, r.Message, r.OriginChange)
		}
	}
	// An extra instance on another origin is refused the same way, for the whole run.
	p.SiteURL, p.InstanceURLs = site.URL, []string{evil.URL}
	if r := a.SaveProfile(p); !r.OK {
		t.Fatal(r)
	}
	if r := a.RevalidateTags(id, []string{"products"}); r.Code != revalidate.CodeSecretOriginChanged {
		t.Fatalf("extra instance: %s %s", r.Code, r.Message)
	}
	if got := evil.WithSecret(site.Secret); len(got) != 0 {
		t.Fatalf("the other host received the secret before any confirmation: %v", got)
	}

	// The admin confirms: now (and only now) the new host is sent the secret.
	p.SiteURL, p.InstanceURLs = evil.URL, nil
	a.SaveProfile(p)
	if o := a.ConfirmSecretOrigin(id); !o.OK {
		t.Fatalf("confirm: %+v", o)
	}
	if r := a.TestSiteConnection(id); r.Code != revalidate.CodeRouteMissing {
		t.Fatalf("after confirming: %s %s", r.Code, r.Message)
	}
	if got := evil.WithSecret(site.Secret); len(got) != 1 {
		t.Fatalf("after confirming the new host should get exactly the one dry run: %v", got)
	}
	// Back to the real site: that origin is no longer bound either, until the secret is entered again.
	p.SiteURL = site.URL
	a.SaveProfile(p)
	if r := a.TestSiteConnection(id); r.Code != revalidate.CodeSecretOriginChanged {
		t.Fatalf("back to the old site: %s", r.Code)
	}
	if o := a.SetSecret(id, secrets.RevalidateSecret, site.Secret); !o.OK {
		t.Fatal(o)
	}
	if r := a.TestSiteConnection(id); r.Code != revalidate.CodeOK {
		t.Fatalf("re-entered secret: %s %s", r.Code, r.Message)
	}
}
