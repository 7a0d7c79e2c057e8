package keychainit

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"strings"
	"testing"
	"time"

	"siyana/backend/secrets"
)

const testService = "siyana-test"

func requireKeychain(t *testing.T) {
	t.Helper()
	secrets.RequireRealKeychain(t)
	if _, err := exec.LookPath("secret-tool"); err != nil {
		t.Fatalf("secret-tool is needed to cross-check the keychain: apt-get install libsecret-tools")
	}
}

// lookup asks libsecret's own CLI, so the test proves the value really is in the keychain, not just in Go.
func lookup(t *testing.T, account string) (string, bool) {
	t.Helper()
	var out, stderr bytes.Buffer
	cmd := exec.Command("secret-tool", "lookup", "service", testService, "username", account)
	cmd.Stdout, cmd.Stderr = &out, &stderr
	err := cmd.Run()
	if err != nil {
		if ee := new(exec.ExitError); errors.As(err, &ee) && out.Len() == 0 {
			return "", false // secret-tool exits 1 with no output when nothing matches
		}
		t.Fatalf("secret-tool lookup: %v (%s)", err, stderr.String())
	}
	return out.String(), true
}

func TestRealKeychain(t *testing.T) {
	requireKeychain(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	k := secrets.NewKeychain(secrets.Options{Service: testService})
	profile := "it" + strings.ReplaceAll(time.Now().Format("150405.000000"), ".", "")
	t.Cleanup(func() { _, _ = k.DeleteProfile(context.Background(), profile) })

	if err := k.Status(ctx); err != nil {
		t.Fatalf("Status: %v", err)
	}
	first, second := "mongodb://u:first@127.0.0.1:27017/db", "mongodb+srv://u:ثاني@127.0.0.1/db?x=1"
	if err := k.Set(ctx, profile, secrets.DatabaseURL, first); err != nil {
		t.Fatalf("Set: %v", err)
	}
	if err := k.Set(ctx, profile, secrets.DatabaseURL, second); err != nil {
		t.Fatalf("overwrite: %v", err)
	}
	got, err := k.Get(ctx, profile, secrets.DatabaseURL)
	if err != nil || got != second {
		t.Fatalf("Get after overwrite: %q, %v", got, err)
	}
	if v, ok := lookup(t, profile+"/"+secrets.DatabaseURL); !ok || v != second {
		t.Fatalf("secret-tool sees %q (found %v), want the overwritten value", v, ok)
	}

	if err := k.Delete(ctx, profile, secrets.DatabaseURL); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, ok := lookup(t, profile+"/"+secrets.DatabaseURL); ok {
		t.Fatal("secret-tool still finds the deleted item")
	}
	if _, err := k.Get(ctx, profile, secrets.DatabaseURL); !errors.Is(err, secrets.ErrNotFound) {
		t.Fatalf("Get deleted: %v, want ErrNotFound", err)
	}
	if err := k.Delete(ctx, profile, secrets.DatabaseURL); !errors.Is(err, secrets.ErrNotFound) {
		t.Fatalf("Delete twice: %v, want ErrNotFound", err)
	}

	tooBig := strings.Repeat("z", secrets.MaxValueBytes+1)
	if err := k.Set(ctx, profile, secrets.PusherSecret, tooBig); !errors.Is(err, secrets.ErrTooBig) {
		t.Fatalf("too big: %v", err)
	}
	if _, ok := lookup(t, profile+"/"+secrets.PusherSecret); ok {
		t.Fatal("a rejected value reached the keychain")
	}
	atCap := strings.Repeat("z", secrets.MaxValueBytes)
	if err := k.Set(ctx, profile, secrets.PusherSecret, atCap); err != nil {
		t.Fatalf("value at the cap: %v", err)
	}

	if err := k.Set(ctx, profile, secrets.AtlasPublicKey, "pub"); err != nil {
		t.Fatal(err)
	}
	removed, err := k.DeleteProfile(ctx, profile)
	if err != nil || strings.Join(removed, ",") != secrets.PusherSecret+","+secrets.AtlasPublicKey {
		t.Fatalf("DeleteProfile: %v, %v", removed, err)
	}
	for _, name := range secrets.Known {
		if _, ok := lookup(t, profile+"/"+name); ok {
			t.Fatalf("%s survived DeleteProfile", name)
		}
	}
}
