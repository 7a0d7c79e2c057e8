package diagnostics

import (
	"bytes"
	"encoding/json"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"siyana/backend/sitevars"
	"strings"
	"testing"
	"time"

	"siyana/backend/buildinfo"
	"siyana/backend/history"
	"siyana/backend/profile"
	"siyana/backend/revalidate"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func sampleInput() Input {
	at := time.Date(2025, 3, 4, 5, 6, 7, 0, time.UTC)
	dbErr := `{"ok":false,"code":"AUTH_FAILED","message":"فشل التحقق","detail":"connection() error occurred during connection handshake: auth error: sasl conversation error: unable to authenticate using mechanism \"SCRAM-SHA-256\": (AuthenticationFailed) mongodb://siteuser:` + url.QueryEscape(canaryPass) + `@db.example:27017/shop","durationMs":12.5}`
	pusher := `{"ok":false,"code":"UNAUTHORIZED","message":"رفض","detail":"401 Invalid signature: you should have sent HmacSHA256Hex(\"POST\\n/apps/1/events\\nauth_key=k1&auth_signature=0ab1cd\", your_secret_key) secret=` + canaryPusher + `"}`
	return Input{
		Now:     at,
		Build:   buildinfo.Info{Version: "v1.2.3", Commit: "abc1234", Date: "2025-03-01T00:00:00Z", GoVersion: "go1.26.0", OS: "linux", Arch: "amd64"},
		Wails:   "v2.11.0",
		Webview: "",
		Profile: profile.Profile{ID: "p1", Name: "الإنتاج", Kind: profile.KindProduction, SiteURL: "https://shop.example",
			InstanceURLs: []string{"https://a.shop.example"}, DBPlan: "M10",
			Pusher:   profile.Pusher{AppID: "1", Key: "k1", Cluster: "eu", PublicKey: "k1", PublicCluster: "eu"},
			Atlas:    profile.Atlas{GroupID: "g1"},
			Features: profile.Features{AtlasLookup: true, VerifyPaths: true}},
		Saved:    map[string]bool{"DATABASE_URL": true, "PUSHER_SECRET": true, "ATLAS_PRIVATE_KEY": true},
		Keychain: Keychain{OK: true, Code: "OK", Source: "keychain"},
		Checks: map[string]history.Entry{
			history.KindDatabase:    {Kind: history.KindDatabase, SavedAt: at, Result: json.RawMessage(dbErr)},
			history.KindPusherCreds: {Kind: history.KindPusherCreds, SavedAt: at, Result: json.RawMessage(pusher)},
		},
		Runs: []revalidate.LogEntry{{Time: at, RunID: "r1", ProfileID: "p1", Actor: "admin", Kind: "tags", Mode: "expire",
			Tags: []string{"products"}, ItemCount: 1, Outcome: "failed", Code: "UNAUTHORIZED", NextVersion: "15.5.0",
			Instances: []revalidate.InstanceResult{{URL: "https://admin:hunter22@shop.example", Code: "UNAUTHORIZED", HTTPStatus: 401}}}},
		NextVersion: "15.5.0",
		Scrubber:    testScrubber(),
	}
}

// TestBundleGolden pins the bundle's shape. Volatile fields (time, toolchain versions) are normalised so the
// file only changes when the shape does; run with -update after an intended change.
func TestBundleGolden(t *testing.T) {
	b := Build(sampleInput())
	got, err := Encode(b)
	if err != nil {
		t.Fatal(err)
	}
	got = normalise(got)
	path := filepath.Join("testdata", "bundle.golden.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("bundle differs from %s (run go test -update if intended):\n%s", path, got)
	}
	for _, c := range []string{canaryPass, url.QueryEscape(canaryPass), canaryPusher, "hunter22", "0ab1cd"} {
		if strings.Contains(string(got), c) {
			t.Errorf("bundle contains %q", c)
		}
	}
}

var volatile = regexp.MustCompile(`"(generatedAt|go)": "[^"]*"`)

func normalise(b []byte) []byte { return volatile.ReplaceAll(b, []byte(`"$1": "<volatile>"`)) }

func TestBundleListsEveryVariableAndNoValue(t *testing.T) {
	b := Build(sampleInput())
	if len(b.Config) != len(sitevars.Names()) {
		t.Fatalf("config has %d variables, want %d", len(b.Config), len(sitevars.Names()))
	}
	present := map[string]bool{}
	for _, c := range b.Config {
		present[c.Name] = c.Present
	}
	for name, want := range map[string]bool{"DATABASE_URL": true, "REVALIDATE_SECRET": false, "PUSHER_APP_ID": true,
		"ATLAS_CLUSTER_NAME": false, "NEXT_PUBLIC_SITE_URL": true, "PUSHER_HOST": false} {
		if present[name] != want {
			t.Errorf("%s present=%v, want %v", name, present[name], want)
		}
	}
	if b.Runtime.Webview != Unknown || b.Site.Instances != 2 || b.Site.NextVersion != "15.5.0" {
		t.Errorf("runtime/site = %+v %+v", b.Runtime, b.Site)
	}
	if len(b.Redactions) == 0 {
		t.Fatal("no redactions recorded")
	}
	wheres := map[string]bool{}
	for _, r := range b.Redactions {
		wheres[r.Where] = true
	}
	for _, w := range []string{"checks.database.result.detail", "checks.pusherCredentials.result.detail", "revalidations[0].instances[0].url"} {
		if !wheres[w] {
			t.Errorf("no redaction recorded at %s (have %v)", w, wheres)
		}
	}
}

func TestOnlyFiveRuns(t *testing.T) {
	in := sampleInput()
	for len(in.Runs) < 8 {
		in.Runs = append(in.Runs, in.Runs[0])
	}
	if n := len(Build(in).Revalidations); n != MaxRuns {
		t.Fatalf("%d runs, want %d", n, MaxRuns)
	}
}

func TestUnparsableResultIsScrubbedAsText(t *testing.T) {
	in := sampleInput()
	in.Checks = map[string]history.Entry{"x": {Kind: "x", Result: json.RawMessage("not json " + canaryPusher)}}
	b := Build(in)
	if s := string(b.Checks[0].Result); strings.Contains(s, canaryPusher) || !strings.Contains(s, Placeholder) {
		t.Fatal(s)
	}
}
