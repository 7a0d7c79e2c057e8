package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"siyana/backend/profile"
	"siyana/backend/secrets"
	"siyana/backend/testpeer"
	"siyana/backend/update"
)

// canaries are unique values planted in every secret slot: the right ones first (success paths), then wrong
// ones (failure paths). Each one is searched for, with its URL-encoded and base64 forms, everywhere the
// app writes or answers.
type canaries map[string]string

func newCanaries() canaries {
	b := make([]byte, 4)
	_, _ = rand.Read(b)
	s := hex.EncodeToString(b)
	// '+' and '/' make the URL-encoded forms differ from the raw value.
	return canaries{
		"dbPassword":      "cAnArY+db/" + s,
		"dbWrongPassword": "cAnArY+dbwrong/" + s,
		"pusherSecret":    "cAnArY-pusher-" + s,
		"pusherWrong":     "cAnArY-pusherwrong-" + s,
		"atlasPublic":     "cAnArYpub" + s,
		"atlasPrivate":    "cAnArY-priv-" + s,
		"revalSecret":     "cAnArY-reval-0123456789abcdef-" + s,
		"revalWrong":      "cAnArY-revalwrong-0123456789abcdef-" + s,
		"tooBig":          "cAnArY-toobig-" + s,
		"badName":         "cAnArY-badname-" + s,
	}
}

func forms(v string) map[string]string {
	return map[string]string{
		"raw": v, "url-query": url.QueryEscape(v), "url-path": url.PathEscape(v),
		"base64": base64.StdEncoding.EncodeToString([]byte(v)), "base64-raw": base64.RawStdEncoding.EncodeToString([]byte(v)),
		"base64url": base64.RawURLEncoding.EncodeToString([]byte(v)),
	}
}

// atlasEcho answers like the Atlas API to a wrong key pair: a Digest challenge, then a 401 whose body echoes
// the request, Authorization header (with the public key) included.
func atlasEcho() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("WWW-Authenticate", `Digest realm="MMS Public API", domain="", nonce="n0nce", algorithm=MD5, qop="auth", stale=false`)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		body, _ := json.Marshal(map[string]any{"error": 401, "reason": "Unauthorized", "errorCode": "UNAUTHORIZED",
			"detail": fmt.Sprintf("You are not authorized. Request: %s %s Authorization: %s", r.Method, r.URL, r.Header.Get("Authorization"))})
		_, _ = w.Write(body)
	}))
}

type peers struct {
	db     *testpeer.FerretDB
	pusher *testpeer.Soketi
	site   *testpeer.NextSite
}

// startPeers starts the three real peers side by side (each takes seconds) with the given credentials and
// stops them at cleanup. The canary test and the leak sweep both use it.
func startPeers(t *testing.T, db testpeer.FerretOptions, app testpeer.SoketiApp, siteSecret string) peers {
	t.Helper()
	var p peers
	var wg sync.WaitGroup
	errs := make([]error, 3)
	ctx := context.Background()
	wg.Add(3)
	go func() {
		defer wg.Done()
		p.db, errs[0] = testpeer.StartFerretDB(ctx, db)
	}()
	go func() {
		defer wg.Done()
		p.pusher, errs[1] = testpeer.StartSoketi(ctx, testpeer.SoketiOptions{Apps: []testpeer.SoketiApp{app}})
	}()
	go func() {
		defer wg.Done()
		p.site, errs[2] = testpeer.StartNextSite(ctx, testpeer.NextSiteOptions{Secret: siteSecret})
	}()
	wg.Wait()
	t.Cleanup(func() {
		if p.db != nil {
			p.db.Stop()
		}
		if p.pusher != nil {
			p.pusher.Stop()
		}
		if p.site != nil {
			p.site.Stop()
		}
	})
	for _, err := range errs {
		testpeer.Require(t, err)
	}
	return p
}

