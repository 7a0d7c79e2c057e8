package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"siyana/backend/profile"
	"siyana/backend/secrets"
	"siyana/backend/settings"
	"siyana/backend/testpeer"
)

// The desktop app's source: a profile and its secrets seeded through backend/settings into the real
// keychain (a throw-away gnome-keyring: dbus-run-session -- scripts/with-keyring.sh), then every command.
func TestKeychainSourceAgainstPeers(t *testing.T) {
	secrets.RequireRealKeychain(t)
	p := startPeers(t)
	cfg := t.TempDir()
	store, err := profile.Open(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	svc := settings.New(store, secrets.NewKeychain(secrets.Options{})) // the app's service name, as the binary uses
	np := svc.NewProfile(ctx).Profile
	np.Name, np.Kind, np.SiteURL = "shop staging", profile.KindStaging, p.siteURL
	np.Pusher = profile.Pusher{AppID: p.pusherID, Key: p.pusherKey, PublicKey: p.pusherKey, Cluster: "local",
		PublicCluster: "local", Host: p.pusherHost, Insecure: true}
	saved := svc.SaveProfile(ctx, np)
	if !saved.OK {
		t.Fatalf("save: %+v", saved)
	}
	id := saved.Profile.ID
	for name, v := range map[string]string{secrets.DatabaseURL: p.dbURI, secrets.PusherSecret: pusherSecret,
		secrets.RevalidateSecret: reval, secrets.AtlasPrivateKey: atlasPrivate} {
		if o := svc.SetSecret(ctx, id, name, v); !o.OK {
			t.Fatalf("set %s: %+v", name, o)
		}
	}
	env := baseEnv(t, cfg)
	w := &watched{t: t, env: env}
	run := w.run
	named := []string{"--profile", "shop staging"}

	e := doc(t, run(0, "profiles", "--json"))
	if len(e.Profiles) != 1 || e.Source != SourceKeychain || !e.Profiles[0].Cards["realtime"].Ready {
		t.Fatalf("profiles: %+v", e)
	}
	r := run(0, "profiles")
	if !strings.Contains(r.stdout, "Credentials: the desktop app's profiles and the OS keychain") {
		t.Fatalf("source line:\n%s", r.stdout)
	}
	e = doc(t, run(0, append([]string{"check", "all", "--json"}, named...)...))
	for _, it := range e.Results {
		if it.Check != "atlas" && (!it.OK || it.Skipped) {
			t.Errorf("%s: %+v", it.Check, it)
		}
	}
	run(0, append([]string{"check", "pusher"}, named...)...)
	run(0, "check", "live", "--profile", id) // by id too
	run(0, append([]string{"revalidate", "--tags", testpeer.NextSiteTags[0]}, named...)...)
	doc(t, run(0, append([]string{"revalidate", "--full", "--dry-run", "--json"}, named...)...))
	out := filepath.Join(t.TempDir(), "diagnostics.json")
	doc(t, run(0, append([]string{"diagnostics", "-o", out, "--json"}, named...)...))
	body, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	// The bundle is the app's: it carries the revalidation run the command just made (the operation log
	// in the shared config dir).
	if !strings.Contains(string(body), testpeer.NextSiteTags[0]) {
		t.Fatalf("diagnostics without the run:\n%s", body)
	}
	w.keep(string(body))
	run(3, "check", "--profile", "nope")

	// watch on the keychain source counts the revalidation runs of the app's operation log (the tags run
	// above: kind tags, result ok) and serves the checks' states.
	listen := testpeer.FreeAddr(t)
	wd := startDaemon(t, env, ctlBin, append([]string{"watch", "--listen", listen, "--test-interval", "1s"}, named...)...)
	var m string
	eventually(t, 30*time.Second, "watch (keychain) metrics", func() bool {
		m, _, _ = httpGet("http://" + listen + "/metrics")
		return strings.Contains(m, metricReval+`{kind="tags",profile="shop staging",result="ok"} `) &&
			strings.Contains(m, metricUp+`{check="database",profile="shop staging"} 1`)
	})
	if c := wd.term(t, shutdownBound+5*time.Second); c != 0 {
		t.Fatalf("watch exit %d\n%s", c, wd.err.String())
	}
	w.keep(m, wd.out.String(), wd.err.String())

	// No keychain (the session bus is gone): 3 with a keychain code, and diagnostics writes nothing.
	gone := append(append([]string{}, env...), "DBUS_SESSION_BUS_ADDRESS=unix:path="+filepath.Join(cfg, "no-bus"))
	r = ctl(t, gone, append([]string{"check", "database", "--json"}, named...)...)
	want(t, r, 3, "check database (no keychain)")
	if e := doc(t, r); !strings.HasPrefix(e.Code, "KEYCHAIN_") {
		t.Fatalf("no keychain: %+v", e)
	}
	locked := filepath.Join(t.TempDir(), "diagnostics.json")
	r = ctl(t, gone, append([]string{"diagnostics", "-o", locked, "--json"}, named...)...)
	want(t, r, 3, "diagnostics (no keychain)")
	if _, err := os.Stat(locked); !os.IsNotExist(err) {
		t.Fatalf("diagnostics written without the keychain: %v", err)
	}
	w.keep(r.stdout, r.stderr)

	noLeak(t, p.secrets, "keychain source", w.outputs...)
}
