package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"siyana/backend/applog"
	"siyana/backend/platform"
	"siyana/backend/profile"
	"siyana/backend/secrets"
)

// initApp builds the facade the way startup does, without Wails: a recorder for the runtime, an in-memory
// keychain, and a private config dir.
func initApp(t testing.TB) (*App, *platform.Recorder, *secrets.Memory) {
	t.Helper()
	t.Setenv(profile.ConfigDirEnv, t.TempDir())
	rec := &platform.Recorder{}
	kc := secrets.NewMemory()
	a := NewApp()
	a.init(context.Background(), rec, kc)
	if a.initErr != nil {
		t.Fatal(a.initErr)
	}
	t.Cleanup(func() { a.shutdown(context.Background()) })
	return a, rec, kc
}

func TestLogRedactsSecretsSetThroughTheFacade(t *testing.T) {
	a, _, _ := initApp(t)
	res := a.SaveProfile(profile.Profile{Name: "t", Kind: profile.KindDevelopment})
	if !res.OK {
		t.Fatalf("save: %+v", res)
	}
	const canary = "cAnArY-facade-3b9"
	if o := a.SetSecret(res.Profile.ID, secrets.PusherSecret, canary); !o.OK {
		t.Fatalf("set: %+v", o)
	}
	a.log.Error("oops", "detail", "server said "+canary)
	a.shutdown(context.Background())
	b, err := os.ReadFile(filepath.Join(a.configDir, applog.Dir, applog.File))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), canary) || !strings.Contains(string(b), "[REDACTED]") {
		t.Fatalf("log:\n%s", b)
	}
}