// TestNoSecretLeaksAnywhere is the release-blocking proof of issue 6: with canaries in every secret slot,
// every bound method runs on success and failure paths, then diagnostics are exported, and no canary (raw,
// URL-encoded or base64) may appear in any binding result, event, log file, config file, the revalidation
// log, the saved diagnostics.json or the clipboard.
func TestNoSecretLeaksAnywhere(t *testing.T) {
	c := newCanaries()
	pr := startPeers(t, testpeer.FerretOptions{User: "shop", Password: c["dbPassword"]},
		testpeer.SoketiApp{ID: "100001", Key: "canary-app-key", Secret: c["pusherSecret"]}, c["revalSecret"])
	atlasSrv := atlasEcho()
	defer atlasSrv.Close()

	a, rec, _ := initApp(t)
	a.atlas.BaseURL = atlasSrv.URL
	outDir := t.TempDir()

	answers := map[string][]string{} // bound method → JSON of each answer
	call := func(method string, v any) {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("%s: %v", method, err)
		}
		answers[method] = append(answers[method], string(b))
	}
	wait := func() { time.Sleep(1100 * time.Millisecond) } // the profile's 1 s revalidation cooldown

	call("BuildInfo", a.BuildInfo())
	call("ListProfiles", a.ListProfiles())
	saved := a.SaveProfile(profile.Profile{
		Name: "كناري", Kind: profile.KindDevelopment, SiteURL: pr.site.URL, Actor: "canary-test",
		Pusher: profile.Pusher{AppID: "100001", Key: "canary-app-key", PublicKey: "canary-app-key", Cluster: "local",
			PublicCluster: "local", Host: pr.pusher.Host, Insecure: true},
		Atlas:        profile.Atlas{GroupID: "5f0c0ffee0c0ffee0c0ffee0", ClusterName: "Cluster0"},
		Revalidation: profile.Revalidation{Tags: []string{"products"}, Paths: []string{"/"}, CooldownSeconds: 1},
		Features:     profile.Features{DBStats: true, AtlasLookup: true, VerifyPaths: true},
	})
	call("SaveProfile", saved)
	if !saved.OK {
		t.Fatalf("save profile: %+v", saved)
	}
	id := saved.Profile.ID
	call("SelectProfile", a.SelectProfile(id))

	// Secrets arrive through the .env import (success), then a malformed file whose bad line holds a canary.
	env := filepath.Join(outDir, "site.env")
	writeFile(t, env, fmt.Sprintf("DATABASE_URL=%s\nPUSHER_SECRET=%s\nATLAS_PUBLIC_KEY=%s\nATLAS_PRIVATE_KEY=%s\nREVALIDATE_SECRET=%s\n",
		pr.db.URIFor("shop", c["dbPassword"]), c["pusherSecret"], c["atlasPublic"], c["atlasPrivate"], c["revalSecret"]))
	rec.OpenPath = env
	imp := a.ImportEnv(id)
	call("ImportEnv", imp)
	if !imp.OK {
		t.Fatalf("import: %+v", imp)
	}
	bad := filepath.Join(outDir, "bad.env")
	writeFile(t, bad, "PUSHER_SECRET=\"unterminated "+c["pusherSecret"]+"\nDATABASE_URL='"+c["dbPassword"]+"\n")
	rec.OpenPath = bad
	call("ImportEnv", a.ImportEnv(id))
	call("SecretStatus", a.SecretStatus(id))
	call("Readiness", a.Readiness(id))
	call("NewProfile", a.NewProfile())
	// The release notice holds no secret; called so a future field that echoes one is searched too.
	call("UpdateSettings", a.UpdateSettings())
	call("SaveUpdateSettings", a.SaveUpdateSettings(update.Settings{}))
	call("CheckForUpdate", a.CheckForUpdate()) // off: DISABLED, no request

	// Success paths on the real peers (Atlas answers 401: there is no real Atlas on loopback).
	db := a.CheckDatabase(id)
	call("CheckDatabase", db)
	if !db.OK {
		t.Fatalf("database check on FerretDB: %+v", db)
	}
	call("CheckAtlas", a.CheckAtlas(id))
	call("PusherPresence", a.PusherPresence(id))
	creds := a.ValidatePusher(id)
	call("ValidatePusher", creds)
	if !creds.OK {
		t.Fatalf("pusher credentials on soketi: %+v", creds)
	}
	call("PusherLiveTest", a.PusherLiveTest(id))
	site := a.TestSiteConnection(id)
	call("TestSiteConnection", site)
	if !site.OK {
		t.Fatalf("site dry run: %+v", site)
	}
	wait()
	tags := a.RevalidateTags(id, []string{"products", "company"})
	call("RevalidateTags", tags)
	wait()
	call("RevalidatePaths", a.RevalidatePaths(id, []string{"/", "/dashboard"}))
	wait()
	call("FullRefresh", a.FullRefresh(id, true))
	wait()
	call("RetryFailedRevalidation", a.RetryFailedRevalidation(id, tags.RunID))
	call("RevalidationStatus", a.RevalidationStatus(id))
	call("RevalidationHistory", a.RevalidationHistory(id))
	call("ValidateRevalidation", a.ValidateRevalidation([]string{"products", ""}, []string{"/", "no-slash"}))
	call("CancelRevalidation", a.CancelRevalidation(id))
	call("ConfirmSecretOrigin", a.ConfirmSecretOrigin(id))

	// Failure paths whose messages can echo input: wrong Mongo password, Pusher 401, site 401, bad secrets.
	call("SetSecret", a.SetSecret(id, secrets.DatabaseURL, pr.db.URIFor("shop", c["dbWrongPassword"])))
	call("SetSecret", a.SetSecret(id, secrets.PusherSecret, c["pusherWrong"]))
	call("SetSecret", a.SetSecret(id, secrets.RevalidateSecret, c["revalWrong"]))
	call("SetSecret", a.SetSecret(id, secrets.AtlasPrivateKey, c["tooBig"]+strings.Repeat("x", secrets.MaxValueBytes)))
	call("SetSecret", a.SetSecret(id, "NOT_A_SECRET_NAME", c["badName"]))
	if dbf := a.CheckDatabase(id); dbf.OK {
		t.Fatalf("wrong password accepted: %+v", dbf)
	} else {
		call("CheckDatabase", dbf)
	}
	if pf := a.ValidatePusher(id); pf.OK {
		t.Fatalf("wrong pusher secret accepted: %+v", pf)
	} else {
		call("ValidatePusher", pf)
	}
	call("PusherLiveTest", a.PusherLiveTest(id))
	call("CheckAtlas", a.CheckAtlas(id))
	if sf := a.TestSiteConnection(id); sf.OK {
		t.Fatalf("wrong revalidation secret accepted: %+v", sf)
	} else {
		call("TestSiteConnection", sf)
	}
	wait()
	call("RevalidateTags", a.RevalidateTags(id, []string{"products"}))
	call("LastResults", a.LastResults(id))

	// Second line of defence: text echoing the secrets (as a peer's raw answer would) logged through the app's
	// logger must reach the log file redacted. The Atlas echo server's real answer carries the public key.
	echo := fetchAtlasEcho(t, atlasSrv.URL, c["atlasPublic"])
	// Only values the keychain held this session can be known to the redactor (tooBig and badName were
	// refused before reaching it; the facade answers for those are searched like every other).
	var all []string
	for _, slot := range []string{"dbPassword", "dbWrongPassword", "pusherSecret", "pusherWrong", "atlasPublic", "atlasPrivate", "revalSecret", "revalWrong"} {
		v := c[slot]
		all = append(all, v, url.QueryEscape(v), base64.StdEncoding.EncodeToString([]byte(v)))
	}
	a.log.Error("peer answer", "atlas", echo, "err", fmt.Errorf("driver: %s", strings.Join(all[:len(all)/2], " ")))
	a.log.Warn("echo", slog.Group("req", slog.String("body", strings.Join(all[len(all)/2:], " "))))

	// Export: preview, save through the dialog seam, copy.
	call("PreviewDiagnostics", a.PreviewDiagnostics(id))
	rec.SavePath = filepath.Join(outDir, "diagnostics.json")
	sd := a.SaveDiagnostics(id)
	call("SaveDiagnostics", sd)
	if !sd.OK {
		t.Fatalf("save diagnostics: %+v", sd)
	}
	call("CopyDiagnostics", a.CopyDiagnostics(id))

	// A second profile is cleared and deleted, so those paths run too.
	other := a.SaveProfile(profile.Profile{Name: "مؤقت", Kind: profile.KindStaging})
	call("SaveProfile", other)
	call("SetSecret", a.SetSecret(other.Profile.ID, secrets.PusherSecret, c["pusherSecret"]))
	call("ClearSecret", a.ClearSecret(other.Profile.ID, secrets.PusherSecret))
	call("ConfirmSecretOrigin", a.ConfirmSecretOrigin(other.Profile.ID)) // no secret saved: refused
	call("DeleteProfile", a.DeleteProfile(other.Profile.ID, false))
	call("Language", a.Language())
	call("SetLanguage", a.SetLanguage("en"))
	call("SetLanguage", a.SetLanguage(c["pusherSecret"])) // refused: not a language, and not echoed
	// The release notice holds no secret; off, it asks no one.
	call("UpdateSettings", a.UpdateSettings())
	call("SaveUpdateSettings", a.SaveUpdateSettings(update.Settings{}))
	call("CheckForUpdate", a.CheckForUpdate())
	a.shutdown(context.Background())

	// Every bound method must have run: a new one without a line here fails the test.
	typ := reflect.TypeOf(a)
	for i := 0; i < typ.NumMethod(); i++ {
		if name := typ.Method(i).Name; answers[name] == nil {
			t.Errorf("bound method %s was not exercised by the canary test", name)
		}
	}

	// The places searched.
	places := map[string]string{}
	for m, list := range answers {
		places["binding result of "+m] = strings.Join(list, "\n")
	}
	ev, _ := json.Marshal(rec.Events())
	places["emitted events"] = string(ev)
	places["clipboard"] = rec.Clipboard
	places["saved diagnostics.json"] = readFile(t, rec.SavePath)
	_ = filepath.WalkDir(a.configDir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(a.configDir, p)
			places["config dir file "+rel] = readFile(t, p)
		}
		return nil
	})
	for _, must := range []string{"config dir file logs/siyana.log", "config dir file revalidate-log.jsonl",
		"config dir file profiles.json", "config dir file last-results.json"} {
		if _, ok := places[must]; !ok {
			t.Errorf("%s was not written, so it could not be searched", must)
		}
	}
	checkBundleFields(t, places["saved diagnostics.json"])

	names := make([]string, 0, len(places))
	for n := range places {
		names = append(names, n)
	}
	sort.Strings(names)
	for slot, v := range c {
		for form, f := range forms(v) {
			for _, where := range names {
				if strings.Contains(places[where], f) {
					t.Errorf("LEAK: canary %s (%s form) found in %s", slot, form, where)
				}
			}
		}
	}
	if !strings.Contains(places["config dir file logs/siyana.log"], "[REDACTED]") {
		t.Error("the log shows no redaction although echoed secrets were logged")
	}
}

