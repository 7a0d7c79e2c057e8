package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"siyana/backend/atlas"
	"siyana/backend/check"
	"siyana/backend/dbhealth"
	"siyana/backend/profile"
	"siyana/backend/secrets"
	"siyana/backend/testpeer"
)

// testApp builds the facade the way startup does, over an in-memory keychain and a temp config dir.
func testApp(t *testing.T) (*App, *secrets.Memory) {
	t.Helper()
	a, _, mem := initApp(t)
	return a, mem
}

func saveProfile(t *testing.T, a *App, p profile.Profile) profile.Profile {
	t.Helper()
	if p.Name == "" {
		p.Name, p.Kind, p.SiteURL = "الإنتاج", profile.KindProduction, "https://shop.example.com"
	}
	r := a.SaveProfile(p)
	if !r.OK {
		t.Fatalf("save profile: %+v", r)
	}
	return r.Profile
}

func setSecret(t *testing.T, a *App, id, name, value string) {
	t.Helper()
	if o := a.SetSecret(id, name, value); !o.OK {
		t.Fatalf("set %s: %+v", name, o)
	}
}

func TestCheckDatabaseAgainstFerretDB(t *testing.T) {
	f := testpeer.FerretDBT(t, testpeer.FerretOptions{User: "dbadmin", Password: "Right-Pass-1"})
	a, _ := testApp(t)
	p := saveProfile(t, a, profile.Profile{DBPlan: "M10"})
	// The store turns features on by default; this check is about the stats toggle.
	p.Features.DBStats = false
	p = saveProfile(t, a, p)

	if res := a.CheckDatabase(p.ID); res.Code != check.CodeNotConfigured || res.Plan != "M10" {
		t.Fatalf("no URL saved: %+v", res)
	}

	setSecret(t, a, p.ID, secrets.DatabaseURL, f.URI)
	res := a.CheckDatabase(p.ID)
	if !res.OK || res.DBName != "shopdb" || res.Plan != "M10" || res.LatencyMs <= 0 || res.Stats != nil {
		t.Fatalf("good URL, stats off: %+v", res)
	}

	p.Features.DBStats = true
	p = saveProfile(t, a, p)
	if res := a.CheckDatabase(p.ID); !res.OK || res.Stats == nil {
		t.Fatalf("stats on: %+v", res)
	}

	setSecret(t, a, p.ID, secrets.DatabaseURL, f.URIFor("shop", "Wrong-Pass-2"))
	res = a.CheckDatabase(p.ID)
	if res.Code != dbhealth.CodeUnauthorized || res.Hint == "" {
		t.Fatalf("wrong password: %+v", res)
	}
	raw, _ := json.Marshal(res)
	if strings.Contains(string(raw), "Wrong-Pass-2") {
		t.Fatal("result carries the password")
	}

	// The last result survives as JSON the frontend reads.
	if last := a.LastResults(p.ID).Database; last == nil || last.Code != dbhealth.CodeUnauthorized {
		t.Fatalf("last result: %+v", last)
	}
}

func TestCheckDatabaseKeychainFailureIsNotNotConfigured(t *testing.T) {
	a, mem := testApp(t)
	p := saveProfile(t, a, profile.Profile{})
	mem.FailWith(func(op, _, _ string) error {
		if op == "get" {
			return secrets.ErrLocked
		}
		return nil
	})
	if res := a.CheckDatabase(p.ID); res.OK || res.Code != secrets.ErrLocked.Code() || res.Message != secrets.ErrLocked.Message() {
		t.Fatalf("locked keychain: %+v", res)
	}
}

func TestCheckAtlasSaysWhatIsMissing(t *testing.T) {
	a, _ := testApp(t)
	p := saveProfile(t, a, profile.Profile{})

	p.Features.AtlasLookup = false
	p = saveProfile(t, a, p)
	res := a.CheckAtlas(p.ID)
	if res.Code != check.CodeNotConfigured || res.Params["reason"] != "lookupOff" || res.Hint == "" {
		t.Fatalf("lookup off: %+v", res)
	}

	p.Features.AtlasLookup = true
	p.Atlas.ClusterName = "Cluster0"
	p = saveProfile(t, a, p)
	setSecret(t, a, p.ID, secrets.AtlasPublicKey, "pubkey1")
	res = a.CheckAtlas(p.ID)
	if res.Code != check.CodeNotConfigured {
		t.Fatalf("incomplete: %+v", res)
	}
	for _, want := range []string{"ATLAS_GROUP_ID", "ATLAS_PRIVATE_KEY"} {
		if !strings.Contains(res.Message, want) {
			t.Errorf("message %q does not name %s", res.Message, want)
		}
	}
	for _, present := range []string{"ATLAS_CLUSTER_NAME", "ATLAS_PUBLIC_KEY"} {
		if strings.Contains(res.Message, present) {
			t.Errorf("message %q names %s, which is set", res.Message, present)
		}
	}
	if last := a.LastResults(p.ID).Atlas; last == nil || last.Message != res.Message {
		t.Fatalf("last atlas result: %+v", last)
	}
}

// A configured profile reaches the API with its own project, cluster and public key.
func TestCheckAtlasPassesTheProfileThrough(t *testing.T) {
	var mu sync.Mutex
	var paths, auths []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		paths, auths = append(paths, r.URL.Path), append(auths, r.Header.Get("Authorization"))
		mu.Unlock()
		w.Header().Set("WWW-Authenticate", `Digest realm="MMS Public API", nonce="abc", algorithm=MD5, qop="auth"`)
		w.WriteHeader(http.StatusUnauthorized)
	}))
	t.Cleanup(srv.Close)

	a, _ := testApp(t)
	a.atlas = &atlas.Client{BaseURL: srv.URL}
	p := saveProfile(t, a, profile.Profile{Atlas: profile.Atlas{GroupID: "5f1e2d3c4b5a69788796a5b4", ClusterName: "Cluster0"}})
	p.Features.AtlasLookup = true
	p = saveProfile(t, a, p)
	setSecret(t, a, p.ID, secrets.AtlasPublicKey, "pubkey1")
	setSecret(t, a, p.ID, secrets.AtlasPrivateKey, "private-key-value")

	res := a.CheckAtlas(p.ID)
	if res.Code != atlas.CodeUnauthorized {
		t.Fatalf("refused key: %+v", res)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(paths) == 0 || paths[0] != "/api/atlas/v2/groups/5f1e2d3c4b5a69788796a5b4/clusters/Cluster0" {
		t.Fatalf("paths: %v", paths)
	}
	if !strings.Contains(strings.Join(auths, " "), `username="pubkey1"`) {
		t.Fatalf("the public key was not used: %q", auths)
	}
}

func TestLastResultsUnknownProfileIsEmpty(t *testing.T) {
	a, _ := testApp(t)
	if got := a.LastResults("nope"); got != (LastResults{}) {
		t.Fatalf("got %v", got)
	}
}
