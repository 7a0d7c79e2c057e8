package main

import (
	"context"
	"os"
	"sync"
	"testing"

	"siyana/backend/profile"
	"siyana/backend/secrets"
	"siyana/backend/settings"
)

// syncBuffer is a byte buffer safe to read while the child process writes into it.
type syncBuffer struct {
	mu  sync.Mutex
	buf []byte
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	return len(p), nil
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}

func testPeers() *Peers {
	return &Peers{
		Mongo:  &MongoInfo{URI: "mongodb://siyana:sandbox-password@127.0.0.1:1/shopdb?authSource=shopdb", Host: "127.0.0.1:1", Database: "shopdb"},
		Pusher: &PusherInfo{Host: "127.0.0.1:2", App: PusherApp{ID: "100001", Key: "sandbox-key", Secret: "sandbox-secret"}},
		Site:   &SiteInfo{URL: "http://127.0.0.1:3", Secret: "sandbox-revalidate-secret-0123456789abcdef"},
	}
}

func TestSeedCreatesThenRefreshesOneCompleteProfile(t *testing.T) {
	ctx := context.Background()
	store, err := profile.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	kc := secrets.NewMemory()
	svc := settings.New(store, kc)

	id, err := seedProfile(ctx, svc, testPeers())
	if err != nil {
		t.Fatal(err)
	}
	// The site secret is bound to the site the sandbox started (a new run on a new port rebinds it).
	if first, _ := store.Get(id); len(first.RevalidateSecretOrigins) != 1 || first.RevalidateSecretOrigins[0] != testPeers().Site.URL {
		t.Fatalf("site secret bound to %v", first.RevalidateSecretOrigins)
	}
	// Atlas keys typed in by hand must not survive a refresh: the sandbox says Atlas is unconfigured.
	if o := svc.SetSecret(ctx, id, secrets.AtlasPublicKey, "pub"); !o.OK {
		t.Fatal(o.Message)
	}
	p := testPeers()
	p.Pusher.Host = "127.0.0.1:4" // a new run, new ports
	p.Site = nil                  // and the site not installed this time
	id2, err := seedProfile(ctx, svc, p)
	if err != nil {
		t.Fatal(err)
	}
	if id2 != id {
		t.Fatalf("refresh created a second profile: %s then %s", id, id2)
	}
	list, sel := store.List()
	if len(list) != 1 || sel != id {
		t.Fatalf("profiles %+v selected %q", list, sel)
	}
	got := list[0]
	if got.Name != SandboxProfileName || got.Kind != profile.KindDevelopment || got.Atlas != (profile.Atlas{}) {
		t.Fatalf("profile %+v", got)
	}
	if got.RevalidateSecretOrigins != nil {
		t.Fatalf("the cleared site secret is still bound to %v", got.RevalidateSecretOrigins)
	}
	if got.Pusher.Host != "127.0.0.1:4" || !got.Pusher.Insecure || got.Pusher.Key != "sandbox-key" || got.Pusher.AppID != "100001" {
		t.Fatalf("pusher %+v", got.Pusher)
	}
	want := map[string]string{secrets.DatabaseURL: testPeers().Mongo.URI, secrets.PusherSecret: "sandbox-secret"}
	for _, name := range secrets.Known {
		v, err := kc.Get(ctx, id, name)
		if want[name] != "" && v != want[name] {
			t.Errorf("%s = %q (%v), want %q", name, v, err, want[name])
		}
		if want[name] == "" && err == nil {
			t.Errorf("%s still stored after the refresh: %q", name, v)
		}
	}
}

func TestStateFileRoundTripAndStaleRemoval(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("SIYANA_CONFIG_DIR", dir)
	if _, err := readState(""); err != errNoSandbox {
		t.Fatalf("no file: %v", err)
	}
	path, err := writeState("", testPeers())
	if err != nil {
		t.Fatal(err)
	}
	st, err := readState("")
	if err != nil || st.PID != os.Getpid() || st.Peers.Pusher.App.Secret != "sandbox-secret" {
		t.Fatalf("%+v %v", st, err)
	}
	// A sandbox killed with -9 leaves its file: the next reader must not seed dead addresses.
	if err := os.WriteFile(path, []byte(`{"pid": 2147483647, "peers": {}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := readState(""); err != errNoSandbox {
		t.Fatalf("stale file: %v", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("stale file kept: %v", err)
	}
	// removeState leaves a file another sandbox wrote.
	if err := os.WriteFile(path, []byte(`{"pid": 1, "peers": {}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	removeState("")
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("removed another sandbox's file: %v", err)
	}
}