// fetchAtlasEcho makes the Digest round trip the Atlas client makes and returns the 401 body.
func fetchAtlasEcho(t *testing.T, base, publicKey string) string {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+"/api/atlas/v2/groups/x/clusters/y", nil)
	req.Header.Set("Authorization", `Digest username="`+publicKey+`", realm="MMS Public API", nonce="n0nce", uri="/api/atlas/v2/groups/x/clusters/y", response="0"`)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	buf := make([]byte, 4096)
	for {
		n, err := resp.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	if !strings.Contains(b.String(), publicKey) {
		t.Fatalf("the echo server did not echo: %s", b.String())
	}
	return b.String()
}

// checkBundleFields asserts that a saved bundle carries every item issue 6 lists.
func checkBundleFields(t *testing.T, text string) {
	t.Helper()
	var b struct {
		SchemaVersion int    `json:"schemaVersion"`
		GeneratedAt   string `json:"generatedAt"`
		App           struct{ Version, Commit, BuildDate string }
		Runtime       struct{ Go, Wails, Webview, OS, Arch string }
		Site          struct{ NextVersion string }
		Profile       struct {
			Name, Kind string
			Features   map[string]bool
		}
		Config []struct {
			Name    string
			Present bool
		}
		Keychain      struct{ Code, Source string }
		Checks        []struct{ Kind string }
		Revalidations []json.RawMessage
		Redactions    []json.RawMessage
	}
	if err := json.Unmarshal([]byte(text), &b); err != nil {
		t.Fatalf("diagnostics.json: %v", err)
	}
	kinds := map[string]bool{}
	for _, c := range b.Checks {
		kinds[c.Kind] = true
	}
	switch {
	case b.SchemaVersion != 1 || b.GeneratedAt == "" || b.App.Version == "" || b.App.Commit == "" || b.App.BuildDate == "":
		t.Errorf("bundle header: %+v", b)
	case b.Runtime.Go == "" || b.Runtime.Wails == "" || b.Runtime.Webview == "" || b.Runtime.OS == "" || b.Runtime.Arch == "":
		t.Errorf("runtime: %+v", b.Runtime)
	case b.Site.NextVersion == "":
		t.Errorf("no Next.js version although the route answered")
	case b.Profile.Name != "كناري" || b.Profile.Kind != "development" || len(b.Profile.Features) != 3:
		t.Errorf("profile: %+v", b.Profile)
	case len(b.Config) < 13 || b.Keychain.Code == "" || b.Keychain.Source == "":
		t.Errorf("config/keychain: %+v %+v", b.Config, b.Keychain)
	case !kinds["database"] || !kinds["atlas"] || !kinds["pusherCredentials"] || !kinds["pusherLive"] || !kinds["site"] || !kinds["revalidation"]:
		t.Errorf("checks: %v", kinds)
	case len(b.Revalidations) == 0 || len(b.Revalidations) > 5:
		t.Errorf("%d revalidation runs", len(b.Revalidations))
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
